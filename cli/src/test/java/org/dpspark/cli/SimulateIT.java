package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.TrajectoryFramesTable;
import org.dpspark.core.table.TrajectorySummaryTable;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.simulate.dp.PerturbedModels;
import org.dpspark.simulate.ensemble.PotentialSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulate command on a local Spark: an ensemble of trajectories, one per task. */
class SimulateIT {
    private final SparkSession spark = LocalSpark.get();

    /**
     * Stillinger–Weber silicon 2×2×2 (64 atoms) and a deliberately squeezed copy (a = 2.6 Å, nearest neighbours
     * 1.13 Å) × 2 temperatures × 2 seeds × 2 integrators = 16 trajectories of 100 steps, frames every 25.
     */
    static final String SILICON = """
            simulate {
              structures = [
                { lattice = diamond, element = Si, a = 5.431, repeat = [2, 2, 2], name = "si" }
                { lattice = diamond, element = Si, a = 2.6, repeat = [2, 2, 2], name = "squeezed" }
              ]
              temperatures = [300, 600]
              seeds = 2
              potentials = [ { type = sw } ]
              integrator { type = [nve, bussi], dt = 1.0, steps = 100, tau = 50 }
              dump-every = 25
              thermo-every = 5
            }
            """;

    private static Map<String, Row> byId(List<Row> rows, String... extraKey) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : rows) {
            String key = r.getAs(TrajectoryFramesTable.TRAJECTORY_ID);
            for (String k : extraKey) {
                key += "/" + r.getAs(k);
            }
            m.put(key, r);
        }
        return m;
    }

    @Test
    void siliconEnsembleRunsEveryTrajectoryReproduciblyAndStopsOnlyTheBadOnes(@TempDir Path tmp) throws IOException {
        Path conf = Files.writeString(tmp.resolve("si.conf"), SILICON);
        Path out = tmp.resolve("md");
        String printed = Cli.run("simulate", "--conf", conf.toString(), "--output", out.toString());
        assertTrue(printed.contains("trajectories: 16 (completed 8, stopped 8)"), printed);
        assertTrue(printed.contains("execution: " + PotentialSpec.JAVA), printed);

        List<Row> summary = org.dpspark.core.table.DeltaTables.read(spark, out.resolve("summary").toString()).collectAsList();
        assertEquals(16, summary.size());
        for (Row r : summary) {
            String structure = r.getAs(TrajectorySummaryTable.STRUCTURE);
            String status = r.getAs(TrajectorySummaryTable.STATUS);
            assertEquals(PotentialSpec.JAVA, r.<String>getAs(TrajectorySummaryTable.EXECUTION_MODE));
            if (structure.equals("si")) {
                assertEquals("completed", status, r.toString());
                assertNull(r.getAs(TrajectorySummaryTable.REASON));
                assertEquals(100L, (long) r.getAs(TrajectorySummaryTable.STEPS_DONE));
                assertEquals(5, (int) r.getAs(TrajectorySummaryTable.FRAMES));
                double t = r.getAs(TrajectorySummaryTable.MEAN_TEMPERATURE);
                double target = r.getAs(TrajectorySummaryTable.TEMPERATURE_TARGET);
                // from the perfect crystal, equipartition halves T within ~50 fs; Bussi pulls it back: 0.3–1.2 × target
                assertTrue(t > 0.3 * target && t < 1.2 * target, "mean T " + t + " for " + target);
                assertNotNull(r.getAs(TrajectorySummaryTable.ENERGY_DRIFT));
                assertNotNull(r.getAs(TrajectorySummaryTable.MEAN_PRESSURE));
                assertTrue((double) r.getAs(TrajectorySummaryTable.ATOM_STEPS_PER_SECOND) > 0);
                assertEquals(21, r.getList(r.fieldIndex(TrajectorySummaryTable.THERMO_TIME)).size());
            } else {
                assertFalse(status.equals("completed"), "the squeezed crystal blows up: " + r);
                assertNotNull(r.getAs(TrajectorySummaryTable.REASON));
                assertTrue((long) r.getAs(TrajectorySummaryTable.STEPS_DONE) < 100);
            }
        }

        List<Row> frames = org.dpspark.core.table.DeltaTables.read(spark, out.resolve("trajectories").toString()).collectAsList();
        long good = frames.stream().filter(r -> r.getAs("dataset").equals("si")).count();
        assertEquals(8 * 5, good, "8 trajectories × frames at steps 0, 25, 50, 75, 100");
        Row f = frames.get(0);
        assertEquals(64, (int) f.getAs("natoms"));
        assertNull(f.getAs(TrajectoryFramesTable.MAX_DEVI_F), "no deviation models");
        assertEquals(f.<String>getAs(TrajectoryFramesTable.TRAJECTORY_ID), f.<String>getAs("source_file"));
        assertEquals(FrameRows.fromRow(f).id(), f.<String>getAs("frame_id"), "frame ids are the frames' content hashes");

        try (Stream<Path> xyz = Files.list(out.resolve("xyz"))) {
            assertEquals(16, xyz.filter(p -> p.toString().endsWith(".xyz")).count());
        }
        for (String png : List.of("energy.png", "temperature.png", "rdf.png")) {
            assertTrue(Files.size(out.resolve("plots").resolve(png)) > 1000, png);
        }
        for (String table : List.of("trajectories", "summary")) {
            String record = org.dpspark.core.table.TableHistory.latestRunRecord(spark, out.resolve(table).toString());
            assertTrue(record.contains("\"execution_modes\"") && record.contains(PotentialSpec.JAVA), record);
            assertFalse(Files.exists(out.resolve(table).resolve(DatasetSidecar.FILE_NAME)), "no sidecar beside " + table);
        }
        String xyz = Files.readString(out.resolve("xyz").resolve(DatasetSidecar.FILE_NAME));
        assertTrue(xyz.contains("\"execution_modes\"") && xyz.contains(PotentialSpec.JAVA), xyz);
        org.dpspark.simulate.ensemble.EnsembleJob.committedRun(spark, out.toString());
        assertFalse(Files.exists(out.resolve("_staging")));

        // a second run: the same ids and bitwise the same positions (Spark's task order and threads do not matter)
        Path again = tmp.resolve("md-again");
        Cli.run("simulate", "--conf", conf.toString(), "--output", again.toString(), "--set", "simulate.xyz=false");
        Map<String, Row> first = byId(frames, TrajectoryFramesTable.STEP);
        Map<String, Row> second = byId(org.dpspark.core.table.DeltaTables.read(spark, again.resolve("trajectories").toString()).collectAsList(),
                TrajectoryFramesTable.STEP);
        assertEquals(first.keySet(), second.keySet());
        for (Map.Entry<String, Row> e : first.entrySet()) {
            assertArrayEquals(FrameRows.doubles(e.getValue(), "positions"), FrameRows.doubles(second.get(e.getKey()),
                    "positions"), e.getKey());
            assertEquals(e.getValue().<String>getAs("frame_id"), second.get(e.getKey()).getAs("frame_id"));
        }
        String exists = Cli.fail("simulate", "--conf", conf.toString(), "--output", again.toString());
        assertTrue(exists.contains("already exists"), exists);
        Cli.run("simulate", "--conf", conf.toString(), "--output", again.toString(), "--overwrite", "--set",
                "simulate.temperatures=[300]", "--set", "simulate.xyz=false");
        assertEquals(8, org.dpspark.core.table.DeltaTables.read(spark, again.resolve("summary").toString()).count(), "replaced, not appended");
    }

    @Test
    void deepPotentialEnsembleRecordsTheModelDeviation(@TempDir Path tmp) throws IOException {
        Path yaml = SharedData.path("deepmd-models/deeppot_sea.yaml");
        Path sea = tmp.resolve("sea");
        Path other = tmp.resolve("sea-perturbed");
        DeepPotModel model = DeepPotModel.importDeepmd(yaml);
        model.save(sea);
        PerturbedModels.perturbFitting(model, 0.05, 1L).save(other);
        // also reads structures from a frames table (periodic boron) and an extxyz file (an aspirin molecule, no
        // cell: no pressure, no RDF); LJ (σ below every bond length, so gentle) accepts any elements
        Path frames = tmp.resolve("frames");
        Path xyz = SharedData.path("extxyz/xyz_unittest.xyz");
        Cli.run("ingest", "-i", xyz.toString(), "-o", frames.toString());
        Path conf = Files.writeString(tmp.resolve("dp.conf"), """
                simulate {
                  structures = [ { water-box { molecules = 16, density = 1.0 } } ]
                  temperatures = [300]
                  seeds = [7, 8]
                  potentials = [ { type = deep-potential, model = "%s", deviation-models = ["%s", "%s"] } ]
                  integrator { type = nve, dt = 0.5, steps = 10 }
                  dump-every = 5
                  thermo-every = 1
                  guard { min-distance = 0.1 }
                }
                """.formatted(yaml, sea, other));
        Path out = tmp.resolve("md");
        String printed = Cli.run("simulate", "--conf", conf.toString(), "--output", out.toString());
        assertTrue(printed.contains("trajectories: 2 (completed 2"), printed);
        List<Row> rows = org.dpspark.core.table.DeltaTables.read(spark, out.resolve("trajectories").toString()).collectAsList();
        assertEquals(2 * 3, rows.size());
        for (Row r : rows) {
            double max = r.getAs(TrajectoryFramesTable.MAX_DEVI_F);
            double min = r.getAs(TrajectoryFramesTable.MIN_DEVI_F);
            double avg = r.getAs(TrajectoryFramesTable.AVG_DEVI_F);
            assertTrue(max > 0 && max >= avg && avg >= min && min >= 0, max + " " + avg + " " + min);
            assertEquals(48, r.<Integer>getAs("natoms").intValue());
            assertEquals("H32O16", r.<String>getAs("formula"));
            assertEquals(org.dpspark.model.eval.BatchedDeepPotEvaluator.MODE,
                    r.<String>getAs(TrajectoryFramesTable.EXECUTION_MODE),
                    "the mode the Deep Potential results reported (execution java: the batched evaluator)");
        }

        Path lj = Files.writeString(tmp.resolve("lj.conf"), """
                simulate {
                  structures = [ { frames = "%s", limit = 2 }, { extxyz = "%s", index = 1, name = "aspirin" } ]
                  temperatures = [50]
                  potentials = [ { type = lj, epsilon = 0.001, sigma = 0.9, cutoff = 3.0 } ]
                  integrator { type = langevin, dt = 1.0, steps = 20 }
                  dump-every = 10
                  xyz = false
                  guard { min-distance = 0 }
                }
                """.formatted(frames, SharedData.path("extxyz/aspirin-md17-kcalmol.xyz")));
        String ljOut = Cli.run("simulate", "--conf", lj.toString(), "--output", tmp.resolve("lj").toString());
        assertTrue(ljOut.contains("trajectories: 3 (completed 3"), ljOut);
        List<Row> s = org.dpspark.core.table.DeltaTables.read(spark, tmp.resolve("lj/summary").toString()).collectAsList();
        Row aspirin = s.stream().filter(r -> r.getAs(TrajectorySummaryTable.STRUCTURE).equals("aspirin")).findFirst()
                .orElseThrow();
        assertEquals(21, aspirin.<Integer>getAs(TrajectorySummaryTable.NATOMS).intValue());
        assertNull(aspirin.getAs(TrajectorySummaryTable.MEAN_PRESSURE), "no cell, no pressure");
    }
}
