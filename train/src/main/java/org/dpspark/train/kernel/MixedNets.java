package org.dpspark.train.kernel;

import java.util.List;

/**
 * The embedding and fitting nets of {@link DeepPotKernel} in float32, for {@code train.precision = mixed}: the nets'
 * products run as SGEMM (twice DGEMM's rate on AVX2) and their element-wise passes on 8 float lanes, while everything
 * around them stays float64 — the environment matrix R̃ and its derivatives, gr = R̃ᵀG/N and D, the energies, forces,
 * virials and their adjoints, the reductions over neighbours, atoms and frames, the gradient and the optimizer. The
 * boundary: s̃ enters the embedding nets rounded to float; G and G' leave them as doubles (exact); D and Ḋ enter the
 * fitting net rounded to float; E, ∂E/∂D and D̄ leave it as doubles; Ḡ, Ḡ' enter the embedding reverse rounded.
 * Each layer's ∂W is a float SGEMM sum over one block of rows, added into the double gradient.
 *
 * <p>The same passes as the kernel's float64 methods (same layer order, offsets and chunking), with the activations and
 * tangent products stored in float (half the memory of the float64 store). Not thread-safe, as the kernel.
 */
final class MixedNets implements AutoCloseable {
    private final KernelModel km;
    private final Fbuf theta;
    private final Fbuf gradW;
    /** chunk work space (chunk·N rows): embedding layer inputs and tangents, the adjoint pairs, G/G' staging. */
    private final Fbuf[] xs, dxs;
    private final Fbuf ones, ybar, dybar, xbar, dxbar, zbar, dzbar;
    private final Store[] store;

    /** Per centre type: the embedding store and the fitting net's arrays, grown to the largest batch seen. */
    private static final class Store {
        Fbuf act = new Fbuf(0), dz = new Fbuf(0);
        Fbuf[] fx = {}, fa = {}, fdx = {}, fdz = {};
        Fbuf fy = new Fbuf(0), fyb = new Fbuf(0), fdyb = new Fbuf(0), fxb = new Fbuf(0), fdxb = new Fbuf(0), fzb = new Fbuf(0),
                fdzb = new Fbuf(0), eOut = new Fbuf(0), dOut = new Fbuf(0);
        int rows = -1;

        void size(KernelModel km, int rows) {
            if (rows <= this.rows) return;
            close();
            int n = km.nnei;
            act = new Fbuf((long) rows * n * km.embeddingActivationWidth());
            dz = new Fbuf((long) rows * n * km.embeddingActivationWidth());
            long fw = (long) rows * km.maxFittingWidth();
            fy = new Fbuf(fw);
            fyb = new Fbuf(fw);
            fdyb = new Fbuf(fw);
            fxb = new Fbuf(fw);
            fdxb = new Fbuf(fw);
            fzb = new Fbuf(fw);
            fdzb = new Fbuf(fw);
            eOut = new Fbuf(rows);
            dOut = new Fbuf((long) rows * km.fin);
            List<KernelLayer> fit = km.fittings.get(0);
            fx = new Fbuf[fit.size()];
            fa = new Fbuf[fit.size()];
            fdx = new Fbuf[fit.size()];
            fdz = new Fbuf[fit.size()];
            for (int l = 0; l < fit.size(); l++) {
                fx[l] = new Fbuf((long) rows * fit.get(l).nIn());
                fa[l] = new Fbuf((long) rows * fit.get(l).nOut());
                fdx[l] = new Fbuf((long) rows * fit.get(l).nIn());
                fdz[l] = new Fbuf((long) rows * fit.get(l).nOut());
            }
            this.rows = rows;
        }

        void close() {
            for (Fbuf b : new Fbuf[] {act, dz, fy, fyb, fdyb, fxb, fdxb, fzb, fdzb, eOut, dOut}) b.close();
            for (Fbuf[] bs : new Fbuf[][] {fx, fa, fdx, fdz}) for (Fbuf b : bs) b.close();
        }
    }

