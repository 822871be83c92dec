package org.dpspark.train.data;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.dpspark.model.stats.NeighborStatistics;
import org.dpspark.model.stats.StatisticsPasses;

/**
 * The smallest neighbour distance of a set of frames (Å), DeePMD-kit's {@code min_nbor_dist} as {@code dp compress -t}
 * takes it from the training data ({@code dp neighbor-stat}): the shortest distance between an atom and any neighbour
 * within r_c (periodic images included), over every frame. One Spark pass ({@link NeighborStatistics} per partition,
 * merged on the driver); all frames, not the sample {@code train.data.stats-max-frames} that a train run's own
 * {@code stats.json} may come from.
 */
public final class MinNeighborDistance {
    private MinNeighborDistance() {}

    /**
     * Over the frames of {@code table} selected as a train run selects them.
     *
     * @param datasets dataset globs (empty: all), as {@code train.data.datasets}
     * @param splits splits (empty: all), as {@code train.data.splits}
     * @param typeMap the model's type map (an element outside it is an error, as in training)
     * @param rcut the model's r_c, Å
     */
    public static double ofTable(SparkSession spark, String table, List<String> datasets, List<String> splits,
            List<String> typeMap, double rcut) {
        JavaRDD<TrainFrame> frames = FrameSource.frames(FrameSource.select(spark, table, datasets, splits), typeMap);
        double d = of(frames, typeMap.size(), rcut);
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(table + ": no pair of atoms within r_c = " + rcut + " Å in the selected frames"
                    + " (datasets " + datasets + ", splits " + splits + "): no neighbour distance to take");
        }
        return d;
    }

    /** Over {@code frames}; +∞ when no atom has a neighbour within {@code rcut}. */
    public static double of(JavaRDD<TrainFrame> frames, int ntypes, double rcut) {
        return frames.mapPartitions((Iterator<TrainFrame> it) -> {
            NeighborStatistics s = new NeighborStatistics(ntypes, rcut);
            StatisticsPasses passes = new StatisticsPasses(rcut, rcut, null);
            while (it.hasNext()) {
                TrainFrame f = it.next();
                passes.addNeighbors(f.positions(), f.cell(), f.pbc(), f.types(), s);
            }
            return List.of(s.minDistance()).iterator();
        }).fold(Double.POSITIVE_INFINITY, Math::min);
    }
}
