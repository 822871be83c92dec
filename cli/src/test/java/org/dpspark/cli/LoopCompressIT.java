package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.SparkSessions;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.TrajectoryFramesTable;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.compress.Compression;
import org.dpspark.model.eval.BatchedDeepPotEvaluator;
import org.dpspark.model.eval.DeepPotCalculator;
import org.dpspark.simulate.dp.ModelDeviation;
import org.dpspark.train.data.MinNeighborDistance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loop.compress = true} on the small SW silicon loop (one iteration, no test set): the iteration's models are
 * compressed with r_min of the frames they were trained on, the exploration runs the compressed models (its
 * trajectories say so), the report records it, and the model deviation the exploration recorded agrees with the
 * uncompressed models' deviation on the same frames within the interpolation bound.
 *
 * <p>The bound, as {@code CompressedDeepPotEvaluatorTest} derives it: the Hermite error of a table of stride t scales
 * as t⁶ (both sub-tables scale with t), so the deviation difference at the loop's stride 0.01 is bounded by
 * 4·Δ(0.2)·(0.01/0.2)⁶ (Δ(0.2): the largest difference of tables at stride 0.2 from the nets on these frames; 4 for
 * the higher-order terms) plus round-off: 1e-10 + 1e-12·|ε| eV/Å (the batched evaluator against a reordered
 * evaluation, {@code BatchedDeepPotEvaluatorTest}; the MD's Verlet-list evaluation orders sums differently).
 */
class LoopCompressIT {

    @Test
    void exploresWithCompressedModelsWithinTheInterpolationBound(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("loop");
        StringWriter out = new StringWriter(), err = new StringWriter();
        String conf = Path.of(System.getProperty("dpspark.root"), "conf", "loop-si-sw-small.conf").toString();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "loop", "--conf", conf, "-o",
                dir.toString(), "--set", "loop.compress=true", "--set", "loop.max-iterations=1",
                "--set", "loop.test.temperatures=[]", "--master", "local[2]");
        String log = out + "\n" + err;
        assertEquals(0, code, log);
        assertTrue(log.contains("loop: iter-000/compress finished"), log);

        SparkSession spark = SparkSessions.getOrCreate("LoopCompressIT", "local[2]");
        Path it = dir.resolve("iter-000");
        JsonNode summary = DatasetSidecar.json().readTree(it.resolve("compressed/summary.json").toFile());
        double rmin = MinNeighborDistance.ofTable(spark, dir.resolve("frames").toString(), List.of(), List.of("train"),
                List.of("Si"), DeepPotModel.read(it.resolve("models/model_0")).rcut());
        assertEquals(rmin, summary.path("min_nbor_dist").asDouble(), 0.0, "r_min of the training frames, recorded");

        List<DeepPotModel> plain = new ArrayList<>(), compressed = new ArrayList<>(), coarse = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            DeepPotModel p = DeepPotModel.read(it.resolve("models/model_" + k));
            DeepPotModel c = DeepPotModel.read(it.resolve("compressed/model_" + k));
            assertTrue(c.compressed() && !p.compressed());
            assertEquals(rmin, c.compression().minNborDist(), 0.0);
            plain.add(p);
            compressed.add(c);
            coarse.add(p.withCompression(Compression.build(p.seA(), rmin, 0.2, 5, -1)));
        }
        ModelDeviation dPlain = deviation(plain), dComp = deviation(compressed), dCoarse = deviation(coarse);

        List<Row> rows = DeltaTables.read(spark, it.resolve("explore/trajectories").toString()).collectAsList();
        assertFalse(rows.isEmpty());
        double worst = 0, worstCoarse = 0, worstRecorded = 0, largest = 0;
        for (Row r : rows) {
            String mode = r.getAs(TrajectoryFramesTable.EXECUTION_MODE);
            assertTrue(mode.contains("tabulated embedding (compressed)"), "the exploration ran the tables: " + mode);
            assertFalse(mode.contains("outside the tables"), "no environment beyond the tables: " + mode);
            var f = FrameRows.fromRow(r);
            int[] types = new int[f.atomicNumbers().length]; // type map [Si]: every atom type 0
            double[] u = dPlain.evaluate(f.positions(), f.cell(), types);
            double[] c = dComp.evaluate(f.positions(), f.cell(), types);
            double[] g = dCoarse.evaluate(f.positions(), f.cell(), types);
            double recorded = r.<Double>getAs(TrajectoryFramesTable.MAX_DEVI_F);
            worst = Math.max(worst, Math.abs(c[0] - u[0]));
            worstCoarse = Math.max(worstCoarse, Math.abs(g[0] - u[0]));
            worstRecorded = Math.max(worstRecorded, Math.abs(recorded - u[0]));
            largest = Math.max(largest, u[0]);
        }
        double bound = 4 * worstCoarse * Math.pow(0.01 / 0.2, 6) + 1e-10 + 1e-12 * largest;
        assertTrue(worst <= bound, "compressed vs uncompressed max_devi_f " + worst + " > bound " + bound);
        assertTrue(worstRecorded <= bound, "recorded (MD, compressed) vs uncompressed max_devi_f " + worstRecorded
                + " > bound " + bound);
        System.out.printf("LoopCompressIT: %d frames, r_min %.4f Å, max|Δ max_devi_f| compressed %.3g, recorded %.3g,"
                + " stride 0.2 %.3g, bound %.3g (largest max_devi_f %.3g eV/Å)%n", rows.size(), rmin, worst,
                worstRecorded, worstCoarse, bound, largest);

        String report = Files.readString(dir.resolve("report.csv"));
        assertTrue(report.lines().findFirst().orElseThrow().endsWith(",compressed_min_nbor_dist_a"), report);
        assertTrue(report.lines().skip(1).findFirst().orElseThrow().endsWith(String.format(java.util.Locale.ROOT, ",%.6f", rmin)),
                report);
    }

    private static ModelDeviation deviation(List<DeepPotModel> models) {
        List<DeepPotCalculator> l = new ArrayList<>();
        for (DeepPotModel m : models) l.add(new BatchedDeepPotEvaluator(m));
        return new ModelDeviation(l);
    }
}