    MixedNets(KernelModel km, int chunk) {
        this.km = km;
        theta = new Fbuf(km.paramCount);
        int w = km.maxEmbeddingWidth(), rows = chunk * km.nnei, maxW = 1;
        for (List<List<KernelLayer>> nets : List.of(km.embeddings, km.fittings)) {
            for (List<KernelLayer> net : nets) for (KernelLayer l : net) maxW = Math.max(maxW, l.nIn() * l.nOut());
        }
        gradW = new Fbuf(maxW);
        List<KernelLayer> emb = km.embeddings.get(0);
        xs = new Fbuf[emb.size() + 1];
        dxs = new Fbuf[emb.size() + 1];
        for (int l = 0; l <= emb.size(); l++) {
            int width = l == 0 ? 1 : emb.get(l - 1).nOut();
            xs[l] = new Fbuf((long) rows * width);
            dxs[l] = new Fbuf((long) rows * width);
        }
        ones = new Fbuf(rows);
        for (int r = 0; r < rows; r++) ones.put(r, 1f);
        ybar = new Fbuf((long) rows * w);
        dybar = new Fbuf((long) rows * w);
        xbar = new Fbuf((long) rows * w);
        dxbar = new Fbuf((long) rows * w);
        zbar = new Fbuf((long) rows * w);
        dzbar = new Fbuf((long) rows * w);
        store = new Store[km.ntypes];
        for (int t = 0; t < km.ntypes; t++) store[t] = new Store();
    }

    /** θ rounded to float (the float64 θ stays the optimizer's master copy). */
    void setParams(Dbuf flat) { theta.setFrom(0, flat, 0, km.paramCount); }

    /** Sizes type t's store for {@code rows} centres (before its first chunk of a step). */
    void size(int t, int rows) { store[t].size(km, rows); }

    /**
     * The embedding nets of a chunk (see the kernel's float64 method): the first pass writes G and G' (double) into
     * st.g/st.gp and stores activations and tangent products; {@code recompute} rebuilds the layer inputs from the store.
     */
    void embeddingForward(TypeState st, int t, int a0, int nc, boolean recompute) {
        Store fs = store[t];
        int n = km.nnei, m = km.m, wAct = km.embeddingActivationWidth(), last = km.embeddings.get(0).size() - 1;
        for (int j = 0; j < km.ntypes; j++) {
            int sj = km.sel[j];
            if (sj == 0) continue;
            int rb = nc * km.selOffset[j], rows = nc * sj;
            for (int a = 0; a < nc; a++) {
                for (int q = 0; q < sj; q++) {
                    xs[0].put(rb + a * sj + q, (float) st.env.get(((a0 + a) * n + km.selOffset[j] + q) * 4));
                }
            }
            List<KernelLayer> net = km.embedding(t, j);
            long actBase = (long) a0 * n * wAct + (long) rb * wAct;
            int cum = 0;
            for (int l = 0; l <= last; l++) {
                KernelLayer k = net.get(l);
                int ao = (int) (actBase + (long) rows * cum);
                boolean out = l == last;
                Fbuf y = out && recompute ? null : xs[l + 1], dy = out && recompute ? null : dxs[l + 1];
                int yo = rb * k.nOut();
                FloatDualLayer.forward(k, theta, rows, xs[l], rb * k.nIn(), l == 0 ? ones : dxs[l], rb * k.nIn(), fs.act, ao,
                        recompute, fs.dz, ao, recompute, y, yo, dy, yo);
                if (out && !recompute) {
                    int go = (a0 * n + rb) * m;
                    xs[l + 1].copyTo(yo, st.g, go, rows * m);
                    dxs[l + 1].copyTo(yo, st.gp, go, rows * m);
                }
                cum += k.nOut();
            }
        }
    }

    /**
     * Reverse over one neighbour block's embedding layers from Ḡ, Ḡ' (double, rows×M at 0 of {@code gBar},
     * {@code gpBar}) into the gradient; the block's layer inputs are those of the last {@link #embeddingForward}.
     */
    void embeddingReverse(Dbuf grad, int t, int j, int a0, int nc, Dbuf gBar, Dbuf gpBar) {
        Store fs = store[t];
        int n = km.nnei, m = km.m, wAct = km.embeddingActivationWidth();
        int rb = nc * km.selOffset[j], rows = nc * km.sel[j];
        ybar.setFrom(0, gBar, 0, rows * m);
        dybar.setFrom(0, gpBar, 0, rows * m);
        List<KernelLayer> net = km.embedding(t, j);
        long actBase = (long) a0 * n * wAct + (long) rb * wAct;
        int[] cum = new int[net.size()];
        for (int l = 1; l < net.size(); l++) cum[l] = cum[l - 1] + net.get(l - 1).nOut();
        Fbuf ey = ybar, edy = dybar, ex = xbar, edx = dxbar;
        for (int l = net.size() - 1; l >= 0; l--) {
            KernelLayer k = net.get(l);
            int ao = (int) (actBase + (long) rows * cum[l]);
            boolean input = l == 0;
            FloatDualLayer.reverse(k, theta, grad, gradW, rows, xs[l], rb * k.nIn(), input ? null : dxs[l], rb * k.nIn(), fs.act,
                    ao, fs.dz, ao, ey, 0, edy, 0, zbar, dzbar, input ? null : ex, 0, input ? null : edx, 0);
            Fbuf ty = ey, tdy = edy;
            ey = ex;
            edy = edx;
            ex = ty;
            edx = tdy;
        }
    }

