package org.dpspark.model.eval;

import java.util.Arrays;
import org.dpspark.model.AttentionLayer;
import org.dpspark.model.SeAttenDescriptor;
import org.dpspark.model.env.SmoothSwitch;
import org.dpspark.model.neighbor.NeighborList;

/**
 * The DPA-1 (se_atten, se_atten_v2) descriptor of one centre atom at a time, forward and reverse (the per-atom part of
 * {@link SeAttenEvaluator}, and a member of a {@code hybrid} in {@link HybridEvaluator}), as DeePMD-kit's dense NumPy
 * evaluation computes it (deepmd/dpmodel/descriptor/dpa1.py {@code DescrptBlockSeAtten.call}; the
 * formulas are in {@link SeAttenDescriptor} and {@link AttentionLayer}), with hand-written analytic forces and virials.
 *
 * <p>Per centre atom i (N = sel slots, nearest first whatever the type; M = embedding width; H = attention width):
 * <ol>
 *   <li>slots from {@link VerletSlots} with every atom given one type (so one distance-sorted group of N, as DeePMD-kit's
 *       mixed-type neighbour list); R̃ = (R − davg)/dstd for every slot, padding rows R = 0 (they count, as in
 *       DeePMD-kit); the switch s_j = w(r_ij) (padding 0); r̂_j = R̃_j[1:4]/max(|R̃_j[1:4]|, 10⁻¹²);</li>
 *   <li>G⁰ from the embedding net(s) and the type embedding (padding slots take the type of atom 0);</li>
 *   <li>the attention layers; padding rows get no attention (their output is out_proj's bias), and no real row
 *       attends to them, so padding rows stay constants;</li>
 *   <li>gr = (1/N) GᵀR̃, D = gr·gr_&lt;ᵀ (+ τ_{t_i}), the fitting input's columns.</li>
 * </ol>
 * Reverse, over the real slots only (padding rows are constant): ∂E/∂D → ∂E/∂gr → ∂E/∂G (and the direct ∂E/∂R̃) →
 * through each attention layer (layer norm, out_proj, A·V, the gates s_j s_k and r̂_j·r̂_k, softmax, the logits
 * (L + 20)s_j s_k − 20, Q Kᵀ, the normalisations, in_proj; the residual) → ∂E/∂G⁰ → the embedding net's input s̃ (and,
 * stripped and smooth, the switch factor) → ∂E/∂R̃, ∂E/∂r̂, ∂E/∂s → ∂E/∂r_ij → forces and virials in
 * {@link ReferenceEvaluator#scatter}'s convention.
 *
 * <p>Layout: one centre atom at a time; the N×N attention of every layer is kept for the reverse pass
 * (L·(3N² + 7NH + 4NM) doubles). {@link #evaluateInto} allocates nothing once sized. Not thread-safe.
 */
final class SeAttenAtoms extends AtomDescriptor {
    private final int ntypes;
    /** The types of the frame of the latest {@link #update}, and the real slots of the latest atom. */
    private int[] types = new int[0];
    private int real;
    private static final double RHAT_FLOOR = 1e-12;
    private final SeAttenDescriptor d;
    private final int nnei;
    private final int ng;
    private final int axis;
    private final int dimD;
    private final int hid;
    private final int nl;
    private final double rcut;
    private final double rcutSmth;
    private final double alpha;
    private final double[] davg;
    private final double[] dstd;
    /** τ_t, T × d. */
    private final double[] tebd;
    /** Stripped: the type-pair net's output for (centre, neighbour type), T × T × M; else null. */
    private final double[] stripTable;
    /**
     * The embedding net over the N slots of one atom at once: row-major with the Vector API's products ({@link
     * RowBlockNet}, with the vector products), or feature-major and bitwise the one-row net ({@link BatchedNet}, scalar).
     */
    private final RowBlockNet embVec;
    private final BatchedNet embRef;
    private final VerletSlots slots;
    private int[] oneType = new int[0];

