package org.dpspark.model.eval;

import java.util.Arrays;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.env.ForceVirial;
import org.dpspark.model.neighbor.NeighborList;

/**
 * The se_e2_a descriptor of one centre atom at a time, forward and reverse, as {@link DeepPotEvaluator} documents it
 * (DeePMD-kit's deepmd/dpmodel/descriptor/se_e2_a.py): R̃ normalised with padding rows included, the embedding nets
 * of the real slots as {@link BatchedNet} blocks, the padding slots' embeddings precomputed, gr = (1/N) Σ_s G_sᵀR̃_s,
 * D = gr·gr_&lt;ᵀ (M·M&lt; values), and the reverse pass from ∂E/∂D through the embedding into ∂E/∂r_ij and the
 * force/virial scatter ({@link ForceVirial}'s convention). Every sum in the order of the straightforward per-slot loop.
 */
final class SeAAtoms extends AtomDescriptor {
    private final int ntypes;
    private final int nnei;
    private final int ng;
    private final int axis;
    private final int dimD;
    private final int[] sel;
    private final int[] selOffset;
    private final double[] davg;
    private final double[] dstd;
    /** dstd with every value repeated 3 times (one per derivative component): ntypes × nnei × 4 × 3. */
    private final double[] dstd3;
    private final boolean typeOneSide;
    private final BatchedNet[] embed;
    private final int cap;
    /** Embedding output of each padding slot: ntypes (centre) × nnei × ng. */
    private final double[] padG;
    /** Normalised padding row (0 − davg)/dstd of every (centre type, slot): ntypes × nnei × 4. */
    private final double[] padR;
    private final VerletSlots slots;

    // per-atom scratch (reused)
    private final double[] envA;     // nnei × 4, normalised R̃
    private final double[] derivA;   // nnei × 12, ∂R̃/∂r_ij
    private final double[] rijA;     // nnei × 3, Å
    private final int[] nlistA;      // nnei
    private final int[] countsA;     // ntypes
    private final double[] rk;       // 4 × nnei: columns of R̃ (real slots), feature-major
    private final double[] gr;       // M × 4
    private final double[] dgr;      // M × 4
    private final double[] dGs;      // M × cap: ∂E/∂G per real slot of one group
    private final double[] dk;       // 4 × cap: direct ∂E/∂R̃ per real slot of one group

    SeAAtoms(SeADescriptor d) {
        ntypes = d.ntypes();
        nnei = d.nnei();
        ng = d.embeddingWidth();
        axis = d.axisNeuron();
        dimD = d.dimOut();
        sel = d.sel();
        selOffset = new int[ntypes + 1];
        int maxSel = 1;
        for (int t = 0; t < ntypes; t++) {
            selOffset[t + 1] = selOffset[t] + sel[t];
            maxSel = Math.max(maxSel, sel[t]);
        }
        cap = maxSel;
        davg = d.davg();
        dstd = d.dstd();
        typeOneSide = d.typeOneSide();
        embed = new BatchedNet[d.embeddings().size()];
        for (int k = 0; k < embed.length; k++) embed[k] = new BatchedNet(d.embeddings().get(k), cap);
        slots = new VerletSlots(d.rcut(), d.rcutSmth(), sel, VerletSlots.DEFAULT_SKIN);
        envA = new double[nnei * 4];
        derivA = new double[nnei * 12];
        rijA = new double[nnei * 3];
        nlistA = new int[nnei];
        countsA = new int[ntypes];
        rk = new double[4 * nnei];
        gr = new double[ng * 4];
        dgr = new double[ng * 4];
        dGs = new double[ng * cap];
        dk = new double[4 * cap];
        dstd3 = new double[3 * dstd.length];
        for (int k = 0; k < dstd3.length; k++) dstd3[k] = dstd[k / 3];
        padR = new double[ntypes * nnei * 4];
        for (int k = 0; k < padR.length; k++) padR[k] = (0.0 - davg[k]) / dstd[k];
        padG = paddingEmbeddings(d);
    }

    /** G of every padding slot: input s̃ = (0 − davg)/dstd of (centre type, slot), as EnvNormalization makes it. */
    private double[] paddingEmbeddings(SeADescriptor d) {
        double[] out = new double[ntypes * nnei * ng];
        for (int ti = 0; ti < ntypes; ti++) {
            for (int tj = 0; tj < ntypes; tj++) {
                CompiledNet net = new CompiledNet(d.embeddings().get(netIndex(ti, tj)));
                double[] row = new double[net.rowWidth()];
                for (int s = selOffset[tj]; s < selOffset[tj + 1]; s++) {
                    int k = (ti * nnei + s) * 4;
                    double[] x = {(0.0 - davg[k]) / dstd[k]};
                    net.forward(x, 0, row, null, 0);
                    System.arraycopy(row, net.outOffset(), out, (ti * nnei + s) * ng, ng);
                }
            }
        }
        return out;
    }

    private int netIndex(int ti, int tj) {
        return typeOneSide ? tj : ti + tj * ntypes;
    }

