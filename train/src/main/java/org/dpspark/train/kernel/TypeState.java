package org.dpspark.train.kernel;

import java.util.List;

/**
 * The per-step arrays of {@link DeepPotKernel} for the centres of one type (A rows, N slots): what the first pass
 * keeps for the second — the embedding layers' activations a = φ(z) and tangent products ż (A·N × Σ widths each,
 * chunk by chunk, block by block),
 * G and G' = dG/ds̃ (A·N × M, same order), per atom gr = R̃ᵀG/N (4×M), ∂E/∂D (M×M&lt;), dgr = gr&lt;·∂E/∂Dᵀ +
 * pad(gr·∂E/∂D) (4×M), the fitting net's layer inputs x_l and activations a_l — and the second pass's per-atom
 * arrays (Ĥ and R̃∘ṡ per slot, ġr, gr̄, Ḋ, D̄, the fitting net's tangents and adjoints). The fitting net runs on all A
 * rows at once (its products are A×(M·M&lt;)·(M·M&lt;)×n, slow with few rows; measurements:
 * docs/benchmarks.md#training-kernel). Buffers grow to the largest batch seen and are reused. Per-row fitting arrays
 * (D, ∂E/∂D, Ḋ, D̄) are M·M&lt; + P wide: the descriptor, then the P frame and atomic parameters of the row.
 */
final class TypeState {
    Dbuf env = new Dbuf(0);
    Dbuf act = new Dbuf(0);
    Dbuf dz = new Dbuf(0);
    Dbuf gr = new Dbuf(0);
    Dbuf dD = new Dbuf(0);
    Dbuf dgr = new Dbuf(0);
    Dbuf g = new Dbuf(0);
    Dbuf gp = new Dbuf(0);
    Dbuf hat = new Dbuf(0);
    Dbuf envS = new Dbuf(0);
    Dbuf grDot = new Dbuf(0);
    Dbuf grBar = new Dbuf(0);
    Dbuf dm = new Dbuf(0);
    Dbuf dbar = new Dbuf(0);
    Dbuf eOut = new Dbuf(0);
    /** Fitting work (A × widest layer): outputs, and two pairs of adjoint buffers used in turn. */
    Dbuf fy = new Dbuf(0), fyb = new Dbuf(0), fdyb = new Dbuf(0), fxb = new Dbuf(0), fdxb = new Dbuf(0), fzb = new Dbuf(0),
            fdzb = new Dbuf(0);
    Dbuf[] fx;
    Dbuf[] fa;
    /** Fitting tangents: inputs ẋ_l (fdx[0] = Ḋ) and ż_l. */
    Dbuf[] fdx;
    Dbuf[] fdz;
    int rows = -1;

    /**
     * Sizes the buffers for {@code rows} centres; without {@code netStore} (mixed precision: {@link MixedNets} keeps the
     * embedding activations and tangent products in float) the double store is not allocated.
     */
    void size(KernelModel km, int rows, boolean netStore) {
        if (rows <= this.rows) return;
        int n = km.nnei, m = km.m;
        close();
        env = new Dbuf((long) rows * n * 4);
        long store = netStore ? (long) rows * n * km.embeddingActivationWidth() : 0;
        act = new Dbuf(store);
        dz = new Dbuf(store);
        gr = new Dbuf((long) rows * 4 * m);
        dgr = new Dbuf((long) rows * 4 * m);
        dD = new Dbuf((long) rows * km.fin);
        g = new Dbuf((long) rows * n * m);
        gp = new Dbuf((long) rows * n * m);
        hat = new Dbuf((long) rows * n * 4);
        envS = new Dbuf((long) rows * n * 4);
        grDot = new Dbuf((long) rows * 4 * m);
        grBar = new Dbuf((long) rows * 4 * m);
        dm = new Dbuf((long) rows * km.fin); // the P parameter columns of Ḋ are never written: they stay 0
        dbar = new Dbuf((long) rows * km.fin);
        eOut = new Dbuf(rows);
        long fw = (long) rows * km.maxFittingWidth();
        fy = new Dbuf(fw);
        fyb = new Dbuf(fw);
        fdyb = new Dbuf(fw);
        fxb = new Dbuf(fw);
        fdxb = new Dbuf(fw);
        fzb = new Dbuf(fw);
        fdzb = new Dbuf(fw);
        List<KernelLayer> fit = km.fittings.get(0);
        fx = new Dbuf[fit.size()];
        fa = new Dbuf[fit.size()];
        fdx = new Dbuf[fit.size()];
        fdz = new Dbuf[fit.size()];
        for (int l = 0; l < fit.size(); l++) {
            fx[l] = new Dbuf((long) rows * fit.get(l).nIn());
            fa[l] = new Dbuf((long) rows * fit.get(l).nOut());
            fdx[l] = l == 0 ? dm : new Dbuf((long) rows * fit.get(l).nIn());
            fdz[l] = new Dbuf((long) rows * fit.get(l).nOut());
        }
        this.rows = rows;
    }

    void close() {
        for (Dbuf b : new Dbuf[] {env, act, dz, gr, dgr, dD, g, gp, hat, envS, grDot, grBar, dm, dbar, eOut, fy, fyb, fdyb, fxb, fdxb, fzb, fdzb}) {
            b.close();
        }
        for (Dbuf[] bs : new Dbuf[][] {fx, fa, fdx, fdz}) {
            if (bs == null) continue;
            for (int l = 0; l < bs.length; l++) if (!(bs == fdx && l == 0)) bs[l].close();
        }
    }
}
