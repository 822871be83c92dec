package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.table.TrajectorySummaryTable;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.SeAttenDescriptor;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.model.eval.SeAttenEvaluator;
import org.dpspark.train.data.FrameSource;
import org.dpspark.train.data.TrainFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DPA-1 model (se_atten, attn_layer 0) trained here on mixed-type data, through the command line on a local Spark:
 * water data_0 (O, H; periodic) and the nopbc CHO molecules C1H4O2 (C, H, O) ingested into one table; {@code train}
 * with {@code conf/train-mixed-dpa1.conf} (type map from the union of the elements, sel auto summed into se_atten's one
 * total, engine rdd), then {@code train --resume} from its checkpoint; {@code test} (predictions equal to
 * {@link SeAttenEvaluator}'s bit for bit, per dataset); {@code export-model} → {@code import-model} (the same
 * descriptor, energies and forces bit for bit); NVE MD of a water box with the trained model at dt and dt/2 (the
 * energy drift scales as dt²: the forces are −∇E).
 */
class SeAttenPipelineIT {

    @Test
    void trainResumeTestExportSimulate(@TempDir Path tmp) throws Exception {
        SparkSession spark = LocalSpark.get();
        Path table = tmp.resolve("frames");
        Cli.run("ingest", "-i", SharedData.path("deepmd/water/data_0").toString(), "-o", table.toString());
        Cli.run("ingest", "-i", SharedData.path("deepmd/nopbc-CHO/C1H4O2").toString(), "-o", table.toString());
        String conf = Path.of(System.getProperty("dpspark.root"), "conf/train-mixed-dpa1.conf").toString();
        Path model = tmp.resolve("models/dpa1");
        String[] common = {"--frames", table.toString(), "--conf", conf, "-o", model.toString(),
            "--set", "train.data.datasets=[data_0, C1H4O2]", "--set", "train.data.splits=[train]",
            "--set", "train.data.valid-datasets=[data_0, C1H4O2]", "--set", "train.data.valid-max-frames=4",
            "--set", "train.save-freq=10", "--set", "train.disp-freq=10"};
        String trained = Cli.run(Cli.concat(new String[] {"train", "--set", "train.steps=20"}, common));
        assertTrue(trained.contains("type map [H, C, O]"), trained);
        String resumed = Cli.run(Cli.concat(new String[] {"train", "--resume", "--set", "train.steps=30"}, common));
        assertTrue(resumed.contains("resuming") && resumed.contains("from step 20") && resumed.contains("step 30/30"), resumed);

        DeepPotModel m = DeepPotModel.load(model);
        assertEquals("se_atten", m.descriptor().type());
        assertEquals(List.of("H", "C", "O"), m.typeMap());
        assertTrue(((SeAttenDescriptor) m.descriptor()).attentionLayers().isEmpty());

        // ---- test: per dataset, predictions equal to the se_atten reference evaluator's
        String test = Cli.run("test", "--model", model.toString(), "--frames", table.toString(),
                "--set", "test.datasets=[data_0, C1H4O2]", "--set", "test.splits=[test]");
        assertTrue(test.contains("dataset:data_0") && test.contains("dataset:C1H4O2") && test.contains("element:C"), test);
        Map<String, Double> predicted = new HashMap<>();
        for (Row r : spark.read().parquet(model.resolve("test/predictions").toString()).collectAsList()) {
            predicted.put(r.getAs("frame_id"), r.getAs("energy_pred"));
        }
        List<TrainFrame> frames = FrameSource.frames(FrameSource.select(spark, table.toString(), List.of(), List.of("test")),
                m.typeMap()).collect();
        assertEquals(frames.size(), predicted.size());
        SeAttenEvaluator ev = new SeAttenEvaluator(m);
        for (TrainFrame f : frames) {
            DeepPotResult r = ev.evaluate(f.positions(), f.cell(), f.types());
            assertEquals(r.energy(), predicted.get(f.id()), 0.0, "test's prediction of " + f.id() + " is the reference's");
        }

        // ---- export-model → import-model: the same model
        Path exported = tmp.resolve("exported.yaml");
        StringWriter err = new StringWriter();
        assertEquals(0, Cli.main(err, "export-model", "--model", model.toString(), "--to", exported.toString()), err.toString());
        Path imported = tmp.resolve("models/imported");
        assertEquals(0, Cli.main(err, "import-model", "--from", exported.toString(), "-o", imported.toString()), err.toString());
        DeepPotModel back = DeepPotModel.load(imported);
        assertEquals(m.typeMap(), back.typeMap());
        assertArrayEquals(m.outBias(), back.outBias(), 0.0);
        SeAttenEvaluator evBack = new SeAttenEvaluator(back);
        for (TrainFrame f : List.of(frames.get(0), frames.get(frames.size() - 1))) {
            DeepPotResult a = ev.evaluate(f.positions(), f.cell(), f.types());
            DeepPotResult b = evBack.evaluate(f.positions(), f.cell(), f.types());
            assertEquals(a.energy(), b.energy(), 0.0, "export → import, energy of " + f.id());
            assertArrayEquals(a.forces(), b.forces(), 0.0, "export → import, forces of " + f.id());
        }

        // ---- NVE MD of the 64-molecule water box with the trained model, at dt and dt/2 over the same 10 fs
        double drift = nveDrift(spark, tmp.resolve("md"), model, 0.5, 20);
        double driftHalf = nveDrift(spark, tmp.resolve("md-half"), model, 0.25, 40);
        System.out.println("se_atten NVE energy drift over 10 fs: dt 0.5 fs " + drift + ", dt 0.25 fs " + driftHalf
                + " eV/atom/ps");
        // The trained model is a crude potential (30 steps), so its velocity-Verlet energy error is not small; what
        // NVE checks is that it is the integrator's: from the same initial velocities the trajectories agree to
        // O(dt²), and the energy error E(t) − E(0) = dt²·g(t) + O(dt⁴) with the same g, so the least-squares slope
        // over the same window scales as dt² (ratio 4). Forces that are not −∇E add a dt-independent drift (ratio → 1).
        double ratio = drift / driftHalf;
        assertTrue(ratio > 3.0 && ratio < 5.0, "energy drift ratio dt/(dt/2) = " + ratio + " (O(dt²): 4)");
    }

    /** Least-squares energy drift (eV/atom/ps) of one NVE trajectory at 300 K, seed 1, with the model. */
    private static double nveDrift(SparkSession spark, Path md, Path model, double dt, int steps) {
        String printed = Cli.run("simulate", "--conf", Path.of(System.getProperty("dpspark.root"), "conf/ensemble-water-dp.conf").toString(),
                "--output", md.toString(), "--set", "simulate.potentials=[{type=deep-potential, model=\"" + model + "\"}]",
                "--set", "simulate.integrator.dt=" + dt, "--set", "simulate.integrator.steps=" + steps,
                "--set", "simulate.temperatures=[300]", "--set", "simulate.seeds=1");
        assertTrue(printed.contains("trajectories: 1 (completed 1"), printed);
        Row s = spark.read().parquet(md.resolve("summary").toString()).collectAsList().get(0);
        return s.getAs(TrajectorySummaryTable.ENERGY_DRIFT);
    }
}
