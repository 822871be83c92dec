package org.dpspark.model.stats;

import java.io.Serializable;
import org.dpspark.model.env.OverflowReport;

/**
 * Mergeable partial statistics of the second statistics pass, featurize's and train's alike (one per partition, reduced
 * on the driver; the frames are fed by {@link StatisticsPasses}):
 * davg/dstd sums and the energy-bias least squares over the statistics frames (split {@code train} by default),
 * the overflow report and frame/atom counts over all frames.
 */
public final class DataStatistics implements Serializable {
    private static final long serialVersionUID = 1L;
    private final EnvMatStatistics env;
    private final EnergyBias bias;
    private final OverflowReport overflow;
    private final long[] atomsPerType;
    private long frames;
    private long statsFrames;
    private long biasFrames;

    public DataStatistics(int[] sel) {
        int nnei = 0;
        for (int s : sel) nnei += s;
        env = new EnvMatStatistics(sel.length, nnei);
        bias = new EnergyBias(sel.length);
        overflow = new OverflowReport(sel);
        atomsPerType = new long[sel.length];
    }

    public EnvMatStatistics env() { return env; }
    public EnergyBias bias() { return bias; }
    public OverflowReport overflowReport() { return overflow; }

    public void countFrame(int[] types, boolean forStats, boolean forBias) {
        frames++;
        for (int t : types) atomsPerType[t]++;
        if (forStats) statsFrames++;
        if (forBias) biasFrames++;
    }

    /** Adds another partial into this one (returns this). */
    public DataStatistics merge(DataStatistics o) {
        env.merge(o.env);
        bias.merge(o.bias);
        overflow.merge(o.overflow);
        for (int t = 0; t < atomsPerType.length; t++) atomsPerType[t] += o.atomsPerType[t];
        frames += o.frames;
        statsFrames += o.statsFrames;
        biasFrames += o.biasFrames;
        return this;
    }

    public EnvMatStatistics envStatistics() { return env; }
    public EnergyBias energyBias() { return bias; }
    public OverflowReport overflow() { return overflow; }
    /** All frames seen. */
    public long frames() { return frames; }
    /** Frames that entered davg/dstd. */
    public long statsFrames() { return statsFrames; }
    /** Frames (with an energy) that entered the energy bias. */
    public long biasFrames() { return biasFrames; }
    /** Atoms of each type over all frames. */
    public long[] atomsPerType() { return atomsPerType.clone(); }
}
