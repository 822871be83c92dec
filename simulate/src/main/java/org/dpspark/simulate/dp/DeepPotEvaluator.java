package org.dpspark.simulate.dp;

import java.util.Arrays;
import org.dpspark.featurize.dpmodel.DeepPotModel;
import org.dpspark.featurize.dpmodel.SeADescriptor;
import org.dpspark.featurize.env.EnvNormalization;
import org.dpspark.featurize.env.ForceVirial;
import org.dpspark.featurize.env.SeAEnvironment;
import org.dpspark.featurize.env.SeAFrame;
import org.dpspark.featurize.neighbor.NeighborList;
import org.dpspark.featurize.neighbor.NeighborListBuilder;

/**
 * Plain-Java double-precision reference evaluator of a Deep Potential se_e2_a + energy model, exactly as
 * DeePMD-kit computes it (the reference that faster kernels are checked against).
 *
 * <p>Forward, per centre atom i of type t_i (N = Σ sel slots, M = neuron[last], M&lt; = axis_neuron):
 * <ol>
 *   <li>R̃ = (R − davg[t_i]) / dstd[t_i], R the N×4 environment matrix of featurize's {@link SeAEnvironment}
 *       (rows (s, s·x/r, s·y/r, s·z/r), s = w(r)/r; deepmd/dpmodel/utils/env_mat.py {@code _make_env_mat}). As in
 *       DeePMD-kit ({@code EnvMat.call}, and se_e2_a's exclude mask being 1 for padding when nothing is excluded),
 *       padding slots are normalised too (R̃ = −davg/dstd) and DO enter the sums below; they are constant, so they
 *       contribute to energies but not to forces.</li>
 *   <li>G_s = N_e(s̃_s) per slot with the embedding net of (t_i, type of the slot's group)
 *       (deepmd/dpmodel/descriptor/se_e2_a.py {@code call}: one net per neighbour type when type_one_side,
 *       else NetworkCollection index t_i + t_j·T).</li>
 *   <li>gr = (1/N) Σ_s G_sᵀ R̃_s (M×4) ({@code gr /= self.nnei}); D[a·M&lt; + b] = Σ_k gr[a][k]·gr[b][k],
 *       b &lt; M&lt; ({@code grrg = gr · gr[:, :axis]ᵀ}); i.e. D = (1/N²) GᵀR̃R̃ᵀG_&lt;.</li>
 *   <li>E_i = fitting.nets[t_i](D) + bias_atom_e[t_i] + out_bias[t_i]
 *       (deepmd/dpmodel/fitting/general_fitting.py {@code _call_common}; base_atomic_model {@code apply_out_stat}).</li>
 * </ol>
 * Reverse (hand-written): ∂E/∂D → ∂E/∂gr → ∂E/∂R̃ (direct term and through the embedding input s̃) for real
 * slots → ∂E/∂r_ij = Σ_c ∂E/∂R̃_c · ∂R_c/∂r_ij / dstd_c → forces and (per-atom) virials with featurize's
 * {@link ForceVirial} (DeePMD-kit's prod_force_a / prod_virial_a convention).
 *
 * <p>Allocation: buffers are sized on the first frame (and grown for larger frames) and reused across atoms and
 * frames; nothing is allocated per atom. Not thread-safe; use one evaluator per thread.
 */
public final class DeepPotEvaluator implements DeepPotCalculator {
    private final DeepPotModel model;
    private final int ntypes;
    private final int nnei;
    private final int ng;
    private final int axis;
    private final int dimD;
    private final int[] selOffset;
    private final double[] davg;
    private final double[] dstd;
    private final double[] biasPerType;
    private final CompiledNet[] embed;
    private final CompiledNet[] fit;
    private final int embedRow;
    private final NeighborListBuilder nlBuilder;
    private final SeAEnvironment env;
    private final SeAFrame frame = new SeAFrame();
    private NeighborList nl;

    // per-atom scratch (reused)
    private final double[] embOut;   // N × embedRow: all embedding layer outputs per slot
    private final double[] embDphi;  // N × embedRow: φ′·idt per slot
    private final double[] gr;       // M × 4
    private final double[] dgr;      // M × 4
    private final double[] desc;     // M·M<
    private final double[] fitOut;   // fitting row
    private final double[] fitDphi;  // fitting row
    private final double[] dG;       // M
    private final double[] one = {1.0};
    // per-frame buffers (grown)
    private double[] dEdR = new double[0];

