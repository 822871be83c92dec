package org.dpspark.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.DataSplit;
import org.dpspark.core.Frame;
import org.dpspark.core.JobConfig;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.train.job.Checkpoint;
import org.dpspark.train.job.TrainJob;
import org.dpspark.train.job.TrainSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's reproducibility: the loop appends labelled frames to its table each iteration, and the order in which a
 * Delta table hands its rows to Spark (file listing, scan splits, shuffle fetches) is not fixed. The same frames written
 * as two tables with different row orders, partitionings and commits must train bitwise the same ensemble with the
 * same seeds (on two workers, so the partition assignment and the averaging of the rdd engine are covered). Before
 * {@code FrameSource.canonical}, training took batches by position in whatever order the rows arrived.
 */
class TrainingOrderIndependenceTest {
    @TempDir
    Path tmp;

    /** 8-atom diamond silicon cells with random displacements d_i (≤ 0.1 Å); Einstein-crystal labels E = ½k|d|², F = −k d. */
    private static List<Frame> frames(int n) {
        double a = 5.431, k = 2.0;
        double[][] basis = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}, {.25, .25, .25}, {.25, .75, .75}, {.75, .25, .75},
                {.75, .75, .25}};
        SplittableRandom rng = new SplittableRandom(42);
        List<Frame> out = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            double[] pos = new double[24], force = new double[24];
            double e = 0;
            for (int i = 0; i < 8; i++) {
                for (int c = 0; c < 3; c++) {
                    double d = (rng.nextDouble() - 0.5) * 0.2;
                    pos[3 * i + c] = basis[i][c] * a + d;
                    force[3 * i + c] = -k * d;
                    e += 0.5 * k * d * d;
                }
            }
            int[] z = new int[8];
            String[] labels = new String[8];
            java.util.Arrays.fill(z, 14);
            java.util.Arrays.fill(labels, "Si");
            out.add(Frame.builder().dataset("si").sourceFile("einstein").sourceIndex(f).atomicNumbers(z).typeLabels(labels)
                    .positions(pos).cell(new double[] {a, 0, 0, 0, a, 0, 0, 0, a}).pbc(new boolean[] {true, true, true})
                    .energy(-4.6 * 8 + e).forces(force).build());
        }
        return out;
    }

    private static void write(SparkSession spark, List<Frame> frames, String table, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (Frame f : frames) rows.add(FrameRows.toRow(f, new DataSplit(0.8, 0.2)));
        spark.createDataFrame(rows, FramesTable.SCHEMA.struct()).repartition(partitions).write().format("delta").mode("append")
                .save(table);
    }

    @Test
    void sameFramesInAnotherOrderTrainTheSameModels() throws Exception {
        SparkSession spark = LocalSpark.get();
        List<Frame> frames = frames(40);
        String a = tmp.resolve("a").toString(), b = tmp.resolve("b").toString();
        write(spark, frames, a, 3);
        List<Frame> reversed = new ArrayList<>(frames);
        Collections.reverse(reversed);
        write(spark, reversed.subList(0, 17), b, 1);   // two commits, other files, other order
        write(spark, reversed.subList(17, 40), b, 2);

        TrainSettings s = TrainSettings.from(JobConfig.load(null, List.of("model.rcut=4.0", "model.rcut-smth=0.5", "model.sel=[24]",
                "train.model.neuron=[4,8]", "train.model.axis-neuron=2", "train.model.fitting-neuron=[8,8]", "train.steps=12",
                "train.disp-freq=6", "train.save-freq=6", "train.parallel.workers=2", "train.parallel.engine=rdd",
                "train.learning-rate.start=0.005", "train.learning-rate.stop=0.001", "train.learning-rate.decay-steps=4")));
        StringWriter log = new StringWriter();
        List<TrainJob.Result> ra = new TrainJob(spark, s, new PrintWriter(log)).run(a, null, tmp.resolve("ma"), false, 2, Map.of());
        List<TrainJob.Result> rb = new TrainJob(spark, s, new PrintWriter(log)).run(b, null, tmp.resolve("mb"), false, 2, Map.of());
        assertEquals(2, ra.size());
        for (int k = 0; k < 2; k++) {
            Checkpoint.State sa = Checkpoint.state(tmp.resolve("ma").resolve("model_" + k));
            Checkpoint.State sb = Checkpoint.state(tmp.resolve("mb").resolve("model_" + k));
            assertEquals(12, sa.step());
            assertArrayEquals(sa.params(), sb.params(), "model_" + k + ": parameters after 12 steps, bit for bit\n" + log);
            assertArrayEquals(sa.m(), sb.m(), "model_" + k + ": Adam moments");
            assertEquals(ra.get(k).validation().forceRmse(), rb.get(k).validation().forceRmse(), 0.0, "model_" + k + ": validation force RMSE");
            assertEquals(ra.get(k).validation().energyRmse(), rb.get(k).validation().energyRmse(), 0.0, "model_" + k + ": validation energy RMSE");
        }
    }
}
