package org.dpspark.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dpspark.core.table.TrajectoryFramesTable;
import org.dpspark.core.table.TrajectorySummaryTable;
import org.dpspark.core.testing.LocalSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model-deviation selection counts, hand-computed, including the frames a trajectory stopped early did not reach. */
class SelectStepTest {
    @Test
    void framesNotReachedByAStoppedTrajectoryCountAsFailed(@TempDir Path dir) {
        SparkSession spark = LocalSpark.get();
        // trajectory a: completed, 100 steps dumped every 10 → steps 0..100, 11 frames;
        // trajectory b: stopped by the guard at step 45 → dumped steps 0..40 (5 frames), 100/10 − 45/10 = 6 not reached
        double[] devA = {0.01, 0.02, 0.03, 0.04, 0.10, 0.12, 0.30, 0.01, 0.02, 0.03, 0.04};
        double[] devB = {0.02, 0.11, 0.25, 0.90, Double.NaN};
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < devA.length; k++) rows.add(RowFactory.create("a", 10L * k, devA[k]));
        for (int k = 0; k < devB.length; k++) rows.add(RowFactory.create("b", 10L * k, Double.isNaN(devB[k]) ? null : devB[k]));
        StructType ts = new StructType().add(TrajectoryFramesTable.TRAJECTORY_ID, DataTypes.StringType)
                .add(TrajectoryFramesTable.STEP, DataTypes.LongType).add(TrajectoryFramesTable.MAX_DEVI_F, DataTypes.DoubleType);
        String traj = dir.resolve("trajectories").toString();
        spark.createDataFrame(rows, ts).write().parquet(traj);
        String summary = dir.resolve("summary").toString();
        spark.createDataFrame(List.of(summaryRow("a", 100L, 100L, 300.0, 1L), summaryRow("b", 100L, 45L, 900.0, 1L)), SUMMARY)
                .write().parquet(summary);

        SelectStep.Result r = SelectStep.run(spark, traj, summary, 10, 0.05, 0.5, 3, 7, dir.resolve("out").toString());
        // trust 0.05 / 0.5: a has 8 accurate (< 0.05), 3 candidates (0.10, 0.12, 0.30); b has 1 accurate (0.02),
        // 2 candidates (0.11, 0.25), 1 failed (0.90), 1 without a deviation (failed); + 6 unreached (failed)
        assertEquals(6, r.unreached());
        assertEquals(16 + 6, r.frames());
        assertEquals(9, r.accurate());
        assertEquals(5, r.candidates());
        assertEquals(1 + 1 + 6, r.failed());
        assertEquals(3, r.selected(), "at most fp-task-max");
        assertEquals(3, spark.read().parquet(dir.resolve("out").toString()).count());
        assertEquals(9.0 / 22, r.fraction(r.accurate()), 1e-15);
    }

    private static final StructType SUMMARY = new StructType().add(TrajectorySummaryTable.TRAJECTORY_ID, DataTypes.StringType)
            .add(TrajectorySummaryTable.STEPS_REQUESTED, DataTypes.LongType).add(TrajectorySummaryTable.STEPS_DONE, DataTypes.LongType)
            .add(TrajectorySummaryTable.STRUCTURE, DataTypes.StringType).add(TrajectorySummaryTable.TEMPERATURE_TARGET, DataTypes.DoubleType)
            .add(TrajectorySummaryTable.SEED, DataTypes.LongType);

    private static Row summaryRow(String id, long requested, long done, double t, long seed) {
        return RowFactory.create(id, requested, done, "si64", t, seed);
    }

    /**
     * Trajectory ids hash the driving model's path, so the same loop run into another folder names its trajectories
     * differently: the chosen frames (structure, temperature, seed, step) must not change with the names.
     */
    @Test
    void theChoiceDoesNotDependOnTrajectoryNames(@TempDir Path dir) {
        SparkSession spark = LocalSpark.get();
        StructType ts = new StructType().add(TrajectoryFramesTable.TRAJECTORY_ID, DataTypes.StringType)
                .add(TrajectoryFramesTable.STEP, DataTypes.LongType).add(TrajectoryFramesTable.MAX_DEVI_F, DataTypes.DoubleType);
        List<List<Long>> chosen = new ArrayList<>();
        String[][] names = {{"0a1b", "ffee", "7c7c"}, {"e9d0", "1234", "aa00"}}; // run 1, run 2: other ids, other sort order
        for (int run = 0; run < 2; run++) {
            List<Row> rows = new ArrayList<>();
            List<Row> summary = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                for (int k = 0; k < 11; k++) rows.add(RowFactory.create(names[run][t], 10L * k, 0.1 + 0.001 * k + 0.01 * t));
                summary.add(summaryRow(names[run][t], 100L, 100L, 300.0 * (t + 1), 7L));
            }
            Path d = dir.resolve("run" + run);
            spark.createDataFrame(rows, ts).write().parquet(d.resolve("trajectories").toString());
            spark.createDataFrame(summary, SUMMARY).write().parquet(d.resolve("summary").toString());
            SelectStep.Result r = SelectStep.run(spark, d.resolve("trajectories").toString(), d.resolve("summary").toString(), 10,
                    0.05, 0.5, 5, 1, d.resolve("out").toString());
            assertEquals(33, r.candidates());
            // the chosen frames as (temperature index, step): recognisable across runs by their deviation (unique per frame)
            List<Long> picked = new ArrayList<>();
            for (Row x : spark.read().parquet(d.resolve("out").toString()).select(TrajectoryFramesTable.MAX_DEVI_F).collectAsList()) {
                picked.add(Math.round(x.getDouble(0) * 1e6));
            }
            java.util.Collections.sort(picked);
            chosen.add(picked);
        }
        assertEquals(5, chosen.get(0).size());
        assertEquals(chosen.get(0), chosen.get(1));
    }
}
