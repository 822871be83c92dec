package org.dpspark.model.eval;

import java.util.Arrays;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.SeRDescriptor;
import org.dpspark.model.UnsupportedModelException;
import org.dpspark.model.env.ForceVirial;
import org.dpspark.model.neighbor.NeighborList;

/**
 * Plain-Java double-precision reference evaluator of a Deep Potential se_e2_r + energy model, as DeePMD-kit computes
 * it (deepmd/dpmodel/descriptor/se_r.py {@code call}, deepmd/tf/descriptor/se_r.py {@code _filter_r}).
 *
 * <p>Forward, per centre atom i of type t_i (N = Σ sel slots, M = neuron[last]):
 * <ol>
 *   <li>s_j = w(r_ij)/r_ij, the first column of the se_e2_a environment matrix (same slots: grouped by neighbour
 *       type, nearest first, computed by {@link VerletSlots}); padding slots s = 0.</li>
 *   <li>s̃_j = (s_j − davg[t_i][j]) / dstd[t_i][j] for every slot, padding included (DeePMD-kit's {@code EnvMat}
 *       normalises the zero rows too and its exclude mask is 1 there).</li>
 *   <li>D = (1/5)(1/N) Σ_j G_{t_i,t_j}(s̃_j), M values ({@link SeRDescriptor#RES_RESCALE}).</li>
 *   <li>E_i = fitting.nets[t_i](D) + bias_atom_e[t_i] + out_bias[t_i].</li>
 * </ol>
 * Reverse (hand-written): g = ∂E_i/∂D · (1/5)(1/N), the same for every slot; ∂E/∂s̃_j through the embedding net;
 * ∂E/∂r_ij = ∂E/∂s̃_j / dstd · ∂s/∂r_ij; forces and (per-atom) virials in {@link ForceVirial}'s convention (each slot
 * i → j adds −∂E/∂r_ij ⊗ r_ij to atom j's virial). Padding slots are constant: their embeddings are computed once
 * at construction and they add to energies only.
 *
 * <p>Layout: one centre atom at a time; the embedding of each neighbour-type group of real slots runs as one
 * {@link BatchedNet} block. {@link #evaluateInto} allocates nothing once the buffers fit the frame (the MD hot loop).
 * Not thread-safe; use one evaluator per thread.
 */
public final class SeREvaluator extends ReferenceEvaluator {
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
    private final double[] desc;     // M (+ F + A: the fitting input)
    private final double[] dG;       // M × cap: ∂E/∂G per real slot of one group (feature-major)

    /**
     * @throws UnsupportedModelException when the model's descriptor is not se_e2_r
     */
    public SeREvaluator(DeepPotModel model) {
        super(model);
        if (!(model.descriptor() instanceof SeRDescriptor d)) {
            throw new UnsupportedModelException("SeREvaluator evaluates se_e2_r models, got descriptor " + model.descriptor().type());
        }
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
        desc = new double[ng + params.width()]; // [D, fparam, aparam]: the fitting net's input
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
    protected int descriptorWidth() { return ng; }

    @Override
    protected double frame(double[] positions, double[] cell, int[] types, double[] forces, double[] virial,
            double[] atomE, double[] atomVirial, double[] descOut, double[] fitLast, int lastHidden) {
        int n = types.length;
        slots.update(positions, cell, types, verlet);
        double energy = 0.0;
        for (int i = 0; i < n; i++) {
            int ti = types[i];
            dropped += slots.computeRealSlots(i, envA, derivA, rijA, 0, nlistA, 0, countsA);
            Arrays.fill(desc, 0, ng, 0.0);
            for (int tj = 0; tj < ntypes; tj++) forwardGroup(ti, tj);
            for (int a = 0; a < ng; a++) desc[a] *= scale;
            energy += fitAtom(i, ti, desc, atomE, descOut, fitLast, lastHidden);
            double[] dD = fitBackward(ti);
            for (int tj = 0; tj < ntypes; tj++) reverseGroup(i, ti, tj, dD, forces, virial, atomVirial);
        }
        return energy;
    }

    /** Embeds the real slots of group tj (normalised s̃) and adds Σ_s G_s, then the padding slots' G, to desc. */
    private void forwardGroup(int ti, int tj) {
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
            double acc = desc[a];
            for (int s = 0; s < real; s++) acc += out[gb + s];
            desc[a] = acc;
        }
        if (real < sel[tj]) {
            int p = (base + s0 + real) * ng;
            for (int a = 0; a < ng; a++) desc[a] += padSuffix[p + a];
        }
    }

    /** ∂E/∂s̃ of the real slots of group tj through the embedding net, then ∂E/∂r_ij and the force/virial scatter. */
    private void reverseGroup(int i, int ti, int tj, double[] dD, double[] forces, double[] virial, double[] atomVirial) {
        int s0 = selOffset[tj], real = Math.min(countsA[tj], sel[tj]);
        if (real == 0) return;
        BatchedNet net = embed[netIndex(ti, tj)];
        for (int a = 0; a < ng; a++) {
            double g = dD[a] * scale;
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
            scatter(i, j, gx, gy, gz, rijA[3 * slot], rijA[3 * slot + 1], rijA[3 * slot + 2], forces, virial, atomVirial);
        }
    }
}