    @Override
    int width() { return dimD; }

    @Override
    void update(double[] positions, double[] cell, int[] types, NeighborList verlet) {
        slots.update(positions, cell, types, verlet);
    }

    @Override
    long forward(int i, int ti, double[] x, int off) {
        int dropped = slots.computeRealSlots(i, envA, derivA, rijA, 0, nlistA, 0, countsA); // padding rows: normalise
        normalise(ti);
        forwardEmbedding(ti);
        for (int q = 0; q < 4 * ng; q++) gr[q] /= nnei;
        // D[a·axis + b] = Σ_k gr[a][k] gr[b][k]
        for (int a = 0; a < ng; a++) {
            for (int b = 0; b < axis; b++) {
                x[off + a * axis + b] = gr[4 * a] * gr[4 * b] + gr[4 * a + 1] * gr[4 * b + 1]
                        + gr[4 * a + 2] * gr[4 * b + 2] + gr[4 * a + 3] * gr[4 * b + 3];
            }
        }
        return dropped;
    }

    /** ∂E/∂gr[a][k] = Σ_b dD[a,b] gr[b][k] + [a &lt; axis] Σ_c dD[c,a] gr[c][k], then every neighbour group. */
    @Override
    void reverse(int i, int ti, double[] dx, int off, double[] forces, double[] virial, double[] atomVirial) {
        Arrays.fill(dgr, 0.0);
        for (int a = 0; a < ng; a++) {
            for (int b = 0; b < axis; b++) {
                double g = dx[off + a * axis + b];
                for (int k = 0; k < 4; k++) {
                    dgr[4 * a + k] += g * gr[4 * b + k];
                    dgr[4 * b + k] += g * gr[4 * a + k];
                }
            }
        }
        for (int q = 0; q < 4 * ng; q++) dgr[q] /= nnei; // gr = Σ(...)/N
        for (int tj = 0; tj < ntypes; tj++) {
            reverseGroup(i, ti, tj, forces, virial, atomVirial);
        }
    }

    /**
     * R̃ = (R − davg)/dstd for every slot (padding rows, R = 0, copied from {@link #padR}: the same values);
     * ∂R̃/∂r = ∂R/∂r / dstd for the real slots (padding has none).
     */
    private void normalise(int ti) {
        int base = ti * nnei * 4;
        for (int tj = 0; tj < ntypes; tj++) {
            int real = Math.min(countsA[tj], sel[tj]);
            int k0 = 4 * selOffset[tj], k1 = 4 * (selOffset[tj] + real), k2 = 4 * selOffset[tj + 1];
            for (int k = k0; k < k1; k++) {
                envA[k] = (envA[k] - davg[base + k]) / dstd[base + k];
            }
            System.arraycopy(padR, base + k1, envA, k1, k2 - k1);
            // one flat division loop (vectorised) against dstd repeated per derivative component: same quotients
            int base3 = 3 * base;
            for (int q = 3 * k0; q < 3 * k1; q++) {
                derivA[q] = derivA[q] / dstd3[base3 + q];
            }
        }
    }

