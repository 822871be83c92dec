package org.dpspark.train.kernel;

import java.util.List;
import org.dpspark.featurize.dpmodel.DeepPotModel;

/**
 * A hand-written training step of the se_e2_a + energy model: energies, forces and virials of a batch
 * ({@link #forward}) and the gradient of the loss with respect to every trainable parameter ({@link #backward}), the
 * same functions as the SameDiff graph ({@code DeepPotGraph}/{@code DeepPotOps}, which stays the reference that the
 * tests compare with), computed with OpenBLAS products and fused Java loops in two passes over the atoms, chunk by
 * chunk, so that a chunk's arrays stay in cache and memory does not grow with the ~1,300 intermediate arrays of the
 * graph.
 *
 * <p>Why the force loss needs no second-order autodiff here. With ∂L/∂E_f = ε_f, ∂L/∂F_k = φ_k and ∂L/∂Ξ_f = ψ_f
 * (from the loss or, in the DL4J vertex, from the loss layer), the loss depends on the parameters θ through
 * E_i (per atom) and through K_i = ∂E_i/∂R̃_i (the forces and virials are linear in K: g_s = K_s·∂R̃_s/∂r,
 * F_i = Σ_s g_s, F_j −= g_s, Ξ = −Σ_s g_s ⊗ r_s). So
 * <pre>
 *   ∂L/∂θ = ∂/∂θ Σ_i [ ε_i E_i + ⟨Ĥ_i, ∂E_i/∂R̃_i⟩ ],   ĝ_s = φ_i − φ_j − ψ_f·r_s,   Ĥ_s,c = Σ_α (∂R̃_s,c/∂r_α) ĝ_s,α
 * </pre>
 * and ⟨Ĥ, ∂E/∂R̃⟩ is the directional derivative Ė of E along R̃̇ = Ĥ, which forward mode gives (dual numbers); one
 * reverse pass over the dual computation gives ∂/∂θ of Φ = Σ_i ε_i E_i + Ė_i. Per atom, with s̃ = R̃[:,0]:
 * <pre>
 *   pass 1 (forward + forces):
 *     G = N_e(s̃), G' = dG/ds̃ (forward mode)      gr = R̃ᵀG/N (4×M)      D = grᵀ gr&lt; (M×M&lt;)      E = N_f(D) + bias
 *     dD = ∂E/∂D (reverse)     dgr = gr&lt; dDᵀ + pad(gr dD)     ∂E/∂R̃ = G dgrᵀ/N + e₀ ⊗ Σ_c R̃_c (G' dgrᵀ/N)_c
 *   pass 2 (gradient), from ε, φ, ψ:
 *     Ĥ as above, ṡ = Ĥ[:,0]      ġr = (ĤᵀG + (R̃∘ṡ)ᵀG')/N      Ḋ = ġrᵀgr&lt; + grᵀġr&lt;
 *     fitting net on (D, Ḋ), reverse from (Ē, Ė̄) = (ε, 1):  ∂θ_fit, D̄
 *     gr̄ = gr&lt; D̄ᵀ + pad(gr D̄) + ġr&lt; dDᵀ + pad(ġr dD)      ġr̄ = dgr
 *     Ḡ = (R̃ gr̄ + Ĥ ġr̄)/N,  Ḡ' = (R̃∘ṡ) ġr̄/N;  embedding net reverse over (G, G'):  ∂θ_emb
 * </pre>
 * ({@link DualLayer} has the layer formulas.) The first pass keeps the embedding activations (per slot Σ widths
 * doubles, {@link TypeState}); the second recomputes the tangent products ż = ẋ·W instead of storing them.
 *
 * <p>Cost per step, water example (embedding [25,50,100], fitting [240,240,240]): 7 products of the embedding
 * layers' size per hidden layer (2 forward, 1 recomputed, 4 reverse) and 7 of the fitting layers' (the graph: 6 and
 * 6). Single-threaded except inside OpenBLAS. Not thread-safe: one kernel per training thread.
 */
