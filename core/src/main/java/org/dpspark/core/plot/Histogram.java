package org.dpspark.core.plot;

import java.io.Serializable;

/**
 * A fixed-bin histogram with running moments; mergeable, so executors build partial histograms and the
 * driver adds them.
 */
public final class Histogram implements Serializable {
    private final double lo;
    private final double hi;
    private final long[] counts;
    private long n;
    private double sum;
    private double sumSq;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** {@code bins} equal bins over [lo, hi]; values outside are clamped into the edge bins. */
    public Histogram(double lo, double hi, int bins) {
        if (!(hi > lo) || bins < 1) {
            throw new IllegalArgumentException("histogram needs hi > lo and bins >= 1");
        }
        this.lo = lo;
        this.hi = hi;
        this.counts = new long[bins];
    }

    public void add(double v) {
        int b = (int) ((v - lo) / (hi - lo) * counts.length);
        counts[Math.max(0, Math.min(counts.length - 1, b))]++;
        n++;
        sum += v;
        sumSq += v * v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    /** Adds another histogram with the same bins into this one. */
    public Histogram merge(Histogram o) {
        if (o.lo != lo || o.hi != hi || o.counts.length != counts.length) {
            throw new IllegalArgumentException("histograms with different bins");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += o.counts[i];
        }
        n += o.n;
        sum += o.sum;
        sumSq += o.sumSq;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
        return this;
    }

    public long count() { return n; }
    public double mean() { return n == 0 ? Double.NaN : sum / n; }
    public double std() { return n == 0 ? Double.NaN : Math.sqrt(Math.max(0.0, sumSq / n - mean() * mean())); }
    public double min() { return min; }
    public double max() { return max; }
    public long[] counts() { return counts.clone(); }

    /** Centre of each bin. */
    public double[] centres() {
        double[] c = new double[counts.length];
        double w = (hi - lo) / counts.length;
        for (int i = 0; i < c.length; i++) {
            c[i] = lo + (i + 0.5) * w;
        }
        return c;
    }
}
