package org.dpspark.train.kernel;

import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.nd4j.linalg.api.ndarray.INDArray;

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
 * ({@link DualLayer} has the layer formulas.) se_e2_r runs the same passes on R̃ = [s̃, 1/5, 0, 0] (∂R̃/∂r zero but
 * in column 0) with D = gr's row 1 = (1/5)(1/N)ΣG, which is linear in gr: dgr and gr̄ are D's adjoints in row 1, and
 * the bilinear terms of se_e2_a (gr&lt; dDᵀ …) do not exist. Frame and atomic parameters (numb_fparam/numb_aparam)
 * extend the fitting input to [D, p] with p constant in r: Ḋ's p columns are 0, and D̄'s p columns are computed and
 * not used. The embedding nets run chunk by chunk (a chunk's arrays stay in cache); the fitting net runs on all atoms of a type at once. The first pass keeps the embedding activations, G and G'
 * and the embedding's tangent products ż = ẋ·W ({@link TypeState}); the second pass reads them back (storing ż costs
 * less memory traffic than its product costs time; measurements: docs/benchmarks.md#training-kernel).
 *
 * <p>Products per step: 6 of each embedding layer's size per hidden layer (2 forward, 4 reverse; the graph: 6) and 7
 * of each fitting layer's (value forward and reverse, tangent forward, 4 reverse; the graph: 6). Single-threaded
 * except inside OpenBLAS. Not thread-safe: one kernel per training thread ({@link KernelCache}).
 */
public final class DeepPotKernel implements AutoCloseable {
    /** Slot rows per chunk (atoms per chunk = this / N): ~1,000 rows keep a chunk's M-wide arrays within L2/L3. */
    static final int CHUNK_ROWS = Integer.getInteger("dpspark.kernel.rows", 1024);

    private final KernelModel km;
    private final int chunk;
    private final Dbuf theta;
    private final Dbuf grad;
    private final TypeState[] state;
    // chunk work space of the embedding nets (chunk·N rows, block-major)
    private final Dbuf[] xs, dxs;
    private final Dbuf ones, ybar, dybar, xbar, dxbar, zbar, dzbar, slotK, slotP;
    private final double[] acc;
    /** The float32 nets of train.precision = mixed, or null (float64). */
    private final MixedNets mixed;
    // the last forward's batch and results
    private StepBatch batch;
    private double[] energy, force, virial;

    /** A float64 kernel for {@code model}'s architecture (its weights are set by {@link #setParams}). */
    public DeepPotKernel(DeepPotModel model) {
        this(model, false);
    }

    /**
     * A kernel for {@code model}'s architecture; {@code mixedPrecision}: the embedding and fitting nets in float32
     * ({@link MixedNets}), everything else float64.
     */
    public DeepPotKernel(DeepPotModel model, boolean mixedPrecision) {
        km = new KernelModel(model);
        int n = km.nnei;
        chunk = Math.max(1, CHUNK_ROWS / n);
        theta = new Dbuf(km.paramCount);
        grad = new Dbuf(km.paramCount);
        state = new TypeState[km.ntypes];
        for (int t = 0; t < km.ntypes; t++) state[t] = new TypeState();
        List<KernelLayer> emb = km.embeddings.get(0);
        int rows = chunk * n, le = emb.size(), w = km.maxEmbeddingWidth();
        xs = new Dbuf[le];
        dxs = new Dbuf[le];
        for (int l = 0; l < le; l++) {
            int width = l == 0 ? 1 : emb.get(l - 1).nOut();
            xs[l] = new Dbuf((long) rows * width);
            dxs[l] = new Dbuf((long) rows * width);
        }
        ones = new Dbuf(rows);
        for (int r = 0; r < rows; r++) ones.put(r, 1.0);
        ybar = new Dbuf((long) rows * w);
        dybar = new Dbuf((long) rows * w);
        xbar = new Dbuf((long) rows * w);
        dxbar = new Dbuf((long) rows * w);
        zbar = new Dbuf((long) rows * w);
        dzbar = new Dbuf((long) rows * w);
        int maxSel = 0;
        for (int s : km.sel) maxSel = Math.max(maxSel, s);
        slotK = new Dbuf((long) maxSel * 4);
        slotP = new Dbuf((long) maxSel * 4);
        acc = new double[2 * Math.max(w, km.maxFittingWidth())];
        mixed = mixedPrecision ? new MixedNets(km, chunk) : null;
    }

    /** Whether the nets run in float32 ({@code train.precision = mixed}). */
    public boolean mixedPrecision() { return mixed != null; }

    /** The batch of the last {@link #forward}, whose state {@link #backward} uses (null before the first). */
    public StepBatch batch() { return batch; }

    /** Number of trainable parameters (the SameDiff graph's flat layout). */
    public int paramCount() { return km.paramCount; }

    /** Sets the trainable parameters from a flat vector in the graph's layout ({@code DeepPotGraph.flatParams()}). */
    public void setParams(double[] flat) {
        if (flat.length != km.paramCount) {
            throw new IllegalArgumentException("need " + km.paramCount + " parameters, got " + flat.length);
        }
        theta.copyFrom(flat, 0, flat.length);
        if (mixed != null) mixed.setParams(theta);
    }

    /**
     * Sets the trainable parameters from a contiguous double INDArray in the graph's layout (a network's parameter
     * view): one native copy ({@link Nd4jViews}).
     */
    public void setParams(INDArray flat) {
        if (flat.length() != km.paramCount) {
            throw new IllegalArgumentException("need " + km.paramCount + " parameters, got " + flat.length());
        }
        Nd4jViews.wrap(theta, 0, flat.shape()).assign(flat);
        if (mixed != null) mixed.setParams(theta);
    }

    /**
     * Copies elements [off, off + view.length()) of the last {@link #backward}'s gradient into {@code view}, a
     * contiguous double INDArray (e.g. a network's gradient view of one parameter).
     */
    public void gradientInto(int off, INDArray view) {
        view.assign(Nd4jViews.wrap(grad, off, view.shape()));
    }

    /**
     * Pass 1: energies, forces and virials of {@code b}; keeps what {@link #backward} needs.
     *
     * @return {energy (nf, eV), force (natoms×3, eV/Å), virial (nf×9, eV, Ξ = −Σ_s g_s ⊗ r_s)}; arrays owned by the
     *     kernel until the next call
     */
    public double[][] forward(StepBatch b) {
        if (km.nParams > 0 && b.params() == null) {
            throw new IllegalArgumentException("the model takes " + km.nParams + " frame/atomic parameters; the batch has none");
        }
        batch = b;
        energy = new double[b.nframes()];
        force = new double[3 * b.natoms()];
        virial = new double[9 * b.nframes()];
        for (int t = 0; t < km.ntypes; t++) {
            int rows = b.rows(t);
            TypeState st = state[t];
            st.size(km, rows, mixed == null);
            if (mixed != null) mixed.size(t, rows);
            st.env.copyFrom(b.env()[t], 0, b.env()[t].length);
            for (int a0 = 0; a0 < rows; a0 += chunk) descriptorChunk(t, a0, Math.min(chunk, rows - a0));
            fittingForward(t, rows);
            for (int a0 = 0; a0 < rows; a0 += chunk) forceChunk(t, a0, Math.min(chunk, rows - a0));
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
        backwardInPlace(dE, dF, dV);
        double[] out = new double[km.paramCount];
        grad.copyTo(0, out, 0, km.paramCount);
        return out;
    }

    /** {@link #backward} keeping the gradient in the kernel (read it with {@link #gradientInto}). */
    public void backwardInPlace(double[] dE, double[] dF, double[] dV) {
        if (batch == null) throw new IllegalStateException("backward needs a forward pass first");
        grad.zero(0, km.paramCount);
        for (int t = 0; t < km.ntypes; t++) {
            int rows = batch.rows(t);
            slotAdjoints(t, rows, dF, dV);
            for (int a0 = 0; a0 < rows; a0 += chunk) tangentChunk(t, a0, Math.min(chunk, rows - a0));
            fittingReverse(t, rows, dE);
            for (int a0 = 0; a0 < rows; a0 += chunk) embeddingReverseChunk(t, a0, Math.min(chunk, rows - a0));
        }
    }

    /** Offset of the G/G' row block of neighbour type j for atom a of the chunk starting at a0 (nc atoms). */
    private int gOffset(int a0, int nc, int a, int j) {
        return (a0 * km.nnei + nc * km.selOffset[j] + a * km.sel[j]) * km.m;
    }

    /** Offset of atom i's slot block of neighbour type j in atom-major slot arrays (R̃, Ĥ; 4 per slot). */
    private int slotOffset(int i, int j) {
        return (i * km.nnei + km.selOffset[j]) * 4;
    }

    // ---------------------------------------------------------------- pass 1

    /** Embedding nets (G, G' kept), gr and D of a chunk. */
    private void descriptorChunk(int t, int a0, int nc) {
        TypeState st = state[t];
        int m = km.m, ax = km.axis, ma = m * ax, fin = km.fin, np = km.nParams;
        embeddingForward(t, a0, nc, false);
        for (int a = 0; a < nc; a++) {
            int grOff = (a0 + a) * 4 * m;
            contractSlots(st.env, st.g, a0, nc, a, 0.0, st.gr, grOff);
            if (km.radial) {
                for (int c = 0; c < m; c++) st.fx[0].put((a0 + a) * fin + c, st.gr.get(grOff + m + c)); // D = gr row 1
            } else {
                Blas.gemm(true, false, m, ax, 4, 1.0, st.gr, grOff, m, st.gr, grOff, m, 0.0, st.fx[0], (a0 + a) * fin, ax);
            }
            int dimD = km.radial ? m : ma;
            for (int k = 0; k < np; k++) st.fx[0].put((a0 + a) * fin + dimD + k, batch.params()[t][(a0 + a) * np + k]);
        }
    }

    /**
     * out (4×M at outOff) = β·out + Σ_j leftᵀ·right / N over atom a's slot blocks: left per slot 4 values (atom-major,
     * R̃, Ĥ or R̃∘ṡ), right per slot M values (block-major G or G').
     */
    private void contractSlots(Dbuf left, Dbuf right, int a0, int nc, int a, double beta, Dbuf out, int outOff) {
        double invN = 1.0 / km.nnei;
        for (int j = 0; j < km.ntypes; j++) {
            int sj = km.sel[j];
            if (sj == 0) continue;
            Blas.gemm(true, false, 4, km.m, sj, invN, left, slotOffset(a0 + a, j), 4, right, gOffset(a0, nc, a, j), km.m, beta,
                    out, outOff, km.m);
            beta = 1.0;
        }
    }

    /** Fitting net on all rows of type t: energies, then dD = ∂E/∂D by the value reverse. */
    private void fittingForward(int t, int rows) {
        TypeState st = state[t];
        StepBatch b = batch;
        if (mixed != null) mixed.fittingForward(t, rows, st.fx[0], st.eOut, st.dD);
        else fittingValue(t, rows);
        for (int a = 0; a < rows; a++) energy[b.frame()[t][a]] += b.mask()[t][a] * (st.eOut.get(a) + km.shift[t]);
    }

    /** The fitting net's value pass (E per row into st.eOut) and value reverse (∂E/∂D into st.dD), in float64. */
    private void fittingValue(int t, int rows) {
        TypeState st = state[t];
        List<KernelLayer> fit = km.fittings.get(t);
        int lf = fit.size();
        for (int l = 0; l < lf; l++) {
            KernelLayer k = fit.get(l);
            boolean out = l == lf - 1;
            DualLayer.forward(k, theta, rows, st.fx[l], 0, null, 0, st.fa[l], 0, false, null, 0, false, out ? st.eOut : st.fx[l + 1], 0,
                    null, 0);
        }
        Dbuf gin = st.fyb, gout = st.fxb;
        for (int a = 0; a < rows; a++) gin.put(a, 1.0);
        for (int l = lf - 1; l >= 0; l--) {
            KernelLayer k = fit.get(l);
            DualLayer.reverseValue(k, theta, rows, st.fa[l], 0, gin, 0, st.fzb, l == 0 ? st.dD : gout, 0);
            Dbuf tmp = gin;
            gin = gout;
            gout = tmp;
        }
    }

    /** dgr per atom, then per slot ∂E/∂R̃ → g = ∂E/∂r_ij → forces and virials. */
    private void forceChunk(int t, int a0, int nc) {
        StepBatch b = batch;
        TypeState st = state[t];
        int n = km.nnei, m = km.m, ax = km.axis, fin = km.fin;
        double invN = 1.0 / n;
        int[] ctr = b.ctr()[t], nbr = b.nbr()[t], fr = b.frame()[t];
        double[] deriv = b.deriv()[t], rij = b.rij()[t];
        for (int a = 0; a < nc; a++) {
            int grOff = (a0 + a) * 4 * m;
            if (km.radial) { // D = gr row 1: dgr = [0; ∂E/∂D; 0; 0]
                for (int c = 0; c < 4 * m; c++) st.dgr.put(grOff + c, c >= m && c < 2 * m ? st.dD.get((a0 + a) * fin + c - m) : 0.0);
            } else {
                Blas.gemm(false, true, 4, m, ax, 1.0, st.gr, grOff, m, st.dD, (a0 + a) * fin, ax, 0.0, st.dgr, grOff, m);
                Blas.gemm(false, false, 4, ax, m, 1.0, st.gr, grOff, m, st.dD, (a0 + a) * fin, ax, 1.0, st.dgr, grOff, m);
            }
            int i = ctr[a0 + a], f = fr[a0 + a];
            for (int j = 0; j < km.ntypes; j++) {
                int sj = km.sel[j];
                if (sj == 0) continue;
                int gOff = gOffset(a0, nc, a, j);
                Blas.gemm(false, true, sj, 4, m, invN, st.g, gOff, m, st.dgr, grOff, m, 0.0, slotK, 0, 4);
                Blas.gemm(false, true, sj, 4, m, invN, st.gp, gOff, m, st.dgr, grOff, m, 0.0, slotP, 0, 4);
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
     * The embedding nets of a chunk, block by block: value and forward-mode derivative, layer inputs in xs/dxs,
     * activations and tangent products in the type's store. First pass: computed and stored, G and G' written to the
     * type's store; second pass ({@code recompute}): activations and tangent products read back, G and G' not rewritten.
     */
    private void embeddingForward(int t, int a0, int nc, boolean recompute) {
        TypeState st = state[t];
        if (mixed != null) {
            mixed.embeddingForward(st, t, a0, nc, recompute);
            return;
        }
        int n = km.nnei, m = km.m, wAct = km.embeddingActivationWidth();
        for (int j = 0; j < km.ntypes; j++) {
            int sj = km.sel[j];
            if (sj == 0) continue;
            int rb = nc * km.selOffset[j], rows = nc * sj;
            for (int a = 0; a < nc; a++) {
                for (int q = 0; q < sj; q++) xs[0].put(rb + a * sj + q, st.env.get(((a0 + a) * n + km.selOffset[j] + q) * 4));
            }
            List<KernelLayer> net = km.embedding(t, j);
            long actBase = (long) a0 * n * wAct + (long) rb * wAct;
            int cum = 0, last = net.size() - 1;
            for (int l = 0; l <= last; l++) {
                KernelLayer k = net.get(l);
                int ao = (int) (actBase + (long) rows * cum);
                Dbuf y = l < last ? xs[l + 1] : recompute ? null : st.g, dy = l < last ? dxs[l + 1] : recompute ? null : st.gp;
                int yo = l < last ? rb * k.nOut() : (a0 * n + rb) * m;
                DualLayer.forward(k, theta, rows, xs[l], rb * k.nIn(), l == 0 ? ones : dxs[l], rb * k.nIn(), st.act, ao,
                        recompute, st.dz, ao, recompute, y, yo, dy, yo);
                cum += k.nOut();
            }
        }
    }

    // ---------------------------------------------------------------- pass 2

    /** Ĥ (per slot, atom-major) and R̃∘ṡ for all rows of type t. */
    private void slotAdjoints(int t, int rows, double[] dF, double[] dV) {
        StepBatch b = batch;
        TypeState st = state[t];
        int n = km.nnei;
        int[] ctr = b.ctr()[t], nbr = b.nbr()[t], fr = b.frame()[t];
        double[] deriv = b.deriv()[t], rij = b.rij()[t];
        for (int a = 0; a < rows; a++) {
            int i = ctr[a], f = fr[a], v0 = 9 * f;
            for (int s = 0; s < n; s++) {
                int row = a * n + s, k = nbr[row], loc = row * 4;
                double r0 = rij[row * 3], r1 = rij[row * 3 + 1], r2 = rij[row * 3 + 2];
                double gh0 = dF[3 * i] - dF[3 * k] - (dV[v0] * r0 + dV[v0 + 1] * r1 + dV[v0 + 2] * r2);
                double gh1 = dF[3 * i + 1] - dF[3 * k + 1] - (dV[v0 + 3] * r0 + dV[v0 + 4] * r1 + dV[v0 + 5] * r2);
                double gh2 = dF[3 * i + 2] - dF[3 * k + 2] - (dV[v0 + 6] * r0 + dV[v0 + 7] * r1 + dV[v0 + 8] * r2);
                int d = row * 12;
                for (int c = 0; c < 4; c++) {
                    st.hat.put(loc + c, deriv[d + 3 * c] * gh0 + deriv[d + 3 * c + 1] * gh1 + deriv[d + 3 * c + 2] * gh2);
                }
                double sdot = st.hat.get(loc);
                for (int c = 0; c < 4; c++) st.envS.put(loc + c, st.env.get(loc + c) * sdot);
            }
        }
    }

    /** ġr = (ĤᵀG + (R̃∘ṡ)ᵀG')/N and Ḋ = ġrᵀgr&lt; + grᵀġr&lt; for the atoms of a chunk. */
    private void tangentChunk(int t, int a0, int nc) {
        TypeState st = state[t];
        int m = km.m, ax = km.axis, fin = km.fin;
        for (int a = 0; a < nc; a++) {
            int grOff = (a0 + a) * 4 * m;
            contractSlots(st.hat, st.g, a0, nc, a, 0.0, st.grDot, grOff);
            contractSlots(st.envS, st.gp, a0, nc, a, 1.0, st.grDot, grOff);
            if (km.radial) {
                for (int c = 0; c < m; c++) st.dm.put((a0 + a) * fin + c, st.grDot.get(grOff + m + c)); // Ḋ = ġr row 1
                continue;
            }
            Blas.gemm(true, false, m, ax, 4, 1.0, st.grDot, grOff, m, st.gr, grOff, m, 0.0, st.dm, (a0 + a) * fin, ax);
            Blas.gemm(true, false, m, ax, 4, 1.0, st.gr, grOff, m, st.grDot, grOff, m, 1.0, st.dm, (a0 + a) * fin, ax);
        }
    }

    /**
     * Fitting net on (D, Ḋ) for all rows of type t: tangent forward, then the reverse from (Ē, Ė̄) = (ε, 1) into the
     * gradient and D̄; then gr̄ per atom.
     */
    private void fittingReverse(int t, int rows, double[] dE) {
        StepBatch b = batch;
        TypeState st = state[t];
        int m = km.m, ax = km.axis, fin = km.fin;
        if (mixed != null) {
            double[] yb = new double[rows];
            for (int a = 0; a < rows; a++) yb[a] = dE[b.frame()[t][a]] * b.mask()[t][a];
            mixed.fittingReverse(grad, t, rows, st.dm, yb, st.dbar);
        } else {
            fittingDual(t, rows, dE);
        }
        if (km.radial) { // D linear in gr: gr̄ = [0; D̄; 0; 0], no second-order terms
            for (int a = 0; a < rows; a++) {
                int o = a * 4 * m;
                for (int c = 0; c < 4 * m; c++) st.grBar.put(o + c, c >= m && c < 2 * m ? st.dbar.get(a * fin + c - m) : 0.0);
            }
            return;
        }
        for (int a = 0; a < rows; a++) {
            int o = a * 4 * m, dOff = a * fin;
            Blas.gemm(false, true, 4, m, ax, 1.0, st.gr, o, m, st.dbar, dOff, ax, 0.0, st.grBar, o, m);
            Blas.gemm(false, false, 4, ax, m, 1.0, st.gr, o, m, st.dbar, dOff, ax, 1.0, st.grBar, o, m);
            Blas.gemm(false, true, 4, m, ax, 1.0, st.grDot, o, m, st.dD, dOff, ax, 1.0, st.grBar, o, m);
            Blas.gemm(false, false, 4, ax, m, 1.0, st.grDot, o, m, st.dD, dOff, ax, 1.0, st.grBar, o, m);
        }
    }

    /** The fitting net's tangent forward and reverse from (Ē, Ė̄) = (ε, 1) into the gradient and D̄ (st.dbar), float64. */
    private void fittingDual(int t, int rows, double[] dE) {
        StepBatch b = batch;
        TypeState st = state[t];
        List<KernelLayer> fit = km.fittings.get(t);
        int lf = fit.size();
        for (int l = 0; l < lf; l++) {
            KernelLayer k = fit.get(l);
            boolean out = l == lf - 1;
            DualLayer.forward(k, theta, rows, st.fx[l], 0, st.fdx[l], 0, st.fa[l], 0, true, st.fdz[l], 0, false, st.fy, 0,
                    out ? st.fxb : st.fdx[l + 1], 0);
        }
        Dbuf yb = st.fyb, dyb = st.fdyb, xb = st.fxb, dxb = st.fdxb;
        for (int a = 0; a < rows; a++) {
            yb.put(a, dE[b.frame()[t][a]] * b.mask()[t][a]);
            dyb.put(a, 1.0);
        }
        for (int l = lf - 1; l >= 0; l--) {
            KernelLayer k = fit.get(l);
            DualLayer.reverse(k, theta, grad, rows, st.fx[l], 0, st.fdx[l], 0, st.fa[l], 0, st.fdz[l], 0, yb, 0, dyb, 0,
                    st.fzb, st.fdzb, l == 0 ? st.dbar : xb, 0, l == 0 ? null : dxb, 0, acc);
            Dbuf ty = yb, tdy = dyb;
            yb = xb;
            dyb = dxb;
            xb = ty;
            dxb = tdy;
        }
    }

    /** Embedding nets of a chunk: layer inputs rebuilt from the store, Ḡ and Ḡ' of a block, then the reverse over its layers. */
    private void embeddingReverseChunk(int t, int a0, int nc) {
        TypeState st = state[t];
        int n = km.nnei, m = km.m;
        double invN = 1.0 / n;
        embeddingForward(t, a0, nc, true);
        int wAct = km.embeddingActivationWidth();
        for (int j = 0; j < km.ntypes; j++) {
            int sj = km.sel[j];
            if (sj == 0) continue;
            int rb = nc * km.selOffset[j], rows = nc * sj;
            for (int a = 0; a < nc; a++) {
                int grOff = (a0 + a) * 4 * m, o = a * sj * m, hOff = slotOffset(a0 + a, j);
                Blas.gemm(false, false, sj, m, 4, invN, st.env, hOff, 4, st.grBar, grOff, m, 0.0, ybar, o, m);
                Blas.gemm(false, false, sj, m, 4, invN, st.hat, hOff, 4, st.dgr, grOff, m, 1.0, ybar, o, m);
                Blas.gemm(false, false, sj, m, 4, invN, st.envS, hOff, 4, st.dgr, grOff, m, 0.0, dybar, o, m);
            }
            if (mixed != null) {
                mixed.embeddingReverse(grad, t, j, a0, nc, ybar, dybar);
                continue;
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
                        st.dz, ao, ey, 0, edy, 0, zbar, dzbar, input ? null : ex, 0, input ? null : edx, 0, acc);
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
        if (mixed != null) mixed.close();
        theta.close();
        grad.close();
    }
}