    // attention weights per layer
    private final double[][] inW;
    private final double[][] inB;
    private final double[][] outW;
    private final double[][] outB;
    private final double[][] lnW;
    private final double[][] lnB;
    private final double[] lnEps;
    /** W_inᵀ (3H × M) and W_outᵀ (M × H) per layer: the right operands of the reverse products. */
    private final double[][] inWt;
    private final double[][] outWt;
    /** The matrix products: the Vector API kernels, or plain loops (the reference the tests compare with). */
    private final MatrixProducts mp;
    /** Kᵀ (forward) and Vᵀ (reverse) of the current layer, H × N. */
    private final double[] kt;
    private final double[] vt;

    // per-atom state
    private final double[] envA;      // N × 4 raw R (real slots), Å⁻¹
    private final double[] derivA;    // N × 12 ∂R/∂r_ij, Å⁻²
    private final double[] rijA;      // N × 3, Å
    private final int[] nlistA;       // N
    private final int[] countsA = new int[1];
    private final double[] rr;        // N × 4 normalised R̃
    private final double[] sw;        // N, w(r_ij) (padding 0)
    private final double[] dsw;       // N × 3, ∂w/∂r_ij
    private final double[] rhat;      // N × 3
    private final double[] rnorm;     // N, |R̃[1:4]|
    private final int[] nbType;       // N
    private final double[] embGrad;   // M × N, ∂E/∂G⁰ feature-major (the embedding's reverse input)
    private final double[] gt;        // N × M, stripped: the type factor (× s if smooth)
    private final double[][] g;       // (L+1) × N × M, the embedding matrix before / after each layer
    private final double[][] qkv;     // L × N × 3H, after normalisation (q also × α)
    private final double[][] qkvNorm; // L × N × 3, the norms
    private final double[][] logits;  // L × N × N, α Q Kᵀ
    private final double[][] soft;    // L × N × N, softmax
    private final double[][] att;     // L × N × N, final weights
    private final double[][] ov;      // L × N × H, A·V
    private final double[][] xhat;    // L × N × M
    private final double[][] rstd;    // L × N
    private final double[] gr;        // M × 4
    private final double[] dgr;       // M × 4
    private final double[] dG;        // N × M
    private final double[] dX;        // N × M
    private final double[] dy;        // N × M
    private final double[] dO;        // N × H
    private final double[] dP;        // N × 3H
    private final double[] dL;        // N × N
    private final double[] drr;       // N × 4
    private final double[] dswAcc;    // N
    private final double[] drhat;     // N × 3