public final class DeepPotKernel implements AutoCloseable {
    /** Slot rows per chunk (atoms per chunk = this / N): ~1,000 rows keep a chunk's M-wide arrays within L2/L3. */
    static final int CHUNK_ROWS = Integer.getInteger("dpspark.kernel.rows", 1024);

    private final KernelModel km;
    private final int chunk;
    private final Dbuf theta;
    private final Dbuf grad;
    private final TypeState[] state;
    // chunk work space (embedding: chunk·N rows, block-major; fitting: chunk rows)
    private final Dbuf[] xs, dxs, dzs;
    private final Dbuf ones, ybar, dybar, xbar, dxbar, zbar, dzbar, hat, envS, slotK, slotP;
    private final Dbuf dm, dbar, grDot, grBar, eOut, fy, fyb, fdyb, fxb, fdxb;
    private final Dbuf[] fdx, fdz;
    private final double[] acc;
    // the last forward's batch and results
    private StepBatch batch;
    private double[] energy, force, virial;

    /** A kernel for {@code model}'s architecture (its weights are set by {@link #setParams}). */
    public DeepPotKernel(DeepPotModel model) {
        km = new KernelModel(model);
        int n = km.nnei, m = km.m;
        chunk = Math.max(1, CHUNK_ROWS / n);
        theta = new Dbuf(km.paramCount);
        grad = new Dbuf(km.paramCount);
        state = new TypeState[km.ntypes];
        for (int t = 0; t < km.ntypes; t++) state[t] = new TypeState();
        List<KernelLayer> emb = km.embeddings.get(0);
        int rows = chunk * n, le = emb.size(), w = km.maxEmbeddingWidth();
        xs = new Dbuf[le + 1];
        dxs = new Dbuf[le + 1];
        dzs = new Dbuf[le];
        for (int l = 0; l <= le; l++) {
            int width = l == 0 ? 1 : emb.get(l - 1).nOut();
            xs[l] = new Dbuf((long) rows * width);
            dxs[l] = new Dbuf((long) rows * width);
            if (l < le) dzs[l] = new Dbuf((long) rows * emb.get(l).nOut());
        }
        ones = new Dbuf(rows);
        for (int r = 0; r < rows; r++) ones.put(r, 1.0);
        ybar = new Dbuf((long) rows * w);
        dybar = new Dbuf((long) rows * w);
        xbar = new Dbuf((long) rows * w);
        dxbar = new Dbuf((long) rows * w);
        zbar = new Dbuf((long) rows * w);
        dzbar = new Dbuf((long) rows * w);
        hat = new Dbuf((long) rows * 4);
        envS = new Dbuf((long) rows * 4);
        int maxSel = 0;
        for (int s : km.sel) maxSel = Math.max(maxSel, s);
        slotK = new Dbuf((long) maxSel * 4);
        slotP = new Dbuf((long) maxSel * 4);
        int fw = km.maxFittingWidth(), ma = m * km.axis;
        dm = new Dbuf((long) chunk * ma);
        dbar = new Dbuf((long) chunk * ma);
        grDot = new Dbuf((long) chunk * 4 * m);
        grBar = new Dbuf((long) chunk * 4 * m);
        eOut = new Dbuf(chunk);
        fy = new Dbuf((long) chunk * fw);
        fyb = new Dbuf((long) chunk * fw);
        fdyb = new Dbuf((long) chunk * fw);
        fxb = new Dbuf((long) chunk * fw);
        fdxb = new Dbuf((long) chunk * fw);
        List<KernelLayer> fit = km.fittings.get(0);
        fdx = new Dbuf[fit.size()];
        fdz = new Dbuf[fit.size()];
        for (int l = 0; l < fit.size(); l++) {
            fdx[l] = l == 0 ? dm : new Dbuf((long) chunk * fit.get(l).nIn());
            fdz[l] = new Dbuf((long) chunk * fit.get(l).nOut());
        }
        acc = new double[2 * Math.max(w, fw)];
    }

    /** Number of trainable parameters (the SameDiff graph's flat layout). */
    public int paramCount() { return km.paramCount; }

