package org.dpspark.featurize.select;

import java.io.Serializable;

/** Mergeable partial of one Lloyd (k-means) step: per-centroid sums (k×d) and counts, and the total cost. */
public final class LloydPartial implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int k;
    private final int d;
    private final double[] sums;
    private final long[] counts;
    private double cost;

    public LloydPartial(int k, int d) {
        this.k = k;
        this.d = d;
        sums = new double[k * d];
        counts = new long[k];
    }

    void add(int c, double[] x, int off, double dist2) {
        for (int j = 0; j < d; j++) sums[c * d + j] += x[off + j];
        counts[c]++;
        cost += dist2;
    }

    public LloydPartial merge(LloydPartial o) {
        for (int j = 0; j < sums.length; j++) sums[j] += o.sums[j];
        for (int c = 0; c < k; c++) counts[c] += o.counts[c];
        cost += o.cost;
        return this;
    }

    /** Sum of squared distances to the nearest centroid. */
    public double cost() { return cost; }

    /** New centroids (k×d): the means; an empty cluster keeps its old centroid. */
    public double[] centroids(double[] old) {
        double[] c = old.clone();
        for (int i = 0; i < k; i++) {
            if (counts[i] == 0) continue;
            for (int j = 0; j < d; j++) c[i * d + j] = sums[i * d + j] / counts[i];
        }
        return c;
    }

    public long count(int c) { return counts[c]; }
}