    /**
     * @param sd the descriptor
     * @param mp the matrix products: {@link MatrixProducts#vector()} (what test and simulate run) or the plain loops
     */
    SeAttenAtoms(SeAttenDescriptor sd, MatrixProducts mp) {
        this.mp = mp;
        d = sd;
        ntypes = sd.ntypes();
        nnei = d.nnei();
        ng = d.embeddingWidth();
        axis = d.axisNeuron();
        dimD = d.dimOut();
        hid = d.attn();
        nl = d.attentionLayers().size();
        rcut = d.rcut();
        rcutSmth = d.rcutSmth();
        alpha = d.attentionScale();
        davg = d.davg().clone();
        dstd = d.dstd().clone();
        int td = d.tebdDim();
        tebd = new double[ntypes * td];
        CompiledNet te = new CompiledNet(d.typeEmbedding());
        double[] row = new double[te.rowWidth()];
        for (int t = 0; t < ntypes; t++) {
            double[] oneHot = new double[ntypes];
            oneHot[t] = 1.0;
            te.forward(oneHot, 0, row, null, 0);
            System.arraycopy(row, te.outOffset(), tebd, t * td, td);
        }
        embVec = mp.isVector() ? new RowBlockNet(d.embedding()) : null;
        embRef = mp.isVector() ? null : new BatchedNet(d.embedding(), nnei);
        if (embVec != null) embVec.ensure(nnei);
        if (d.stripped()) {
            CompiledNet st = new CompiledNet(d.embeddingStrip());
            double[] srow = new double[st.rowWidth()];
            double[] x = new double[d.embeddingStrip().inDim()];
            stripTable = new double[ntypes * ntypes * ng];
            for (int ti = 0; ti < ntypes; ti++) {
                for (int tj = 0; tj < ntypes; tj++) {
                    System.arraycopy(tebd, tj * td, x, 0, td);
                    if (!d.typeOneSide()) System.arraycopy(tebd, ti * td, x, td, td);
                    st.forward(x, 0, srow, null, 0);
                    System.arraycopy(srow, st.outOffset(), stripTable, (ti * ntypes + tj) * ng, ng);
                }
            }
        } else {
            stripTable = null;
        }
        slots = new VerletSlots(rcut, rcutSmth, new int[] {nnei}, VerletSlots.DEFAULT_SKIN);
        inW = new double[nl][];
        inB = new double[nl][];
        outW = new double[nl][];
        outB = new double[nl][];
        lnW = new double[nl][];
        lnB = new double[nl][];
        lnEps = new double[nl];
        inWt = new double[nl][];
        outWt = new double[nl][];
        for (int l = 0; l < nl; l++) {
            AttentionLayer a = d.attentionLayers().get(l);
            inW[l] = a.inProj().w();
            inB[l] = a.inProj().b();
            outW[l] = a.outProj().w();
            outB[l] = a.outProj().b();
            lnW[l] = a.lnWeight();
            lnB[l] = a.lnBias();
            lnEps[l] = a.lnEps();
            inWt[l] = transpose(inW[l], ng, 3 * hid);
            outWt[l] = transpose(outW[l], hid, ng);
        }
        int n = nnei;
        envA = new double[n * 4];
        derivA = new double[n * 12];
        rijA = new double[n * 3];
        nlistA = new int[n];
        rr = new double[n * 4];
        sw = new double[n];
        dsw = new double[n * 3];
        rhat = new double[n * 3];
        rnorm = new double[n];
        nbType = new int[n];
        embGrad = new double[ng * n];
        gt = new double[n * ng];
        g = new double[nl + 1][n * ng];
        qkv = new double[nl][n * 3 * hid];
        qkvNorm = new double[nl][n * 3];
        logits = new double[nl][n * n];
        soft = new double[nl][n * n];
        att = new double[nl][n * n];
        ov = new double[nl][n * hid];
        xhat = new double[nl][n * ng];
        rstd = new double[nl][n];
        gr = new double[ng * 4];
        dgr = new double[ng * 4];
        dG = new double[n * ng];
        dX = new double[n * ng];
        dy = new double[n * ng];
        dO = new double[n * hid];
        dP = new double[n * 3 * hid];
        dL = new double[n * n];
        drr = new double[n * 4];
        dswAcc = new double[n];
        drhat = new double[n * 3];
        kt = new double[hid * n];
        vt = new double[hid * n];
        mp.reserve(Math.max(n, Math.max(3 * hid, ng)), n); // the largest sum and row count of the products below
    }