    /** Sets the trainable parameters from a flat vector in the graph's layout ({@code DeepPotGraph.flatParams()}). */
    public void setParams(double[] flat) {
        if (flat.length != km.paramCount) {
            throw new IllegalArgumentException("need " + km.paramCount + " parameters, got " + flat.length);
        }
        theta.copyFrom(flat, 0, flat.length);
    }

    /**
     * Pass 1: energies, forces and virials of {@code b}; keeps what {@link #backward} needs.
     *
     * @return {energy (nf, eV), force (natoms×3, eV/Å), virial (nf×9, eV, Ξ = −Σ_s g_s ⊗ r_s)}; arrays owned by the
     *     kernel until the next call
     */
    public double[][] forward(StepBatch b) {
        batch = b;
        energy = new double[b.nframes()];
        force = new double[3 * b.natoms()];
        virial = new double[9 * b.nframes()];
        for (int t = 0; t < km.ntypes; t++) {
            int rows = b.rows(t);
            TypeState st = state[t];
            st.size(km, rows);
            st.env.copyFrom(b.env()[t], 0, b.env()[t].length);
            for (int a0 = 0; a0 < rows; a0 += chunk) forwardChunk(t, a0, Math.min(chunk, rows - a0));
        }
        for (int i = 0; i < virial.length; i++) virial[i] = -virial[i];
        return new double[][] {energy, force, virial};
    }

    /**
     * Pass 2: ∂L/∂θ (flat, the graph's layout) for the batch of the last {@link #forward}, given the loss's
     * derivatives with respect to that forward's outputs.
     *
     * @param dE ∂L/∂E_f (nf), dF ∂L/∂F (natoms×3), dV ∂L/∂Ξ_f (nf×9)
     */
    public double[] backward(double[] dE, double[] dF, double[] dV) {
        if (batch == null) throw new IllegalStateException("backward needs a forward pass first");
        grad.zero(0, km.paramCount);
        for (int t = 0; t < km.ntypes; t++) {
            int rows = batch.rows(t);
            for (int a0 = 0; a0 < rows; a0 += chunk) backwardChunk(t, a0, Math.min(chunk, rows - a0), dE, dF, dV);
        }
        double[] out = new double[km.paramCount];
        grad.copyTo(0, out, 0, km.paramCount);
        return out;
    }

    // ---------------------------------------------------------------- pass 1