    /** Embedding of every real slot (blocks per neighbour type) and gr = Σ_s G_sᵀ R̃_s over all slots, slot order. */
    private void forwardEmbedding(int ti) {
        Arrays.fill(gr, 0.0);
        for (int tj = 0; tj < ntypes; tj++) {
            BatchedNet net = embed[netIndex(ti, tj)];
            int s0 = selOffset[tj], real = Math.min(countsA[tj], sel[tj]);
            double[] in = net.in;
            for (int s = 0; s < real; s++) {
                int e = 4 * (s0 + s);
                in[s] = envA[e];
                rk[s0 + s] = envA[e];
                rk[nnei + s0 + s] = envA[e + 1];
                rk[2 * nnei + s0 + s] = envA[e + 2];
                rk[3 * nnei + s0 + s] = envA[e + 3];
            }
            net.forward(real);
            double[] out = net.out;
            int padBase = ti * nnei * ng;
            int a = 0;
            // two features at once: eight independent add chains (four are bound by the add latency); every
            // element still sums over the slots in order
            for (; a + 1 < ng; a += 2) {
                int gb = net.outBase(a), gc = net.outBase(a + 1);
                int q = 4 * a;
                double g0 = gr[q], g1 = gr[q + 1], g2 = gr[q + 2], g3 = gr[q + 3];
                double h0 = gr[q + 4], h1 = gr[q + 5], h2 = gr[q + 6], h3 = gr[q + 7];
                for (int s = 0; s < real; s++) {
                    double g = out[gb + s], h = out[gc + s];
                    int r = s0 + s;
                    double r0 = rk[r], r1 = rk[nnei + r], r2 = rk[2 * nnei + r], r3 = rk[3 * nnei + r];
                    g0 += g * r0;
                    g1 += g * r1;
                    g2 += g * r2;
                    g3 += g * r3;
                    h0 += h * r0;
                    h1 += h * r1;
                    h2 += h * r2;
                    h3 += h * r3;
                }
                for (int slot = s0 + real; slot < selOffset[tj + 1]; slot++) {
                    double g = padG[padBase + slot * ng + a], h = padG[padBase + slot * ng + a + 1];
                    int e = 4 * slot;
                    double r0 = envA[e], r1 = envA[e + 1], r2 = envA[e + 2], r3 = envA[e + 3];
                    g0 += g * r0;
                    g1 += g * r1;
                    g2 += g * r2;
                    g3 += g * r3;
                    h0 += h * r0;
                    h1 += h * r1;
                    h2 += h * r2;
                    h3 += h * r3;
                }
                gr[q] = g0;
                gr[q + 1] = g1;
                gr[q + 2] = g2;
                gr[q + 3] = g3;
                gr[q + 4] = h0;
                gr[q + 5] = h1;
                gr[q + 6] = h2;
                gr[q + 7] = h3;
            }
            for (; a < ng; a++) {
                int gb = net.outBase(a);
                int q = 4 * a;
                double g0 = gr[q], g1 = gr[q + 1], g2 = gr[q + 2], g3 = gr[q + 3];
                for (int s = 0; s < real; s++) {
                    double g = out[gb + s];
                    int r = s0 + s;
                    g0 += g * rk[r];
                    g1 += g * rk[nnei + r];
                    g2 += g * rk[2 * nnei + r];
                    g3 += g * rk[3 * nnei + r];
                }
                for (int slot = s0 + real; slot < selOffset[tj + 1]; slot++) {
                    double g = padG[padBase + slot * ng + a];
                    int e = 4 * slot;
                    g0 += g * envA[e];
                    g1 += g * envA[e + 1];
                    g2 += g * envA[e + 2];
                    g3 += g * envA[e + 3];
                }
                gr[q] = g0;
                gr[q + 1] = g1;
                gr[q + 2] = g2;
                gr[q + 3] = g3;
            }
        }
    }

    /**
     * ∂E/∂R̃_s[k] = Σ_a dgr[a][k] G_s[a] (+ ∂E/∂s̃ through the embedding for k = 0) for the real slots of type tj,
     * then ∂E/∂r_ij and the force/virial scatter of {@link ForceVirial} (same order: slots ascending).
     */
    private void reverseGroup(int i, int ti, int tj, double[] forces, double[] virial, double[] atomVirial) {
        BatchedNet net = embed[netIndex(ti, tj)];
        int s0 = selOffset[tj], real = Math.min(countsA[tj], sel[tj]);
        if (real == 0) return;
        double[] out = net.out;
        int c1 = cap, c2 = 2 * cap, c3 = 3 * cap;
        for (int s = 0; s < real; s++) {
            dk[s] = 0.0;
            dk[c1 + s] = 0.0;
            dk[c2 + s] = 0.0;
            dk[c3 + s] = 0.0;
        }
        // one pass per feature a: ∂E/∂G_s[a] = Σ_k dgr[a][k] R̃_s[k], and the direct term Σ_a dgr[a][k] G_s[a]
        // accumulated over a in order
        for (int a = 0; a < ng; a++) {
            int p = 4 * a, q = a * cap, gb = net.outBase(a);
            double g0 = dgr[p], g1 = dgr[p + 1], g2 = dgr[p + 2], g3 = dgr[p + 3];
            for (int s = 0; s < real; s++) {
                int r = s0 + s;
                dGs[q + s] = g0 * rk[r] + g1 * rk[nnei + r] + g2 * rk[2 * nnei + r] + g3 * rk[3 * nnei + r];
                double g = out[gb + s];
                dk[s] += g0 * g;
                dk[c1 + s] += g1 * g;
                dk[c2 + s] += g2 * g;
                dk[c3 + s] += g3 * g;
            }
        }
        double[] ds = net.backward(dGs, real);
        for (int s = 0; s < real; s++) {
            int slot = s0 + s;
            int j = nlistA[slot];
            double p0 = dk[s] + ds[s], p1 = dk[cap + s], p2 = dk[2 * cap + s], p3 = dk[3 * cap + s];
            int d = 12 * slot;
            double gx = 0, gy = 0, gz = 0;
            gx += p0 * derivA[d];
            gy += p0 * derivA[d + 1];
            gz += p0 * derivA[d + 2];
            gx += p1 * derivA[d + 3];
            gy += p1 * derivA[d + 4];
            gz += p1 * derivA[d + 5];
            gx += p2 * derivA[d + 6];
            gy += p2 * derivA[d + 7];
            gz += p2 * derivA[d + 8];
            gx += p3 * derivA[d + 9];
            gy += p3 * derivA[d + 10];
            gz += p3 * derivA[d + 11];
            ReferenceEvaluator.scatter(i, j, gx, gy, gz, rijA[3 * slot], rijA[3 * slot + 1], rijA[3 * slot + 2], forces, virial, atomVirial);
        }
    }
}