    public DeepPotEvaluator(DeepPotModel model) {
        this.model = model;
        SeADescriptor d = model.descriptor();
        ntypes = model.ntypes();
        nnei = d.nnei();
        ng = d.embeddingWidth();
        axis = d.axisNeuron();
        dimD = d.dimOut();
        selOffset = new int[ntypes + 1];
        for (int t = 0; t < ntypes; t++) selOffset[t + 1] = selOffset[t] + d.sel()[t];
        davg = d.davg();
        dstd = d.dstd();
        biasPerType = new double[ntypes];
        for (int t = 0; t < ntypes; t++) biasPerType[t] = model.fitting().biasAtomE()[t] + model.outBias()[t];
        embed = new CompiledNet[d.embeddings().size()];
        for (int k = 0; k < embed.length; k++) embed[k] = new CompiledNet(d.embeddings().get(k));
        fit = new CompiledNet[ntypes];
        for (int t = 0; t < ntypes; t++) fit[t] = new CompiledNet(model.fitting().nets().get(t));
        embedRow = embed[0].rowWidth();
        nlBuilder = new NeighborListBuilder(d.rcut());
        env = new SeAEnvironment(d.rcut(), d.rcutSmth(), d.sel());
        embOut = new double[nnei * embedRow];
        embDphi = new double[nnei * embedRow];
        gr = new double[ng * 4];
        dgr = new double[ng * 4];
        desc = new double[dimD];
        fitOut = new double[fit[0].rowWidth()];
        fitDphi = new double[fit[0].rowWidth()];
        dG = new double[ng];
    }

    @Override
    public DeepPotModel model() { return model; }

    /** Energies, forces and virials of one frame. See {@link #evaluate(double[], double[], int[], boolean)}. */
    @Override
    public DeepPotResult evaluate(double[] positions, double[] cell, int[] types) {
        return evaluate(positions, cell, types, false);
    }