    private void forwardChunk(int t, int a0, int nc) {
        StepBatch b = batch;
        TypeState st = state[t];
        int n = km.nnei, m = km.m, ax = km.axis, ma = m * ax;
        double invN = 1.0 / n;
        embeddingForward(t, a0, nc, false);
        int last = km.embeddings.get(0).size();
        Dbuf g = xs[last], gp = dxs[last];
        for (int a = 0; a < nc; a++) {
            int grOff = (a0 + a) * 4 * m;
            boolean first = true;
            for (int j = 0; j < km.ntypes; j++) {
                int sj = km.sel[j];
                if (sj == 0) continue;
                Blas.gemm(true, false, 4, m, sj, invN, st.env, ((a0 + a) * n + km.selOffset[j]) * 4, 4, g,
                        (nc * km.selOffset[j] + a * sj) * m, m, first ? 0.0 : 1.0, st.gr, grOff, m);
                first = false;
            }
            Blas.gemm(true, false, m, ax, 4, 1.0, st.gr, grOff, m, st.gr, grOff, m, 0.0, st.fx[0], (a0 + a) * ma, ax);
        }
        // fitting net: value forward (inputs and activations kept), then ∂E/∂D
        List<KernelLayer> fit = km.fittings.get(t);
        int lf = fit.size();
        for (int l = 0; l < lf; l++) {
            KernelLayer k = fit.get(l);
            boolean out = l == lf - 1;
            DualLayer.forward(k, theta, nc, st.fx[l], a0 * k.nIn(), null, 0, st.fa[l], a0 * k.nOut(), false, null, 0,
                    out ? eOut : st.fx[l + 1], out ? 0 : a0 * k.nOut(), null, 0);
        }
        for (int a = 0; a < nc; a++) {
            int f = b.frame()[t][a0 + a];
            energy[f] += b.mask()[t][a0 + a] * (eOut.get(a) + km.shift[t]);
        }
        Dbuf gin = fyb, gout = fxb;
        for (int a = 0; a < nc; a++) gin.put(a, 1.0);
        for (int l = lf - 1; l >= 0; l--) {
            KernelLayer k = fit.get(l);
            Dbuf target = l == 0 ? st.dD : gout;
            DualLayer.reverseValue(k, theta, nc, st.fa[l], a0 * k.nOut(), gin, 0, zbar, target, l == 0 ? a0 * ma : 0);
            Dbuf tmp = gin;
            gin = gout;
            gout = tmp;
        }
        // dgr, then per slot ∂E/∂R̃ → g = ∂E/∂r_ij → forces, virial
        int[] ctr = b.ctr()[t], nbr = b.nbr()[t], fr = b.frame()[t];
        double[] deriv = b.deriv()[t], rij = b.rij()[t];
        for (int a = 0; a < nc; a++) {
            int grOff = (a0 + a) * 4 * m;
            Blas.gemm(false, true, 4, m, ax, 1.0, st.gr, grOff, m, st.dD, (a0 + a) * ma, ax, 0.0, st.dgr, grOff, m);
            Blas.gemm(false, false, 4, ax, m, 1.0, st.gr, grOff, m, st.dD, (a0 + a) * ma, ax, 1.0, st.dgr, grOff, m);
            int i = ctr[a0 + a], f = fr[a0 + a];
            for (int j = 0; j < km.ntypes; j++) {
                int sj = km.sel[j];
                if (sj == 0) continue;
                int gOff = (nc * km.selOffset[j] + a * sj) * m;
                Blas.gemm(false, true, sj, 4, m, invN, g, gOff, m, st.dgr, grOff, m, 0.0, slotK, 0, 4);
                Blas.gemm(false, true, sj, 4, m, invN, gp, gOff, m, st.dgr, grOff, m, 0.0, slotP, 0, 4);
                for (int q = 0; q < sj; q++) {
                    int row = (a0 + a) * n + km.selOffset[j] + q;
                    double ds = 0;
                    for (int c = 0; c < 4; c++) ds += st.env.get(row * 4 + c) * slotP.get(q * 4 + c);
                    double k0 = slotK.get(q * 4) + ds, k1 = slotK.get(q * 4 + 1), k2 = slotK.get(q * 4 + 2), k3 = slotK.get(q * 4 + 3);
                    int d = row * 12, k = nbr[row];
                    for (int al = 0; al < 3; al++) {
                        double gv = k0 * deriv[d + al] + k1 * deriv[d + 3 + al] + k2 * deriv[d + 6 + al] + k3 * deriv[d + 9 + al];
                        force[3 * i + al] += gv;
                        force[3 * k + al] -= gv;
                        for (int be = 0; be < 3; be++) virial[9 * f + 3 * al + be] += gv * rij[row * 3 + be];
                    }
                }
            }
        }
    }

    /**
     * The embedding nets of a chunk, block by block: value and forward-mode derivative (G in xs[L], G' in dxs[L],
     * block-major rows). First pass: activations computed and stored; second pass ({@code recompute}): read back,
     * only the tangent products are recomputed.
     */
    private void embeddingForward(int t, int a0, int nc, boolean recompute) {
        TypeState st = state[t];
        int n = km.nnei, wAct = km.embeddingActivationWidth();
        for (int j = 0; j < km.ntypes; j++) {
            int sj = km.sel[j];
            if (sj == 0) continue;
            int rb = nc * km.selOffset[j], rows = nc * sj;
            for (int a = 0; a < nc; a++) {
                for (int q = 0; q < sj; q++) xs[0].put(rb + a * sj + q, st.env.get(((a0 + a) * n + km.selOffset[j] + q) * 4));
            }
            List<KernelLayer> net = km.embedding(t, j);
            long actBase = (long) a0 * n * wAct + (long) rb * wAct;
            int cum = 0;
            for (int l = 0; l < net.size(); l++) {
                KernelLayer k = net.get(l);
                int ao = (int) (actBase + (long) rows * cum);
                DualLayer.forward(k, theta, rows, xs[l], rb * k.nIn(), l == 0 ? ones : dxs[l], rb * k.nIn(), st.act, ao,
                        recompute, dzs[l], rb * k.nOut(), xs[l + 1], rb * k.nOut(), dxs[l + 1], rb * k.nOut());
                cum += k.nOut();
            }
        }
    }

