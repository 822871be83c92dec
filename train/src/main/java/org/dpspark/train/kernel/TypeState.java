package org.dpspark.train.kernel;

import java.util.List;

/**
 * What {@link DeepPotKernel}'s first pass keeps for the second, for the centres of one type (A rows, N slots):
 * the embedding layers' activations a = φ(z) (A·N × Σ widths, chunk by chunk, block by block), per atom gr = R̃ᵀG/N
 * (4×M), ∂E/∂D (M×M&lt;), dgr = gr&lt;·∂E/∂Dᵀ + pad(gr·∂E/∂D) (4×M), and the fitting net's layer inputs x_l and
 * activations a_l. Buffers grow to the largest batch seen and are reused.
 */
final class TypeState {
    Dbuf env = new Dbuf(0);
    Dbuf act = new Dbuf(0);
    Dbuf gr = new Dbuf(0);
    Dbuf dD = new Dbuf(0);
    Dbuf dgr = new Dbuf(0);
    Dbuf[] fx;
    Dbuf[] fa;
    int rows = -1;

    /** Sizes the buffers for {@code rows} centres. */
    void size(KernelModel km, int rows) {
        if (rows <= this.rows) return;
        int n = km.nnei, m = km.m;
        close();
        env = new Dbuf((long) rows * n * 4);
        act = new Dbuf((long) rows * n * km.embeddingActivationWidth());
        gr = new Dbuf((long) rows * 4 * m);
        dgr = new Dbuf((long) rows * 4 * m);
        dD = new Dbuf((long) rows * m * km.axis);
        List<KernelLayer> fit = km.fittings.get(0);
        fx = new Dbuf[fit.size()];
        fa = new Dbuf[fit.size()];
        for (int l = 0; l < fit.size(); l++) {
            fx[l] = new Dbuf((long) rows * fit.get(l).nIn());
            fa[l] = new Dbuf((long) rows * fit.get(l).nOut());
        }
        this.rows = rows;
    }

    void close() {
        for (Dbuf b : new Dbuf[] {env, act, gr, dgr, dD}) if (b != null) b.close();
        if (fx != null) for (Dbuf b : fx) b.close();
        if (fa != null) for (Dbuf b : fa) b.close();
    }
}