    /**
     * Evaluates one frame.
     *
     * @param positions n×3 Cartesian positions, Å
     * @param cell 3×3 row-major (rows = cell vectors), Å, periodic in all directions; null for a molecule
     * @param types type index per atom into the model's type map (n)
     * @param intermediates also return the descriptor and the fitting net's last hidden layer
     */
    @Override
    public DeepPotResult evaluate(double[] positions, double[] cell, int[] types, boolean intermediates) {
        int n = types.length;
        if (positions.length != 3 * n) throw new IllegalArgumentException("positions has " + positions.length + " values for " + n + " atoms");
        for (int t : types) {
            if (t < 0 || t >= ntypes) throw new IllegalArgumentException("atom type " + t + " outside the model's " + ntypes + " types");
        }
        nl = nl == null ? nlBuilder.build(positions, cell, null) : rebuild(positions, cell);
        env.computeFrame(types, nl, frame);
        EnvNormalization.apply(frame, types, davg, dstd);
        long dropped = 0;
        for (long x : frame.neighboursDropped()) dropped += x;

        if (dEdR.length < n * nnei * 4) dEdR = new double[n * nnei * 4];
        double[] atomE = new double[n];
        double[] descOut = intermediates ? new double[n * dimD] : null;
        int lastHidden = fit[0].lastHiddenOffset() >= 0 ? model.fitting().nets().get(0).lastHiddenWidth() : 0;
        double[] fitLast = intermediates && lastHidden > 0 ? new double[n * lastHidden] : null;
        double[] envArr = frame.env();
        int[] nlist = frame.nlist();
        double energy = 0.0;

        for (int i = 0; i < n; i++) {
            int ti = types[i];
            int rBase = i * nnei * 4;
            // ---- forward: embedding per slot, gr = Σ_s G_sᵀ R̃_s
            Arrays.fill(gr, 0.0);
            for (int tj = 0; tj < ntypes; tj++) {
                CompiledNet net = embed[model.descriptor().typeOneSide() ? tj : ti + tj * ntypes];
                int gOff = net.outOffset();
                for (int s = selOffset[tj]; s < selOffset[tj + 1]; s++) {
                    int row = s * embedRow;
                    int r = rBase + 4 * s;
                    net.forward(envArr, r, embOut, embDphi, row);
                    double r0 = envArr[r], r1 = envArr[r + 1], r2 = envArr[r + 2], r3 = envArr[r + 3];
                    for (int a = 0; a < ng; a++) {
                        double g = embOut[row + gOff + a];
                        int q = 4 * a;
                        gr[q] += g * r0;
                        gr[q + 1] += g * r1;
                        gr[q + 2] += g * r2;
                        gr[q + 3] += g * r3;
                    }
                }
            }
            for (int q = 0; q < 4 * ng; q++) gr[q] /= nnei;
            // ---- descriptor D[a·axis + b] = Σ_k gr[a][k] gr[b][k]
            for (int a = 0; a < ng; a++) {
                for (int b = 0; b < axis; b++) {
                    desc[a * axis + b] = gr[4 * a] * gr[4 * b] + gr[4 * a + 1] * gr[4 * b + 1]
                            + gr[4 * a + 2] * gr[4 * b + 2] + gr[4 * a + 3] * gr[4 * b + 3];
                }
            }
            // ---- fitting
            CompiledNet f = fit[ti];
            f.forward(desc, 0, fitOut, fitDphi, 0);
            double ei = fitOut[f.outOffset()] + biasPerType[ti];
            atomE[i] = ei;
            energy += ei;
            if (descOut != null) System.arraycopy(desc, 0, descOut, i * dimD, dimD);
            if (fitLast != null) System.arraycopy(fitOut, f.lastHiddenOffset(), fitLast, i * lastHidden, lastHidden);

            // ---- reverse: ∂E_i/∂D
            double[] dD = f.backward(one, 0, fitDphi, 0);
            // ∂E/∂gr[a][k] = Σ_b dD[a,b] gr[b][k] + [a < axis] Σ_c dD[c,a] gr[c][k]
            Arrays.fill(dgr, 0.0);
            for (int a = 0; a < ng; a++) {
                for (int b = 0; b < axis; b++) {
                    double g = dD[a * axis + b];
                    for (int k = 0; k < 4; k++) {
                        dgr[4 * a + k] += g * gr[4 * b + k];
                        dgr[4 * b + k] += g * gr[4 * a + k];
                    }
                }
            }
            for (int q = 0; q < 4 * ng; q++) dgr[q] /= nnei; // gr = Σ(...)/N
            // ∂E/∂R̃_s[k] = Σ_a dgr[a][k] G_s[a] (+ ∂E/∂s̃ through the embedding for k = 0); real slots only
            for (int tj = 0; tj < ntypes; tj++) {
                CompiledNet net = embed[model.descriptor().typeOneSide() ? tj : ti + tj * ntypes];
                int gOff = net.outOffset();
                for (int s = selOffset[tj]; s < selOffset[tj + 1]; s++) {
                    int q = rBase + 4 * s;
                    if (nlist[i * nnei + s] < 0) {
                        dEdR[q] = dEdR[q + 1] = dEdR[q + 2] = dEdR[q + 3] = 0.0;
                        continue;
                    }
                    int row = s * embedRow;
                    double r0 = envArr[q], r1 = envArr[q + 1], r2 = envArr[q + 2], r3 = envArr[q + 3];
                    double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
                    for (int a = 0; a < ng; a++) {
                        double g = embOut[row + gOff + a];
                        int p = 4 * a;
                        double g0 = dgr[p], g1 = dgr[p + 1], g2 = dgr[p + 2], g3 = dgr[p + 3];
                        d0 += g0 * g;
                        d1 += g1 * g;
                        d2 += g2 * g;
                        d3 += g3 * g;
                        dG[a] = g0 * r0 + g1 * r1 + g2 * r2 + g3 * r3;
                    }
                    double[] ds = net.backward(dG, 0, embDphi, row);
                    dEdR[q] = d0 + ds[0];
                    dEdR[q + 1] = d1;
                    dEdR[q + 2] = d2;
                    dEdR[q + 3] = d3;
                }
            }
        }
        double[] forces = new double[3 * n];
        double[] virial = new double[9];
        double[] atomVirial = new double[9 * n];
        ForceVirial.compute(frame, dEdR, forces, virial, atomVirial);
        return new DeepPotResult(energy, atomE, forces, virial, atomVirial, descOut, fitLast, dropped, DeepPotResult.JAVA_REFERENCE);
    }

    private NeighborList rebuild(double[] positions, double[] cell) {
        nlBuilder.build(positions, cell, null, nl);
        return nl;
    }
}