    // ---------------------------------------------------------------- pass 2

    private void backwardChunk(int t, int a0, int nc, double[] dE, double[] dF, double[] dV) {
        StepBatch b = batch;
        TypeState st = state[t];
        int n = km.nnei, m = km.m, ax = km.axis, ma = m * ax;
        double invN = 1.0 / n;
        // Ĥ (chunk rows, atom-major) and R̃∘ṡ
        int[] ctr = b.ctr()[t], nbr = b.nbr()[t], fr = b.frame()[t];
        double[] deriv = b.deriv()[t], rij = b.rij()[t];
        for (int a = 0; a < nc; a++) {
            int i = ctr[a0 + a], f = fr[a0 + a];
            for (int s = 0; s < n; s++) {
                int row = (a0 + a) * n + s, k = nbr[row], loc = (a * n + s) * 4;
                double r0 = rij[row * 3], r1 = rij[row * 3 + 1], r2 = rij[row * 3 + 2];
                int v0 = 9 * f;
                double gh0 = dF[3 * i] - dF[3 * k] - (dV[v0] * r0 + dV[v0 + 1] * r1 + dV[v0 + 2] * r2);
                double gh1 = dF[3 * i + 1] - dF[3 * k + 1] - (dV[v0 + 3] * r0 + dV[v0 + 4] * r1 + dV[v0 + 5] * r2);
                double gh2 = dF[3 * i + 2] - dF[3 * k + 2] - (dV[v0 + 6] * r0 + dV[v0 + 7] * r1 + dV[v0 + 8] * r2);
                int d = row * 12;
                for (int c = 0; c < 4; c++) {
                    hat.put(loc + c, deriv[d + 3 * c] * gh0 + deriv[d + 3 * c + 1] * gh1 + deriv[d + 3 * c + 2] * gh2);
                }
                double sdot = hat.get(loc);
                for (int c = 0; c < 4; c++) envS.put(loc + c, st.env.get(row * 4 + c) * sdot);
            }
        }
        embeddingForward(t, a0, nc, true);
        int last = km.embeddings.get(0).size();
        Dbuf g = xs[last], gp = dxs[last];
        // ġr and Ḋ per atom
        for (int a = 0; a < nc; a++) {
            int grOff = (a0 + a) * 4 * m;
            boolean first = true;
            for (int j = 0; j < km.ntypes; j++) {
                int sj = km.sel[j];
                if (sj == 0) continue;
                int gOff = (nc * km.selOffset[j] + a * sj) * m, hOff = (a * n + km.selOffset[j]) * 4;
                Blas.gemm(true, false, 4, m, sj, invN, hat, hOff, 4, g, gOff, m, first ? 0.0 : 1.0, grDot, a * 4 * m, m);
                Blas.gemm(true, false, 4, m, sj, invN, envS, hOff, 4, gp, gOff, m, 1.0, grDot, a * 4 * m, m);
                first = false;
            }
            Blas.gemm(true, false, m, ax, 4, 1.0, grDot, a * 4 * m, m, st.gr, grOff, m, 0.0, dm, a * ma, ax);
            Blas.gemm(true, false, m, ax, 4, 1.0, st.gr, grOff, m, grDot, a * 4 * m, m, 1.0, dm, a * ma, ax);
        }
        // fitting net on (D, Ḋ): tangent forward, then the reverse from (ε, 1)
        List<KernelLayer> fit = km.fittings.get(t);
        int lf = fit.size();
        for (int l = 0; l < lf; l++) {
            KernelLayer k = fit.get(l);
            Dbuf next = l == lf - 1 ? fy : fdx[l + 1];
            DualLayer.forward(k, theta, nc, st.fx[l], a0 * k.nIn(), fdx[l], 0, st.fa[l], a0 * k.nOut(), true, fdz[l], 0, fy, 0,
                    l == lf - 1 ? fxb : next, 0);
        }
        Dbuf yb = fyb, dyb = fdyb, xb = fxb, dxb = fdxb;
        for (int a = 0; a < nc; a++) {
            yb.put(a, dE[fr[a0 + a]] * b.mask()[t][a0 + a]);
            dyb.put(a, 1.0);
        }
        for (int l = lf - 1; l >= 0; l--) {
            KernelLayer k = fit.get(l);
            DualLayer.reverse(k, theta, grad, nc, st.fx[l], a0 * k.nIn(), fdx[l], 0, st.fa[l], a0 * k.nOut(), fdz[l], 0,
                    yb, 0, dyb, 0, zbar, dzbar, l == 0 ? dbar : xb, 0, l == 0 ? null : dxb, 0, acc);
            Dbuf ty = yb, tdy = dyb;
            yb = xb;
            dyb = dxb;
            xb = ty;
            dxb = tdy;
        }
        // gr̄ per atom
        for (int a = 0; a < nc; a++) {
            int grOff = (a0 + a) * 4 * m, o = a * 4 * m, dOff = (a0 + a) * ma;
            Blas.gemm(false, true, 4, m, ax, 1.0, st.gr, grOff, m, dbar, a * ma, ax, 0.0, grBar, o, m);
            Blas.gemm(false, false, 4, ax, m, 1.0, st.gr, grOff, m, dbar, a * ma, ax, 1.0, grBar, o, m);
            Blas.gemm(false, true, 4, m, ax, 1.0, grDot, o, m, st.dD, dOff, ax, 1.0, grBar, o, m);
            Blas.gemm(false, false, 4, ax, m, 1.0, grDot, o, m, st.dD, dOff, ax, 1.0, grBar, o, m);
        }
        // embedding nets: Ḡ, Ḡ' of a block, then the reverse over its layers
        int wAct = km.embeddingActivationWidth();
        for (int j = 0; j < km.ntypes; j++) {
            int sj = km.sel[j];
            if (sj == 0) continue;
            int rb = nc * km.selOffset[j], rows = nc * sj;
            for (int a = 0; a < nc; a++) {
                int grOff = (a0 + a) * 4 * m, o = a * sj * m;
                int envOff = ((a0 + a) * n + km.selOffset[j]) * 4, hOff = (a * n + km.selOffset[j]) * 4;
                Blas.gemm(false, false, sj, m, 4, invN, st.env, envOff, 4, grBar, a * 4 * m, m, 0.0, ybar, o, m);
                Blas.gemm(false, false, sj, m, 4, invN, hat, hOff, 4, st.dgr, grOff, m, 1.0, ybar, o, m);
                Blas.gemm(false, false, sj, m, 4, invN, envS, hOff, 4, st.dgr, grOff, m, 0.0, dybar, o, m);
            }
            List<KernelLayer> net = km.embedding(t, j);
            long actBase = (long) a0 * n * wAct + (long) rb * wAct;
            int[] cum = new int[net.size()];
            for (int l = 1; l < net.size(); l++) cum[l] = cum[l - 1] + net.get(l - 1).nOut();
            Dbuf ey = ybar, edy = dybar, ex = xbar, edx = dxbar;
            for (int l = net.size() - 1; l >= 0; l--) {
                KernelLayer k = net.get(l);
                int ao = (int) (actBase + (long) rows * cum[l]);
                boolean input = l == 0;
                DualLayer.reverse(k, theta, grad, rows, xs[l], rb * k.nIn(), input ? null : dxs[l], rb * k.nIn(), st.act, ao,
                        dzs[l], rb * k.nOut(), ey, 0, edy, 0, zbar, dzbar, input ? null : ex, 0, input ? null : edx, 0, acc);
                Dbuf ty = ey, tdy = edy;
                ey = ex;
                edy = edx;
                ex = ty;
                edx = tdy;
            }
        }
    }

    @Override
    public void close() {
        for (TypeState s : state) s.close();
        theta.close();
        grad.close();
    }
}
