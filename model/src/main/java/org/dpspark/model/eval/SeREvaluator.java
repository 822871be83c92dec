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
public final class SeREvaluator implements InPlaceCalculator {
    private final DeepPotModel model;
    private final int ntypes;
    private final int nnei;
    private final int ng;
    private final int[] sel;
    private final int[] selOffset;
    private final double[] davg;
    private final double[] dstd;
    private final double[] biasPerType;
    private final boolean typeOneSide;
    private final BatchedNet[] embed;
    private final CompiledNet[] fit;
    private final int cap;
    /** Padding slots' embeddings, summed from each slot to the end of its group: ntypes × N × M (see {@link #paddingSuffixSums}). */
    private final double[] padSuffix;
    private final double scale;
    private final VerletSlots slots;
    private NeighborList verlet;
    private long dropped;

    private final double[] envA;     // nnei × 4 (column 0: s), Å⁻¹
    private final double[] derivA;   // nnei × 12 (first 3: ∂s/∂r_ij), Å⁻²
    private final double[] rijA;     // nnei × 3, Å
    private final int[] nlistA;      // nnei
    private final int[] countsA;     // ntypes
    private final double[] desc;     // M (+ F + A: the fitting input)
    private final FittingInputs params;
    private double[] fparam;
    private double[] aparam;
    private final double[] fitOut;
    private final double[] fitDphi;
    private final double[] dG;       // M × cap: ∂E/∂G per real slot of one group (feature-major)
    private final double[] one = {1.0};
    private final double[] virialScratch = new double[9];

