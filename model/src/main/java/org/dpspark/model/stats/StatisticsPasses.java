package org.dpspark.model.stats;

import org.dpspark.model.env.SeAEnvironment;
import org.dpspark.model.env.SeAFrame;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;

/**
 * The one statistics computation of the pipeline, per frame and without Spark: featurize's job and train's statistics
 * both feed their frames through it (one instance per task: scratch buffers, not thread-safe) and merge the partials
 * on the driver. Pass 1 counts neighbours within r_c ({@link NeighborStatistics}: sel auto); pass 2 computes the raw
 * se_e2_a environment matrix with the final sel and adds it to davg/dstd, the energy bias and the overflow report
 * ({@link DataStatistics}).
 */
public final class StatisticsPasses {
    private final NeighborListBuilder builder;
    private final NeighborList nl = new NeighborList();
    private final SeAEnvironment env;
    private final SeAFrame frame = new SeAFrame();

    /**
     * @param rcut     r_c, Å
     * @param rcutSmth r_s, Å
     * @param sel      slots per type for pass 2; null when only pass 1 runs
     */
    public StatisticsPasses(double rcut, double rcutSmth, int[] sel) {
        builder = new NeighborListBuilder(rcut);
        env = sel == null ? null : new SeAEnvironment(rcut, rcutSmth, sel);
    }

    /**
     * Pass 1: adds the frame's neighbour counts within r_c.
     *
     * @param positions n×3 Cartesian, Å
     * @param cell      3×3 cell vectors as rows, Å; null for a molecule
     * @param pbc       periodicity along each cell vector
     * @param types     type index per atom
     */
    public void addNeighbors(double[] positions, double[] cell, boolean[] pbc, int[] types, NeighborStatistics acc) {
        builder.build(positions, cell, pbc, nl);
        acc.add(nl, types);
    }

    /**
     * Pass 2: the raw environment matrix with the final sel; overflow counted for every frame, davg/dstd sums for the
     * frames of the statistics set ({@code forStats}) and the energy bias for those with an energy (eV, or null).
     */
    public void addFrame(String frameId, double[] positions, double[] cell, boolean[] pbc, int[] types, Double energy,
                         boolean forStats, DataStatistics acc) {
        if (env == null) throw new IllegalStateException("pass 2 needs sel: construct with the final sel");
        builder.build(positions, cell, pbc, nl);
        env.computeFrame(types, nl, frame);
        acc.overflowReport().add(frameId, frame);
        boolean forBias = forStats && energy != null;
        if (forStats) acc.env().add(frame, types);
        if (forBias) acc.bias().addFrame(types, energy);
        acc.countFrame(types, forStats, forBias);
    }
}