    /** The transpose (cols × rows) of a row-major rows × cols matrix. */
    private static double[] transpose(double[] m, int rows, int cols) {
        double[] t = new double[m.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
        return t;
    }

    @Override
    int width() { return dimD; }

    /** Matrix products on the Vector API (else the plain loops). */
    boolean isVector() { return mp.isVector(); }

    /** Every atom given one type: one distance-sorted group of N slots, DeePMD-kit's mixed-type neighbour list. */
    @Override
    void update(double[] positions, double[] cell, int[] types, NeighborList verlet) {
        if (oneType.length != types.length) oneType = new int[types.length];
        this.types = types;
        slots.update(positions, cell, oneType, verlet);
    }

    /** Slots, environment, embedding, attention layers and D_i of atom i (see {@link AtomDescriptor#forward}). */
    @Override
    long forward(int i, int ti, double[] x, int off) {
        long drop = slots.computeRealSlots(i, envA, derivA, rijA, 0, nlistA, 0, countsA);
        real = Math.min(countsA[0], nnei);
        environment(ti, types, real);
        embed(ti, real);
        for (int l = 0; l < nl; l++) attention(l, real);
        descriptor(ti, x, off);
        return drop;
    }

    @Override
    void reverse(int i, int ti, double[] dx, int off, double[] forces, double[] virial, double[] atomVirial) {
        reverse(i, ti, real, dx, off, forces, virial, atomVirial);
    }

    /** R̃, s, ∂s/∂r, r̂ and the neighbour types of every slot (padding: R = 0, s = 0, the type of atom 0). */
    private void environment(int ti, int[] types, int real) {
        int base = ti * nnei * 4;
        for (int j = 0; j < nnei; j++) {
            boolean isReal = j < real;
            for (int c = 0; c < 4; c++) {
                double raw = isReal ? envA[4 * j + c] : 0.0;
                rr[4 * j + c] = (raw - davg[base + 4 * j + c]) / dstd[base + 4 * j + c];
            }
            if (isReal) {
                double x = rijA[3 * j], y = rijA[3 * j + 1], z = rijA[3 * j + 2];
                double r = Math.sqrt(x * x + y * y + z * z);
                sw[j] = SmoothSwitch.value(r, rcutSmth, rcut);
                double dw = SmoothSwitch.derivative(r, rcutSmth, rcut) / r;
                dsw[3 * j] = dw * x;
                dsw[3 * j + 1] = dw * y;
                dsw[3 * j + 2] = dw * z;
                nbType[j] = types[nlistA[j]];
            } else {
                sw[j] = 0.0;
                nbType[j] = types[0];
            }
            double u0 = rr[4 * j + 1], u1 = rr[4 * j + 2], u2 = rr[4 * j + 3];
            double nrm = Math.sqrt(u0 * u0 + u1 * u1 + u2 * u2);
            rnorm[j] = nrm;
            double den = Math.max(nrm, RHAT_FLOOR);
            rhat[3 * j] = u0 / den;
            rhat[3 * j + 1] = u1 / den;
            rhat[3 * j + 2] = u2 / den;
        }
    }

    /** G⁰ of every slot (all N rows: padding rows are inputs of the layers and of gr). */
    private void embed(int ti, int real) {
        int td = d.tebdDim();
        boolean concat = !d.stripped(), centre = concat && !d.typeOneSide();
        // input feature c of slot j at in[j·rs + c·cs]
        double[] in = embVec != null ? embVec.in : embRef.in;
        int rs = embVec != null ? embVec.inStride() : 1, cs = embVec != null ? 1 : embRef.cap;
        for (int j = 0; j < nnei; j++) {
            in[j * rs] = rr[4 * j];
            if (concat) for (int c = 0; c < td; c++) in[j * rs + (1 + c) * cs] = tebd[nbType[j] * td + c];
            if (centre) for (int c = 0; c < td; c++) in[j * rs + (1 + td + c) * cs] = tebd[ti * td + c];
        }
        if (embVec != null) embVec.forward(nnei);
        else embRef.forward(nnei);
        double[] g0 = g[0];
        for (int j = 0; j < nnei; j++) {
            int s = (ti * ntypes + nbType[j]) * ng;
            for (int a = 0; a < ng; a++) {
                double e = embOut(j, a);
                if (concat) {
                    g0[j * ng + a] = e;
                } else {
                    double t = d.smooth() ? stripTable[s + a] * sw[j] : stripTable[s + a];
                    gt[j * ng + a] = t;
                    g0[j * ng + a] = e * t + e;
                }
            }
        }
    }

    /** The embedding net's output a of slot j (after {@link #embed}). */
    private double embOut(int j, int a) {
        return embVec != null ? embVec.out[j * embVec.ld + embVec.outOffset() + a] : embRef.out[embRef.outBase(a) + j];
    }

    /** Attention layer l: g[l] → g[l + 1], keeping what the reverse pass needs. */
    private void attention(int l, int real) {
        double[] x = g[l], y = g[l + 1], p = qkv[l], nrm = qkvNorm[l], lg = logits[l], sm = soft[l], a = att[l], o = ov[l];
        double[] w = inW[l], b = inB[l];
        int h3 = 3 * hid;
        mp.mm(x, 0, 1, ng, nnei, ng, w, 0, h3, p, 0, h3, h3, false); // P = X·W_in
        for (int j = 0; j < nnei; j++) {
            if (b != null) for (int c = 0; c < h3; c++) p[j * h3 + c] += b[c];
            for (int part = 0; part < 3; part++) {
                int o0 = j * h3 + part * hid;
                if (d.normalize()) {
                    double s = 0.0;
                    for (int c = 0; c < hid; c++) s += p[o0 + c] * p[o0 + c];
                    double len = Math.sqrt(s);
                    nrm[3 * j + part] = len;
                    for (int c = 0; c < hid; c++) p[o0 + c] /= len;
                }
                if (part == 0) for (int c = 0; c < hid; c++) p[o0 + c] *= alpha;
            }
        }
        boolean smooth = d.smooth();
        int kEnd = smooth ? nnei : real; // without smooth, padding keys are −∞: weight exactly 0
        for (int k = 0; k < kEnd; k++) for (int c = 0; c < hid; c++) kt[c * nnei + k] = p[k * h3 + hid + c];
        mp.mm(p, 0, 1, h3, real, hid, kt, 0, nnei, lg, 0, nnei, kEnd, false); // L = Q̃ Kᵀ (real rows, kEnd keys)
        for (int j = 0; j < nnei; j++) {
            if (j >= real) {
                Arrays.fill(a, j * nnei, (j + 1) * nnei, 0.0);
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < kEnd; k++) {
                double s = lg[j * nnei + k];
                double v = smooth ? (s + SeAttenDescriptor.ATTN_SHIFT) * sw[j] * sw[k] - SeAttenDescriptor.ATTN_SHIFT : s;
                sm[j * nnei + k] = v;
                max = Math.max(max, v);
            }
            double sum = 0.0;
            for (int k = 0; k < kEnd; k++) {
                double e = Math.exp(sm[j * nnei + k] - max);
                sm[j * nnei + k] = e;
                sum += e;
            }
            for (int k = 0; k < nnei; k++) {
                double s = k < kEnd ? sm[j * nnei + k] / sum : 0.0;
                sm[j * nnei + k] = s;
                double v = smooth ? s * sw[j] * sw[k] : s;
                if (d.attnDotr()) v *= rhat[3 * j] * rhat[3 * k] + rhat[3 * j + 1] * rhat[3 * k + 1] + rhat[3 * j + 2] * rhat[3 * k + 2];
                a[j * nnei + k] = v;
            }
        }
        mp.mm(a, 0, 1, nnei, nnei, nnei, p, 2 * hid, h3, o, 0, hid, hid, false); // O = A·V
        double[] wo = outW[l], bo = outB[l], gw = lnW[l], gb = lnB[l], xh = xhat[l], rs = rstd[l];
        mp.mm(o, 0, 1, hid, nnei, hid, wo, 0, ng, y, 0, ng, ng, false); // O·W_out, then + b and the residual
        for (int j = 0; j < nnei; j++) {
            int r0 = j * ng;
            for (int m = 0; m < ng; m++) {
                double s = y[r0 + m];
                if (bo != null) s += bo[m];
                y[r0 + m] = x[r0 + m] + s;
            }
            double mean = 0.0;
            for (int m = 0; m < ng; m++) mean += y[r0 + m];
            mean /= ng;
            double var = 0.0;
            for (int m = 0; m < ng; m++) var += (y[r0 + m] - mean) * (y[r0 + m] - mean);
            var /= ng;
            double inv = 1.0 / Math.sqrt(var + lnEps[l]);
            rs[j] = inv;
            for (int m = 0; m < ng; m++) {
                double hv = (y[r0 + m] - mean) * inv;
                xh[r0 + m] = hv;
                y[r0 + m] = hv * gw[m] + gb[m];
            }
        }
    }

    /** gr = (1/N) Σ_j G_j ⊗ R̃_j over all slots, D = gr·gr_&lt;ᵀ, then τ_{t_i} when concat_output_tebd. */
    private void descriptor(int ti, double[] desc, int off) {
        double[] gg = g[nl];
        Arrays.fill(gr, 0.0);
        for (int j = 0; j < nnei; j++) {
            for (int a = 0; a < ng; a++) {
                double v = gg[j * ng + a];
                for (int c = 0; c < 4; c++) gr[4 * a + c] += v * rr[4 * j + c];
            }
        }
        for (int q = 0; q < 4 * ng; q++) gr[q] /= nnei;
        for (int a = 0; a < ng; a++) {
            for (int b = 0; b < axis; b++) {
                desc[off + a * axis + b] = gr[4 * a] * gr[4 * b] + gr[4 * a + 1] * gr[4 * b + 1]
                        + gr[4 * a + 2] * gr[4 * b + 2] + gr[4 * a + 3] * gr[4 * b + 3];
            }
        }
        if (d.concatOutputTebd()) System.arraycopy(tebd, ti * d.tebdDim(), desc, off + ng * axis, d.tebdDim());
    }

    /** ∂E_i/∂D_i (at dD[off..]) back to every real slot's ∂E/∂r_ij, then the force/virial scatter. */
    private void reverse(int i, int ti, int real, double[] dD, int off, double[] forces, double[] virial,
            double[] atomVirial) {
        Arrays.fill(dgr, 0.0);
        for (int a = 0; a < ng; a++) {
            for (int b = 0; b < axis; b++) {
                double v = dD[off + a * axis + b];
                for (int k = 0; k < 4; k++) {
                    dgr[4 * a + k] += v * gr[4 * b + k];
                    dgr[4 * b + k] += v * gr[4 * a + k];
                }
            }
        }
        for (int q = 0; q < 4 * ng; q++) dgr[q] /= nnei;
        double[] gg = g[nl];
        Arrays.fill(drr, 0, 4 * real, 0.0);
        Arrays.fill(dswAcc, 0, real, 0.0);
        Arrays.fill(drhat, 0, 3 * real, 0.0);
        for (int j = 0; j < real; j++) {
            for (int a = 0; a < ng; a++) {
                double s = 0.0;
                for (int c = 0; c < 4; c++) {
                    s += dgr[4 * a + c] * rr[4 * j + c];
                    drr[4 * j + c] += dgr[4 * a + c] * gg[j * ng + a];
                }
                dG[j * ng + a] = s;
            }
        }
        for (int l = nl - 1; l >= 0; l--) attentionBackward(l, real);
        embedBackward(ti, real);
        int base = ti * nnei * 4;
        for (int j = 0; j < real; j++) {
            // r̂ = u/|u| (|u| > 10⁻¹²): ∂E/∂u = (∂E/∂r̂ − r̂ (r̂·∂E/∂r̂))/|u|
            if (rnorm[j] > RHAT_FLOOR) {
                double h0 = rhat[3 * j], h1 = rhat[3 * j + 1], h2 = rhat[3 * j + 2];
                double g0 = drhat[3 * j], g1 = drhat[3 * j + 1], g2 = drhat[3 * j + 2];
                double dot = h0 * g0 + h1 * g1 + h2 * g2;
                drr[4 * j + 1] += (g0 - h0 * dot) / rnorm[j];
                drr[4 * j + 2] += (g1 - h1 * dot) / rnorm[j];
                drr[4 * j + 3] += (g2 - h2 * dot) / rnorm[j];
            }
            double gx = dswAcc[j] * dsw[3 * j], gy = dswAcc[j] * dsw[3 * j + 1], gz = dswAcc[j] * dsw[3 * j + 2];
            for (int c = 0; c < 4; c++) {
                double pc = drr[4 * j + c] / dstd[base + 4 * j + c];
                int e = 12 * j + 3 * c;
                gx += pc * derivA[e];
                gy += pc * derivA[e + 1];
                gz += pc * derivA[e + 2];
            }
            ReferenceEvaluator.scatter(i, nlistA[j], gx, gy, gz, rijA[3 * j], rijA[3 * j + 1], rijA[3 * j + 2], forces, virial, atomVirial);
        }
    }

    /** dG (real rows, ∂E/∂g[l+1]) → dG (∂E/∂g[l]); adds to ∂E/∂s and ∂E/∂r̂. */
    private void attentionBackward(int l, int real) {
        double[] p = qkv[l], nrm = qkvNorm[l], lg = logits[l], sm = soft[l], a = att[l], o = ov[l], xh = xhat[l], rs = rstd[l];
        double[] gw = lnW[l];
        int h3 = 3 * hid;
        boolean smooth = d.smooth(), dotr = d.attnDotr();
        // layer norm: ∂E/∂y = rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂∘x̂)), dx̂ = ∂E/∂out ∘ γ; y = X + O
        for (int j = 0; j < real; j++) {
            int r0 = j * ng;
            double m1 = 0.0, m2 = 0.0;
            for (int m = 0; m < ng; m++) {
                double dh = dG[r0 + m] * gw[m];
                m1 += dh;
                m2 += dh * xh[r0 + m];
            }
            m1 /= ng;
            m2 /= ng;
            for (int m = 0; m < ng; m++) {
                double dh = dG[r0 + m] * gw[m];
                dy[r0 + m] = rs[j] * (dh - m1 - xh[r0 + m] * m2);
            }
            System.arraycopy(dy, r0, dX, r0, ng); // the residual
        }
        mp.mm(dy, 0, 1, ng, real, ng, outWt[l], 0, hid, dO, 0, hid, hid, false); // ∂E/∂O = ∂E/∂y · W_outᵀ
        // O = A V: ∂E/∂V_k = Σ_j A_jk ∂E/∂O_j; ∂E/∂A_jk = ∂E/∂O_j · V_k
        mp.mm(a, 0, nnei, 1, real, real, dO, 0, hid, dP, 2 * hid, h3, hid, false); // ∂E/∂V = Aᵀ ∂E/∂O
        for (int k = 0; k < real; k++) for (int c = 0; c < hid; c++) vt[c * nnei + k] = p[k * h3 + 2 * hid + c];
        mp.mm(dO, 0, 1, hid, real, hid, vt, 0, nnei, dL, 0, nnei, real, false); // ∂E/∂A = ∂E/∂O · Vᵀ, into dL
        for (int j = 0; j < real; j++) {
            // A_jk = softmax_jk · (s_j s_k) · (r̂_j·r̂_k)
            double dot = 0.0;
            for (int k = 0; k < real; k++) {
                double dA = dL[j * nnei + k];
                double sjk = smooth ? sw[j] * sw[k] : 1.0;
                double rg = dotr ? rhat[3 * j] * rhat[3 * k] + rhat[3 * j + 1] * rhat[3 * k + 1] + rhat[3 * j + 2] * rhat[3 * k + 2] : 1.0;
                double smv = sm[j * nnei + k];
                double dSoft = dA * sjk * rg;
                dL[j * nnei + k] = dSoft; // ∂E/∂softmax for now
                dot += dSoft * smv;
                if (smooth) {
                    double dS = dA * smv * rg;
                    dswAcc[j] += dS * sw[k];
                    dswAcc[k] += dS * sw[j];
                }
                if (dotr) {
                    double dR = dA * smv * sjk;
                    for (int c = 0; c < 3; c++) {
                        drhat[3 * j + c] += dR * rhat[3 * k + c];
                        drhat[3 * k + c] += dR * rhat[3 * j + c];
                    }
                }
            }
            // softmax: ∂E/∂L'_jk = softmax_jk (∂E/∂softmax_jk − Σ_k' softmax_jk' ∂E/∂softmax_jk'); padding keys carry
            // no gradient (their logit is the constant −20, or −∞)
            for (int k = 0; k < real; k++) {
                double dl = sm[j * nnei + k] * (dL[j * nnei + k] - dot);
                if (smooth) {
                    // L' = (L + 20) s_j s_k − 20
                    double dS = dl * (lg[j * nnei + k] + SeAttenDescriptor.ATTN_SHIFT);
                    dswAcc[j] += dS * sw[k];
                    dswAcc[k] += dS * sw[j];
                    dl *= sw[j] * sw[k];
                }
                dL[j * nnei + k] = dl;
            }
        }
        // L = Q̃ K̃ᵀ (Q̃ = α q̂): ∂E/∂Q̃_j = Σ_k dL_jk K̃_k, ∂E/∂K̃_k = Σ_j dL_jk Q̃_j
        mp.mm(dL, 0, 1, nnei, real, real, p, hid, h3, dP, 0, h3, hid, false); // ∂E/∂Q̃ = dL·K
        for (int j = 0; j < real; j++) for (int c = 0; c < hid; c++) dP[j * h3 + c] *= alpha;
        mp.mm(dL, 0, nnei, 1, real, real, p, 0, h3, dP, hid, h3, hid, false); // ∂E/∂K̃ = dLᵀ·Q̃
        // normalisation x̂ = x/|x|: ∂E/∂x = (∂E/∂x̂ − x̂ (x̂·∂E/∂x̂))/|x|  (q̂ = Q̃/α)
        if (d.normalize()) {
            for (int j = 0; j < real; j++) {
                for (int part = 0; part < 3; part++) {
                    int o0 = j * h3 + part * hid;
                    double scale = part == 0 ? 1.0 / alpha : 1.0;
                    double dot = 0.0;
                    for (int c = 0; c < hid; c++) dot += p[o0 + c] * scale * dP[o0 + c];
                    for (int c = 0; c < hid; c++) dP[o0 + c] = (dP[o0 + c] - p[o0 + c] * scale * dot) / nrm[3 * j + part];
                }
            }
        }
        // in_proj: ∂E/∂X += ∂E/∂P · W_inᵀ
        mp.mm(dP, 0, 1, h3, real, h3, inWt[l], 0, ng, dX, 0, ng, ng, true); // ∂E/∂X += ∂E/∂P · W_inᵀ
        System.arraycopy(dX, 0, dG, 0, real * ng);
    }

    /** ∂E/∂G⁰ (real rows) through the embedding net to ∂E/∂s̃ (and, stripped and smooth, to ∂E/∂s). */
    private void embedBackward(int ti, int real) {
        // ∂E/∂(embedding output) of slot j, feature a, at embGrad[j·gs + a·ga]
        int gs = embVec != null ? ng : 1, ga = embVec != null ? 1 : embRef.cap;
        for (int j = 0; j < real; j++) {
            if (d.stripped()) {
                // G⁰ = e∘t + e, t = table·s (smooth)
                int ts = (ti * ntypes + nbType[j]) * ng;
                double ds = 0.0;
                for (int a = 0; a < ng; a++) {
                    double dg = dG[j * ng + a];
                    embGrad[j * gs + a * ga] = dg * (gt[j * ng + a] + 1.0);
                    if (d.smooth()) ds += dg * embOut(j, a) * stripTable[ts + a];
                }
                dswAcc[j] += ds;
            } else {
                for (int a = 0; a < ng; a++) embGrad[j * gs + a * ga] = dG[j * ng + a];
            }
        }
        if (embVec != null) {
            double[] gx = embVec.backward(embGrad, 0, ng, real);
            for (int j = 0; j < real; j++) drr[4 * j] += gx[j * embVec.gradStride()];
        } else {
            double[] gx = embRef.backward(embGrad, real);
            for (int j = 0; j < real; j++) drr[4 * j] += gx[j];
        }
    }
}