    /**
     * @throws UnsupportedModelException when the model's descriptor is not se_e2_r
     */
    public SeREvaluator(DeepPotModel model) {
        if (!(model.descriptor() instanceof SeRDescriptor d)) {
            throw new UnsupportedModelException("SeREvaluator evaluates se_e2_r models, got descriptor " + model.descriptor().type());
        }
        this.model = model;
        ntypes = model.ntypes();
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
        biasPerType = new double[ntypes];
        for (int t = 0; t < ntypes; t++) biasPerType[t] = model.fitting().biasAtomE()[t] + model.outBias()[t];
        embed = new BatchedNet[d.embeddings().size()];
        for (int k = 0; k < embed.length; k++) embed[k] = new BatchedNet(d.embeddings().get(k), cap);
        fit = new CompiledNet[ntypes];
        for (int t = 0; t < ntypes; t++) fit[t] = new CompiledNet(model.fitting().nets().get(t));
        slots = new VerletSlots(d.rcut(), d.rcutSmth(), sel, VerletSlots.DEFAULT_SKIN);
        envA = new double[nnei * 4];
        derivA = new double[nnei * 12];
        rijA = new double[nnei * 3];
        nlistA = new int[nnei];
        countsA = new int[ntypes];
        params = new FittingInputs(model.fitting());
        desc = new double[ng + params.width()]; // [D, fparam, aparam]: the fitting net's input
        fitOut = new double[fit[0].rowWidth()];
        fitDphi = new double[fit[0].rowWidth()];
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

    /**
     * Frame and atomic parameters for the following evaluations (DeePMD-kit's fparam/aparam; e.g. MD at a constant
     * electronic temperature): {@code fparam} numb_fparam values or null (the model's default_fparam), {@code aparam}
     * n×numb_aparam values (row-major) or null. Arrays are kept by reference.
     */
    public void setFrameParams(double[] fparam, double[] aparam) {
        this.fparam = fparam;
        this.aparam = aparam;
    }

    /** One frame with these fparam/aparam (for this call only); see {@link #setFrameParams}. */
    @Override
    public DeepPotResult evaluate(double[] positions, double[] cell, int[] types, double[] fparam, double[] aparam,
            boolean intermediates) {
        double[] f0 = this.fparam, a0 = this.aparam;
        setFrameParams(fparam, aparam);
        try {
            return evaluate(positions, cell, types, intermediates);
        } finally {
            setFrameParams(f0, a0);
        }
    }

    @Override
    public DeepPotModel model() { return model; }

    @Override
    public DeepPotResult evaluate(double[] positions, double[] cell, int[] types, boolean intermediates) {
        int n = types.length;
        double[] atomE = new double[n];
        double[] descOut = intermediates ? new double[n * ng] : null;
        int lastHidden = fit[0].lastHiddenOffset() >= 0 ? model.fitting().nets().get(0).lastHiddenWidth() : 0;
        double[] fitLast = intermediates && lastHidden > 0 ? new double[n * lastHidden] : null;
        double[] forces = new double[3 * n];
        double[] virial = new double[9];
        double[] atomVirial = new double[9 * n];
        double energy = run(positions, cell, types, forces, virial, atomE, atomVirial, descOut, fitLast, lastHidden);
        return new DeepPotResult(energy, atomE, forces, virial, atomVirial, descOut, fitLast, dropped,
                DeepPotResult.JAVA_REFERENCE);
    }

    @Override
    public double evaluateInto(double[] positions, double[] cell, int[] types, double[] forces, double[] virial,
            double[] atomEnergy, NeighborList verlet) {
        this.verlet = verlet;
        try {
            return run(positions, cell, types, forces, virial, atomEnergy, null, null, null, 0);
        } finally {
            this.verlet = null;
        }
    }

    @Override
    public long lastNeighboursDropped() { return dropped; }

    @Override
    public String mode() { return DeepPotResult.JAVA_REFERENCE; }

    private double run(double[] positions, double[] cell, int[] types, double[] forces, double[] virial,
            double[] atomE, double[] atomVirial, double[] descOut, double[] fitLast, int lastHidden) {
        int n = types.length;
        if (positions.length != 3 * n) throw new IllegalArgumentException("positions has " + positions.length + " values for " + n + " atoms");
        for (int t : types) {
            if (t < 0 || t >= ntypes) throw new IllegalArgumentException("atom type " + t + " outside the model's " + ntypes + " types");
        }
        params.prepare(fparam, aparam, n);
        slots.update(positions, cell, types, verlet);
        Arrays.fill(forces, 0, 3 * n, 0.0);
        double[] vir = virial != null ? virial : virialScratch;
        Arrays.fill(vir, 0.0);
        if (atomVirial != null) Arrays.fill(atomVirial, 0, 9 * n, 0.0);
        dropped = 0;
        double energy = 0.0;
        for (int i = 0; i < n; i++) {
            int ti = types[i];
            dropped += slots.computeRealSlots(i, envA, derivA, rijA, 0, nlistA, 0, countsA);
            Arrays.fill(desc, 0, ng, 0.0);
            for (int tj = 0; tj < ntypes; tj++) forwardGroup(ti, tj);
            for (int a = 0; a < ng; a++) desc[a] *= scale;
            CompiledNet f = fit[ti];
            params.fill(desc, ng, i);
            f.forward(desc, 0, fitOut, fitDphi, 0);
            double ei = fitOut[f.outOffset()] + biasPerType[ti];
            if (atomE != null) atomE[i] = ei;
            energy += ei;
            if (descOut != null) System.arraycopy(desc, 0, descOut, i * ng, ng);
            if (fitLast != null) System.arraycopy(fitOut, f.lastHiddenOffset(), fitLast, i * lastHidden, lastHidden);
            double[] dD = f.backward(one, 0, fitDphi, 0);
            for (int tj = 0; tj < ntypes; tj++) reverseGroup(i, ti, tj, dD, forces, vir, atomVirial);
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
            forces[3 * i] += gx;
            forces[3 * i + 1] += gy;
            forces[3 * i + 2] += gz;
            forces[3 * j] -= gx;
            forces[3 * j + 1] -= gy;
            forces[3 * j + 2] -= gz;
            double rx = rijA[3 * slot], ry = rijA[3 * slot + 1], rz = rijA[3 * slot + 2];
            virial[0] -= gx * rx; virial[1] -= gx * ry; virial[2] -= gx * rz;
            virial[3] -= gy * rx; virial[4] -= gy * ry; virial[5] -= gy * rz;
            virial[6] -= gz * rx; virial[7] -= gz * ry; virial[8] -= gz * rz;
            if (atomVirial != null) {
                int v = 9 * j;
                atomVirial[v] -= gx * rx; atomVirial[v + 1] -= gx * ry; atomVirial[v + 2] -= gx * rz;
                atomVirial[v + 3] -= gy * rx; atomVirial[v + 4] -= gy * ry; atomVirial[v + 5] -= gy * rz;
                atomVirial[v + 6] -= gz * rx; atomVirial[v + 7] -= gz * ry; atomVirial[v + 8] -= gz * rz;
            }
        }
    }
}