    /** Fitting net value pass on all rows of type t: E_a (no bias shift) into {@code eOut}, ∂E/∂D into {@code dD}. */
    void fittingForward(int t, int rows, Dbuf d, Dbuf eOut, Dbuf dD) {
        Store fs = store[t];
        List<KernelLayer> fit = km.fittings.get(t);
        int lf = fit.size();
        fs.fx[0].setFrom(0, d, 0, rows * km.fin);
        for (int l = 0; l < lf; l++) {
            KernelLayer k = fit.get(l);
            FloatDualLayer.forward(k, theta, rows, fs.fx[l], 0, null, 0, fs.fa[l], 0, false, null, 0, false,
                    l == lf - 1 ? fs.eOut : fs.fx[l + 1], 0, null, 0);
        }
        fs.eOut.copyTo(0, eOut, 0, rows);
        Fbuf gin = fs.fyb, gout = fs.fxb;
        for (int a = 0; a < rows; a++) gin.put(a, 1f);
        for (int l = lf - 1; l >= 0; l--) {
            FloatDualLayer.reverseValue(fit.get(l), theta, rows, fs.fa[l], 0, gin, 0, fs.fzb, l == 0 ? fs.dOut : gout, 0);
            Fbuf tmp = gin;
            gin = gout;
            gout = tmp;
        }
        fs.dOut.copyTo(0, dD, 0, rows * km.fin);
    }

    /**
     * Fitting net on (D, Ḋ) for all rows of type t (after {@link #fittingForward} of the same batch): tangent forward,
     * then the reverse from (Ē, Ė̄) = (yb, 1) into the gradient and D̄ ({@code dbar}, double).
     */
    void fittingReverse(Dbuf grad, int t, int rows, Dbuf dDot, double[] yb, Dbuf dbar) {
        Store fs = store[t];
        List<KernelLayer> fit = km.fittings.get(t);
        int lf = fit.size();
        fs.fdx[0].setFrom(0, dDot, 0, rows * km.fin);
        for (int l = 0; l < lf; l++) {
            KernelLayer k = fit.get(l);
            boolean out = l == lf - 1;
            FloatDualLayer.forward(k, theta, rows, fs.fx[l], 0, fs.fdx[l], 0, fs.fa[l], 0, true, fs.fdz[l], 0, false, fs.fy, 0,
                    out ? fs.fxb : fs.fdx[l + 1], 0);
        }
        Fbuf y = fs.fyb, dy = fs.fdyb, x = fs.fxb, dx = fs.fdxb;
        for (int a = 0; a < rows; a++) {
            y.put(a, (float) yb[a]);
            dy.put(a, 1f);
        }
        for (int l = lf - 1; l >= 0; l--) {
            KernelLayer k = fit.get(l);
            FloatDualLayer.reverse(k, theta, grad, gradW, rows, fs.fx[l], 0, fs.fdx[l], 0, fs.fa[l], 0, fs.fdz[l], 0, y, 0, dy, 0,
                    fs.fzb, fs.fdzb, l == 0 ? fs.dOut : x, 0, l == 0 ? null : dx, 0);
            Fbuf ty = y, tdy = dy;
            y = x;
            dy = dx;
            x = ty;
            dx = tdy;
        }
        fs.dOut.copyTo(0, dbar, 0, rows * km.fin);
    }

    @Override
    public void close() {
        for (Store s : store) s.close();
        for (Fbuf[] bs : new Fbuf[][] {xs, dxs}) for (Fbuf b : bs) b.close();
        for (Fbuf b : new Fbuf[] {theta, gradW, ones, ybar, dybar, xbar, dxbar, zbar, dzbar}) b.close();
    }
}
