package org.dpspark.featurize.select;

import java.io.Serializable;

/** Mergeable per-component count, sum and sum of squares of vectors (for standardising fingerprints). */
public final class Moments implements Serializable {
    private static final long serialVersionUID = 1L;
    private long n;
    private final double[] sum;
    private final double[] sum2;

    public Moments(int dim) {
        sum = new double[dim];
        sum2 = new double[dim];
    }

    public Moments add(double[] x) {
        n++;
        for (int k = 0; k < sum.length; k++) {
            sum[k] += x[k];
            sum2[k] += x[k] * x[k];
        }
        return this;
    }

    public Moments merge(Moments o) {
        n += o.n;
        for (int k = 0; k < sum.length; k++) {
            sum[k] += o.sum[k];
            sum2[k] += o.sum2[k];
        }
        return this;
    }

    public long count() { return n; }

    public double[] mean() {
        double[] m = new double[sum.length];
        for (int k = 0; k < m.length; k++) m[k] = n == 0 ? 0 : sum[k] / n;
        return m;
    }

    /**
     * 1/std per component; 0 for a component that is constant over all vectors (relative spread below 1e-12:
     * round-off), which then takes no part in distances.
     */
    public double[] inverseStd() {
        double[] s = new double[sum.length];
        for (int k = 0; k < s.length; k++) {
            if (n == 0) continue;
            double m = sum[k] / n;
            double v = Math.max(0.0, sum2[k] / n - m * m);
            double sd = Math.sqrt(v);
            s[k] = sd > 1e-12 * Math.max(1.0, Math.abs(m)) ? 1.0 / sd : 0.0;
        }
        return s;
    }
}
