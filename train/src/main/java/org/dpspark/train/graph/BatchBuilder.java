package org.dpspark.train.graph;

import static org.dpspark.train.graph.GraphNames.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.EnerFitting;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.SeRDescriptor;
import org.dpspark.model.env.EnvNormalization;
import org.dpspark.model.env.SeAEnvironment;
import org.dpspark.model.env.SeAFrame;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.train.data.TrainFrame;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the placeholders of {@link DeepPotGraph} for a batch of frames (any mix of systems): neighbour lists and
 * normalised environment matrices with their derivatives are computed here, with featurize's
 * {@link NeighborListBuilder}, {@link SeAEnvironment} and {@link EnvNormalization}, exactly as the reference
 * evaluator does. Atoms of the batch are numbered frame by frame (batch atom index = offset of the frame + atom);
 * the rows of each centre type are grouped in one block per type. A type absent from the batch gets one dummy
 * row (all slots padding, mask 0), so no placeholder is empty.
 *
 * <p>Loss weights (docs/physics.md#loss-and-schedules, averaged over the nf frames of the batch): energy 1/(N_f²·nf),
 * force 1/(3·N_f·nf) per atom, virial 1/(9·N_f²·nf) (0 for frames without a virial label; energy and force weights are
 * 0 when the label is missing). Not thread-safe.
 *
 * <p>For a model whose fitting takes frame or atomic parameters ({@link #BatchBuilder(DeepPotModel)}), each row also
 * gets its normalised parameters ({@link GraphNames#params}): the frame's fparam (or the model's default_fparam when
 * the frame has none), then the atom's aparam.
 */
public final class BatchBuilder {
    private final int ntypes;
    private final int nnei;
    private final double[] davg;
    private final double[] dstd;
    private final NeighborListBuilder nlBuilder;
    private final SeAEnvironment envBuilder;
    /** se_e2_r: R̃ = [s̃, 1/5, 0, 0], ∂R̃/∂r only in column 0 (see {@link #BatchBuilder(DeepPotModel)}). */
    private final boolean radial;
    /** F frame and A atomic parameters of the fitting (0 for none) and their normalisation (null when 0). */
    private final int nfp, nap;
    private final double[] fAvg, fInv, aAvg, aInv, fDefault;
    private final NeighborList nl = new NeighborList();
    private final SeAFrame frame = new SeAFrame();
    private long neighboursDropped;

    /** For a model without frame or atomic parameters (only its descriptor matters). */
    public BatchBuilder(SeADescriptor d) {
        this(new Environment(d.rcut(), d.rcutSmth(), d.sel(), d.davg(), d.dstd(), false), null);
    }

    /**
     * For {@code model}: its se_e2_a or se_e2_r descriptor, and its fitting's frame and atomic parameters if it has
     * them. For se_e2_r the environment is R̃ = [s̃, 1/5, 0, 0] with ∂R̃/∂r zero but in column 0 (s̃ normalised with
     * the model's one-column davg/dstd): the kernel's contraction R̃ᵀG/N then holds se_e2_r's descriptor
     * (1/5)(1/N)ΣG in its row 1 ({@code KernelModel.radial}).
     */
    public BatchBuilder(DeepPotModel model) {
        this(Environment.of(model), model.fitting());
    }

    /** Cutoffs, slots and T×N×4 normalisation of the environment matrices; {@code radial} for se_e2_r. */
    private record Environment(double rcut, double rcutSmth, int[] sel, double[] davg, double[] dstd, boolean radial) {
        static Environment of(DeepPotModel model) {
            if (model.descriptor() instanceof SeRDescriptor r) {
                return new Environment(r.rcut(), r.rcutSmth(), r.sel(), fourColumns(r.davg(), 0), fourColumns(r.dstd(), 1), true);
            }
            SeADescriptor d = model.seAWithParams();
            return new Environment(d.rcut(), d.rcutSmth(), d.sel(), d.davg(), d.dstd(), false);
        }

        /** se_e2_r's T×N×1 statistics as T×N×4 with {@code fill} in columns 1–3 (replaced by the radial columns later). */
        private static double[] fourColumns(double[] one, double fill) {
            double[] four = new double[4 * one.length];
            for (int k = 0; k < one.length; k++) {
                four[4 * k] = one[k];
                four[4 * k + 1] = four[4 * k + 2] = four[4 * k + 3] = fill;
            }
            return four;
        }
    }

    private BatchBuilder(Environment e, EnerFitting fit) {
        radial = e.radial();
        boolean p = fit != null && fit.hasParams();
        nfp = p ? fit.numbFparam() : 0;
        nap = p ? fit.numbAparam() : 0;
        fAvg = p ? fit.fparamAvg() : null;
        fInv = p ? fit.fparamInvStd() : null;
        aAvg = p ? fit.aparamAvg() : null;
        aInv = p ? fit.aparamInvStd() : null;
        fDefault = p ? fit.defaultFparam() : null;
        ntypes = e.sel().length;
        nnei = java.util.Arrays.stream(e.sel()).sum();
        davg = e.davg();
        dstd = e.dstd();
        nlBuilder = new NeighborListBuilder(e.rcut());
        envBuilder = new SeAEnvironment(e.rcut(), e.rcutSmth(), e.sel());
    }

    public int ntypes() { return ntypes; }

    /** Neighbour slots per atom, N = Σ sel. */
    public int nnei() { return nnei; }

    /** Parameters per row of {@link GraphNames#params} (numb_fparam + numb_aparam; 0: no such placeholder). */
    public int paramsPerRow() { return nfp + nap; }

    /** Neighbours dropped so far because a type exceeded sel (reported by the jobs, never silent). */
    public long neighboursDropped() { return neighboursDropped; }

    /**
     * Placeholders for a batch.
     *
     * @param frames the frames (labels may be missing: then their loss weights are 0)
     * @param prefactors p_e, p_f, p_v
     */
    public Map<String, INDArray> build(List<TrainFrame> frames, double[] prefactors) {
        int nf = frames.size();
        int natoms = 0;
        int[] count = new int[ntypes];
        for (TrainFrame f : frames) {
            natoms += f.natoms();
            for (int t : f.types()) count[t]++;
        }
        int[] rows = new int[ntypes];
        double[][] env = new double[ntypes][], deriv = new double[ntypes][], rij = new double[ntypes][], mask = new double[ntypes][];
        int[][] nbr = new int[ntypes][], ctr = new int[ntypes][], fr = new int[ntypes][];
        int np = nfp + nap;
        double[][] params = new double[ntypes][];
        for (int t = 0; t < ntypes; t++) {
            int a = Math.max(1, count[t]);
            params[t] = new double[a * np]; // a dummy row's stay 0 (masked)
            env[t] = new double[a * nnei * 4];
            deriv[t] = new double[a * nnei * 12];
            rij[t] = new double[a * nnei * 3];
            nbr[t] = new int[a * nnei];
            ctr[t] = new int[a];
            fr[t] = new int[a];
            mask[t] = new double[a];
            if (count[t] == 0) { // dummy row: padding everywhere (R̃ = −davg/dstd), no force, masked energy
                for (int s = 0; s < nnei; s++) {
                    for (int c = 0; c < 4; c++) env[t][4 * s + c] = -davg[(t * nnei + s) * 4 + c] / dstd[(t * nnei + s) * 4 + c];
                    if (radial) radialColumns(env[t], null, s);
                }
            }
        }
        double[] eLab = new double[nf], we = new double[nf], wv = new double[nf], vLab = new double[nf * 9];
        double[] fLab = new double[natoms * 3], wf = new double[natoms];
        int atomBase = 0;
        for (int fi = 0; fi < nf; fi++) {
            TrainFrame f = frames.get(fi);
            int n = f.natoms();
            int[] types = f.types();
            nlBuilder.build(f.positions(), f.cell(), f.pbc(), nl);
            envBuilder.computeFrame(types, nl, frame);
            for (long x : frame.neighboursDropped()) neighboursDropped += x;
            EnvNormalization.apply(frame, types, davg, dstd);
            double[] fe = frame.env(), fd = frame.deriv(), fr3 = frame.rij();
            int[] fnl = frame.nlist();
            double[] fp = np == 0 ? null : frameParams(f);
            for (int i = 0; i < n; i++) {
                int t = types[i];
                int r = rows[t]++;
                if (np > 0) {
                    for (int k = 0; k < nfp; k++) params[t][r * np + k] = (fp[k] - fAvg[k]) * fInv[k];
                    for (int k = 0; k < nap; k++) params[t][r * np + nfp + k] = (f.aparam()[i * nap + k] - aAvg[k]) * aInv[k];
                }
                System.arraycopy(fe, i * nnei * 4, env[t], r * nnei * 4, nnei * 4);
                System.arraycopy(fd, i * nnei * 12, deriv[t], r * nnei * 12, nnei * 12);
                if (radial) for (int s = 0; s < nnei; s++) radialColumns(env[t], deriv[t], r * nnei + s);
                System.arraycopy(fr3, i * nnei * 3, rij[t], r * nnei * 3, nnei * 3);
                for (int s = 0; s < nnei; s++) {
                    int j = fnl[i * nnei + s];
                    nbr[t][r * nnei + s] = j < 0 ? atomBase + i : atomBase + j; // padding: zero force, any index
                }
                ctr[t][r] = atomBase + i;
                fr[t][r] = fi;
                mask[t][r] = 1.0;
            }
            boolean hasE = f.hasEnergy();
            eLab[fi] = hasE ? f.energy() : 0.0;
            // DeePMD-kit's EnerStdLoss: p_e·mean_f(ΔE²)/N and p_v·mean_f,9(ΔΞ²)/N (one factor 1/N, not 1/N²)
            we[fi] = hasE ? 1.0 / ((double) n * nf) : 0.0;
            if (f.virial() != null) {
                System.arraycopy(f.virial(), 0, vLab, 9 * fi, 9);
                wv[fi] = 1.0 / (9.0 * n * nf);
            }
            if (f.forces() != null) {
                System.arraycopy(f.forces(), 0, fLab, 3 * atomBase, 3 * n);
                for (int i = 0; i < n; i++) wf[atomBase + i] = 1.0 / (3.0 * n * nf);
            }
            atomBase += n;
        }
        Map<String, INDArray> ph = new HashMap<>();
        for (int t = 0; t < ntypes; t++) {
            long a = Math.max(1, count[t]);
            ph.put(env(t), Nd4j.create(env[t], new long[] {a, nnei, 4}, 'c'));
            ph.put(deriv(t), Nd4j.create(deriv[t], new long[] {a * nnei, 4, 3}, 'c'));
            ph.put(rij(t), Nd4j.create(rij[t], new long[] {a, nnei, 3}, 'c'));
            ph.put(neighbour(t), Nd4j.createFromArray(nbr[t]));
            ph.put(centre(t), Nd4j.createFromArray(ctr[t]));
            ph.put(frameOf(t), Nd4j.createFromArray(fr[t]));
            ph.put(mask(t), Nd4j.create(mask[t], new long[] {a, 1}, 'c'));
            if (np > 0) ph.put(params(t), Nd4j.create(params[t], new long[] {a, np}, 'c'));
        }
        ph.put(NATOMS, Nd4j.scalar(DataType.INT, natoms));
        ph.put(NFRAMES, Nd4j.scalar(DataType.INT, nf));
        ph.put(ENERGY_LABEL, Nd4j.create(eLab, new long[] {nf}, 'c'));
        ph.put(ENERGY_WEIGHT, Nd4j.create(we, new long[] {nf}, 'c'));
        ph.put(FORCE_LABEL, Nd4j.create(fLab, new long[] {natoms, 3}, 'c'));
        ph.put(FORCE_WEIGHT, Nd4j.create(wf, new long[] {natoms, 1}, 'c'));
        ph.put(VIRIAL_LABEL, Nd4j.create(vLab, new long[] {nf, 9}, 'c'));
        ph.put(VIRIAL_WEIGHT, Nd4j.create(wv, new long[] {nf, 1}, 'c'));
        ph.put(PREF_E, Nd4j.create(new double[] {prefactors[0]}, new long[] {1}, 'c'));
        ph.put(PREF_F, Nd4j.create(new double[] {prefactors[1]}, new long[] {1}, 'c'));
        ph.put(PREF_V, Nd4j.create(new double[] {prefactors[2]}, new long[] {1}, 'c'));
        return ph;
    }

    /** The frame's fparam (or the model's default_fparam), with the aparam's shape checked: a one-line error naming the frame. */
    private double[] frameParams(TrainFrame f) {
        double[] fp = f.fparam() != null ? f.fparam() : fDefault;
        if (nfp > 0 && (fp == null || fp.length != nfp)) {
            throw new IllegalArgumentException("frame " + f.id() + " of " + f.dataset() + ": " + (fp == null ? "no" : fp.length)
                    + " fparam values; the model takes numb_fparam = " + nfp);
        }
        if (nap > 0 && (f.aparam() == null || f.aparam().length != f.natoms() * nap)) {
            throw new IllegalArgumentException("frame " + f.id() + " of " + f.dataset() + ": "
                    + (f.aparam() == null ? "no" : f.aparam().length) + " aparam values for " + f.natoms()
                    + " atoms; the model takes numb_aparam = " + nap + " per atom");
        }
        return nfp > 0 ? fp : new double[0];
    }

    /** se_e2_r's slot {@code q}: R̃ columns 1–3 = (1/5, 0, 0), constant in r (their rows of ∂R̃/∂r zeroed). */
    private static void radialColumns(double[] env, double[] deriv, int q) {
        env[4 * q + 1] = SeRDescriptor.RES_RESCALE;
        env[4 * q + 2] = 0;
        env[4 * q + 3] = 0;
        if (deriv != null) java.util.Arrays.fill(deriv, 12 * q + 3, 12 * q + 12, 0.0);
    }
}
