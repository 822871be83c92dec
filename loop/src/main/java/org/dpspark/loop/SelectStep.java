package org.dpspark.loop;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.TrajectoryFramesTable;
import org.dpspark.core.table.TrajectorySummaryTable;

/**
 * Model-deviation selection (DP-GEN, docs/physics.md#model-deviation-and-concurrent-learning) over the explored frames:
 * accurate if max_devi_f &lt; trust_lo, candidate if trust_lo ≤ max_devi_f &lt; trust_hi, failed otherwise (also a
 * missing or non-finite deviation). At most {@code max} candidates are chosen uniformly at random with {@code seed}
 * (keys sorted first, so the choice does not depend on partitioning); they are written to {@code out} as rows of the
 * trajectories table. The sort is by what defines a trajectory within one exploration (structure, target temperature,
 * seed) and the step, not by the trajectory id: the id hashes the driving model's path, so the same loop run into
 * another folder would otherwise shuffle its candidates into another order and label other frames (issue 18).
 *
 * <p>A trajectory that the blow-up guard stopped early dumped fewer frames than it was asked for; the frames it did
 * not reach ({@code steps_requested / dump-every − steps_done / dump-every}) count as failed (and as explored), so a
 * model whose MD breaks down cannot pass the accurate fraction by ending its bad trajectories before they are dumped.
 */
final class SelectStep {
    private SelectStep() {}

    /** Frame counts of an exploration and the number chosen. */
    record Result(long frames, long accurate, long candidates, long failed, long selected, long unreached) {
        double fraction(long k) { return frames == 0 ? 0 : (double) k / frames; }
    }

    /**
     * @param summary the exploration's trajectory summary table (steps requested and done per trajectory)
     * @param dumpEvery the exploration's dump interval, steps
     */
    static Result run(SparkSession spark, String trajectories, String summary, int dumpEvery, double lo, double hi, int max,
            long seed, String out) {
        long unreached = 0;
        java.util.Map<String, String> where = new java.util.HashMap<>(); // trajectory id -> "structure|T|seed", location-free
        for (Row r : DeltaTables.read(spark, summary).select(TrajectorySummaryTable.STEPS_REQUESTED, TrajectorySummaryTable.STEPS_DONE,
                TrajectorySummaryTable.TRAJECTORY_ID, TrajectorySummaryTable.STRUCTURE, TrajectorySummaryTable.TEMPERATURE_TARGET,
                TrajectorySummaryTable.SEED).collectAsList()) {
            unreached += Math.max(0, ((Number) r.get(0)).longValue() / dumpEvery - ((Number) r.get(1)).longValue() / dumpEvery);
            where.put(r.getString(2), r.get(3) + "|" + r.get(4) + "|" + r.get(5));
        }
        Dataset<Row> t = DeltaTables.read(spark, trajectories);
        Column d = col(TrajectoryFramesTable.MAX_DEVI_F);
        Column isCand = d.geq(lo).and(d.lt(hi));
        Row counts = t.agg(count("*"), count(when(d.lt(lo), 1)), count(when(isCand, 1))).first();
        long frames = counts.getLong(0) + unreached, accurate = counts.getLong(1), cand = counts.getLong(2);
        List<Row> keys = new ArrayList<>(t.filter(isCand).select(TrajectoryFramesTable.TRAJECTORY_ID,
                TrajectoryFramesTable.STEP).collectAsList());
        keys.sort(Comparator.<Row, String>comparing(r -> where.getOrDefault(r.getString(0), "")).thenComparingLong(r -> r.getLong(1))
                .thenComparing(r -> r.getString(0)));
        Collections.shuffle(keys, new Random(seed));
        List<Row> chosen = new ArrayList<>();
        for (Row k : keys.subList(0, Math.min(max, keys.size()))) chosen.add(RowFactory.create(k.getString(0), k.getLong(1)));
        StructType ks = new StructType().add("k_traj", DataTypes.StringType, false).add("k_step", DataTypes.LongType, false);
        Dataset<Row> sel = t.join(spark.createDataFrame(chosen, ks),
                col(TrajectoryFramesTable.TRAJECTORY_ID).equalTo(col("k_traj")).and(col(TrajectoryFramesTable.STEP).equalTo(col("k_step"))))
                .drop("k_traj", "k_step");
        sel.coalesce(1).write().mode(SaveMode.Overwrite).parquet(out);
        return new Result(frames, accurate, cand, frames - accurate - cand, chosen.size(), unreached);
    }
}
