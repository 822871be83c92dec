package org.dpspark.train.loss;

import java.io.Serializable;

/**
 * Adam (Kingma &amp; Ba) on a flat parameter vector, as TensorFlow/PyTorch apply it in DeePMD-kit:
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr·m̂/(√v̂ + ε) with bias-corrected m̂, v̂.
 * The state (m, v, t) is checkpointed and averaged together with the parameters under parameter averaging.
 */
public final class Adam implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[] m;
    private final double[] v;
    private long t;

    public Adam(int size, double beta1, double beta2, double eps) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        m = new double[size];
        v = new double[size];
    }

    /** Restores a state (e.g. from a checkpoint or an average). */
    public Adam(double beta1, double beta2, double eps, double[] m, double[] v, long t) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = m.clone();
        this.v = v.clone();
        this.t = t;
    }

    /** One update of {@code params} in place with gradient {@code g} and learning rate {@code lr}. */
    public void step(double[] params, double[] g, double lr) {
        t++;
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        for (int k = 0; k < params.length; k++) {
            m[k] = beta1 * m[k] + (1 - beta1) * g[k];
            v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k];
            params[k] -= lr * (m[k] / c1) / (Math.sqrt(v[k] / c2) + eps);
        }
    }

    public double[] m() { return m.clone(); }
    public double[] v() { return v.clone(); }
    public long t() { return t; }
    public double beta1() { return beta1; }
    public double beta2() { return beta2; }
    public double eps() { return eps; }
}
