package org.dpspark.model.eval;

import java.util.Arrays;
import org.dpspark.model.SeRDescriptor;
import org.dpspark.model.neighbor.NeighborList;

/**
 * The se_e2_r descriptor of one centre atom at a time, forward and reverse, as {@link SeREvaluator} documents it
 * (DeePMD-kit's deepmd/dpmodel/descriptor/se_r.py): s̃ of every slot, the embedding of the real slots of each
 * neighbour-type group as one {@link BatchedNet} block, the padding slots' embeddings as precomputed suffix sums,
 * D = (1/5)(1/N) Σ_j G(s̃_j), and the reverse pass into ∂E/∂r_ij and the force/virial scatter.
 */
final class SeRAtoms extends AtomDescriptor {
    private final int ntypes;
    private final int nnei;
    private final int ng;
    private final int[] sel;
    private final int[] selOffset;
    private final double[] davg;
    private final double[] dstd;
    private final boolean typeOneSide;
    private final BatchedNet[] embed;
    private final int cap;
    /** Padding slots' embeddings, summed from each slot to the end of its group: ntypes × N × M (see {@link #paddingSuffixSums}). */
    private final double[] padSuffix;
    private final double scale;
    private final VerletSlots slots;

    private final double[] envA;     // nnei × 4 (column 0: s), Å⁻¹
    private final double[] derivA;   // nnei × 12 (first 3: ∂s/∂r_ij), Å⁻²
    private final double[] rijA;     // nnei × 3, Å
    private final int[] nlistA;      // nnei
    private final int[] countsA;     // ntypes
    private final double[] dG;       // M × cap: ∂E/∂G per real slot of one group (feature-major)


    SeRAtoms(SeRDescriptor d) {
        ntypes = d.ntypes();
        nnei = d.nnei();
        ng = d.dimOut();
        sel = d.sel().clone();
        selOffset = new int[ntypes + 1];
        int maxSel = 1;
        for (int t = 0; t < ntypes; t++) {
            selOffset[t + 1] = selOffset[t] + sel[t];
            maxSel = Math.max(maxSel, sel[t]);
        }
        cap = maxSel;
        davg = d.davg().clone();
        dstd = d.dstd().clone();
        typeOneSide = d.typeOneSide();
        scale = SeRDescriptor.RES_RESCALE / nnei;
        embed = new BatchedNet[d.embeddings().size()];
        for (int k = 0; k < embed.length; k++) embed[k] = new BatchedNet(d.embeddings().get(k), cap);
        slots = new VerletSlots(d.rcut(), d.rcutSmth(), sel, VerletSlots.DEFAULT_SKIN);
        envA = new double[nnei * 4];
        derivA = new double[nnei * 12];
        rijA = new double[nnei * 3];
        nlistA = new int[nnei];
        countsA = new int[ntypes];
        dG = new double[ng * cap];
        padSuffix = paddingSuffixSums(d);
    }

    private int netIndex(int ti, int tj) {
        return typeOneSide ? tj : ti + tj * ntypes;
    }

    /**
     * Suffix sums of the padding slots' embeddings: for centre type ti and slot k of group tj, Σ_{k ≤ k' &lt; end of
     * group} G_{ti,tj}(s̃ = (0 − davg[ti][k'])/dstd[ti][k']), M values at (ti·N + k)·M. A group with r real slots adds
     * the entry of its slot r (if r &lt; sel), so padding costs M additions per group whatever its size.
     */
    private double[] paddingSuffixSums(SeRDescriptor d) {
        double[] out = new double[ntypes * nnei * ng];
        for (int ti = 0; ti < ntypes; ti++) {
            for (int tj = 0; tj < ntypes; tj++) {
                CompiledNet net = new CompiledNet(d.embedding(ti, tj));
                double[] row = new double[net.rowWidth()];
                for (int slot = selOffset[tj + 1] - 1; slot >= selOffset[tj]; slot--) {
                    int k = ti * nnei + slot;
                    net.forward(new double[] {(0.0 - davg[k]) / dstd[k]}, 0, row, null, 0);
                    for (int a = 0; a < ng; a++) {
                        double next = slot + 1 < selOffset[tj + 1] ? out[(k + 1) * ng + a] : 0.0;
                        out[k * ng + a] = row[net.outOffset() + a] + next;
                    }
                }
            }
        }
        return out;
    }

    @Override
    int width() { return ng; }

    @Override
    void update(double[] positions, double[] cell, int[] types, NeighborList verlet) {
        slots.update(positions, cell, types, verlet);
    }

    @Override
    long forward(int i, int ti, double[] x, int off) {
        int dropped = slots.computeRealSlots(i, envA, derivA, rijA, 0, nlistA, 0, countsA);
        Arrays.fill(x, off, off + ng, 0.0);
        for (int tj = 0; tj < ntypes; tj++) forwardGroup(ti, tj, x, off);
        for (int a = 0; a < ng; a++) x[off + a] *= scale;
        return dropped;
    }

    @Override
    void reverse(int i, int ti, double[] dx, int off, double[] forces, double[] virial, double[] atomVirial) {
        for (int tj = 0; tj < ntypes; tj++) reverseGroup(i, ti, tj, dx, off, forces, virial, atomVirial);
    }

    /** Embeds the real slots of group tj (normalised s̃) and adds Σ_s G_s, then the padding slots' G, to desc. */
    private void forwardGroup(int ti, int tj, double[] desc, int off) {
        BatchedNet net = embed[netIndex(ti, tj)];
        int s0 = selOffset[tj], real = Math.min(countsA[tj], sel[tj]);
        int base = ti * nnei;
        double[] in = net.in;
        for (int s = 0; s < real; s++) {
            int k = base + s0 + s;
            in[s] = (envA[4 * (s0 + s)] - davg[k]) / dstd[k];
        }
        net.forward(real);
        double[] out = net.out;
        for (int a = 0; a < ng; a++) {
            int gb = net.outBase(a);
            double acc = desc[off + a];
            for (int s = 0; s < real; s++) acc += out[gb + s];
            desc[off + a] = acc;
        }
        if (real < sel[tj]) {
            int p = (base + s0 + real) * ng;
            for (int a = 0; a < ng; a++) desc[off + a] += padSuffix[p + a];
        }
    }

    /** ∂E/∂s̃ of the real slots of group tj through the embedding net, then ∂E/∂r_ij and the force/virial scatter. */
    private void reverseGroup(int i, int ti, int tj, double[] dD, int off, double[] forces, double[] virial, double[] atomVirial) {
        int s0 = selOffset[tj], real = Math.min(countsA[tj], sel[tj]);
        if (real == 0) return;
        BatchedNet net = embed[netIndex(ti, tj)];
        for (int a = 0; a < ng; a++) {
            double g = dD[off + a] * scale;
            Arrays.fill(dG, a * cap, a * cap + real, g);
        }
        double[] ds = net.backward(dG, real);
        int base = ti * nnei;
        for (int s = 0; s < real; s++) {
            int slot = s0 + s;
            int j = nlistA[slot];
            double p = ds[s] / dstd[base + slot];
            int d = 12 * slot;
            double gx = p * derivA[d], gy = p * derivA[d + 1], gz = p * derivA[d + 2];
            ReferenceEvaluator.scatter(i, j, gx, gy, gz, rijA[3 * slot], rijA[3 * slot + 1], rijA[3 * slot + 2], forces, virial, atomVirial);
        }
    }
}
