package org.dpspark.model.eval;

import java.util.Arrays;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.neighbor.NeighborList;

/**
 * What every plain-Java double-precision reference evaluator shares, whatever its descriptor: the frame and atomic
 * parameters, the per-type fitting nets (forward and reverse), the energy bias E_i = fitting(x_i) + bias_atom_e[t_i]
 * + out_bias[t_i], the argument checks, and the force/virial scatter of one neighbour slot in {@code ForceVirial}'s
 * convention. A subclass computes one frame's descriptor, its energies and the reverse pass in {@link #frame}.
 *
 * <p>{@link #evaluateInto} allocates nothing once a subclass's buffers fit the frame (the MD hot loop). Not
 * thread-safe; use one evaluator per thread.
 */
public abstract class ReferenceEvaluator implements InPlaceCalculator {
    /** The model being evaluated. */
    protected final DeepPotModel model;
    /** T, number of atom types. */
    protected final int ntypes;
    /** bias_atom_e[t] + out_bias[t], eV, per type (T). */
    protected final double[] biasPerType;
    /** The fitting net of each centre type (T). */
    final CompiledNet[] fit;
    /** The fitting input's parameter part (fparam, aparam). */
    final FittingInputs params;
    /** The caller's Verlet list during {@link #evaluateInto(double[], double[], int[], double[], double[], double[], NeighborList)}. */
    protected NeighborList verlet;
    /** Neighbours within r_c that did not fit in sel, summed over the atoms of the latest frame. */
    protected long dropped;
    private double[] fparam;
    private double[] aparam;
    /** The fitting row of the latest {@link #fitAtom} (outputs), and φ′·idt for its reverse pass. */
    private final double[] fitOut;
    private final double[] fitDphi;
    private final double[] one = {1.0};
    private final double[] virialScratch = new double[9];

    protected ReferenceEvaluator(DeepPotModel model) {
        this.model = model;
        ntypes = model.ntypes();
        biasPerType = new double[ntypes];
        for (int t = 0; t < ntypes; t++) biasPerType[t] = model.fitting().biasAtomE()[t] + model.outBias()[t];
        fit = new CompiledNet[ntypes];
        for (int t = 0; t < ntypes; t++) fit[t] = new CompiledNet(model.fitting().nets().get(t));
        params = new FittingInputs(model.fitting());
        fitOut = new double[fit[0].rowWidth()];
        fitDphi = new double[fit[0].rowWidth()];
    }

    /** Width of the descriptor D_i (the fitting input without fparam/aparam). */
    protected abstract int descriptorWidth();

    /**
     * One frame: the descriptor of every atom, {@link #fitAtom} for its energy, {@link #fitBackward} and the reverse
     * pass into forces and virials ({@link #scatter}). The outputs arrive zeroed (forces, virial, atomVirial), the
     * fitting parameters prepared and {@link #dropped} 0.
     *
     * @param forces n×3, eV/Å
     * @param virial 3×3, eV
     * @param atomE n per-atom energies, eV, or null
     * @param atomVirial n×9, eV, or null
     * @param descOut n × {@link #descriptorWidth()}, or null
     * @param fitLast n × lastHidden, or null
     * @return the energy, eV
     */
    protected abstract double frame(double[] positions, double[] cell, int[] types, double[] forces, double[] virial,
            double[] atomE, double[] atomVirial, double[] descOut, double[] fitLast, int lastHidden);

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
        int dimD = descriptorWidth();
        double[] atomE = new double[n];
        double[] descOut = intermediates ? new double[n * dimD] : null;
        int lastHidden = fit[0].lastHiddenOffset() >= 0 ? model.fitting().nets().get(0).lastHiddenWidth() : 0;
        double[] fitLast = intermediates && lastHidden > 0 ? new double[n * lastHidden] : null;
        double[] forces = new double[3 * n];
        double[] virial = new double[9];
        double[] atomVirial = new double[9 * n];
        double energy = run(positions, cell, types, forces, virial, atomE, atomVirial, descOut, fitLast, lastHidden);
        return new DeepPotResult(energy, atomE, forces, virial, atomVirial, descOut, fitLast, dropped,
                DeepPotResult.JAVA_REFERENCE);
    }

    /**
     * Evaluates one frame into caller-owned buffers, allocating nothing once sized (the MD hot loop).
     * Same values, bitwise, as {@link #evaluate}.
     *
     * @param positions n×3 Cartesian positions, Å
     * @param cell 3×3 row-major, Å, or null for a molecule
     * @param types model type per atom (n)
     * @param forces receives n×3 forces, eV/Å (overwritten)
     * @param virial receives the 3×3 virial, eV (overwritten); may be null
     * @param atomEnergy receives n per-atom energies, eV; may be null
     * @return the energy, eV ({@link #lastNeighboursDropped()} tells whether sel overflowed)
     */
    public double evaluateInto(double[] positions, double[] cell, int[] types, double[] forces, double[] virial,
            double[] atomEnergy) {
        return evaluateInto(positions, cell, types, forces, virial, atomEnergy, null);
    }

    /**
     * As {@link #evaluateInto(double[], double[], int[], double[], double[], double[])}, taking the neighbour
     * candidates from the MD engine's Verlet list ({@link VerletSlots#update(double[], double[], int[],
     * NeighborList)}: radius ≥ r_c, kept valid by the caller for these positions); same values, bitwise.
     *
     * @param verlet the engine's full neighbour list, or null (the evaluator keeps its own)
     */
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
        Arrays.fill(forces, 0, 3 * n, 0.0);
        double[] vir = virial != null ? virial : virialScratch;
        Arrays.fill(vir, 0.0);
        if (atomVirial != null) Arrays.fill(atomVirial, 0, 9 * n, 0.0);
        dropped = 0;
        return frame(positions, cell, types, forces, vir, atomE, atomVirial, descOut, fitLast, lastHidden);
    }

    /**
     * Atom i's energy E_i = fitting_{t_i}([D_i, fparam, aparam]) + bias: fills the parameter part of {@code x} (its
     * first {@link #descriptorWidth()} values are D_i), runs the fitting net keeping what {@link #fitBackward} needs,
     * and stores E_i, D_i and the last hidden layer where asked.
     *
     * @param x the fitting input, {@link #descriptorWidth()} + F + A values
     */
    final double fitAtom(int i, int ti, double[] x, double[] atomE, double[] descOut, double[] fitLast, int lastHidden) {
        int dimD = descriptorWidth();
        CompiledNet f = fit[ti];
        params.fill(x, dimD, i);
        f.forward(x, 0, fitOut, fitDphi, 0);
        double ei = fitOut[f.outOffset()] + biasPerType[ti];
        if (atomE != null) atomE[i] = ei;
        if (descOut != null) System.arraycopy(x, 0, descOut, i * dimD, dimD);
        if (fitLast != null) System.arraycopy(fitOut, f.lastHiddenOffset(), fitLast, i * lastHidden, lastHidden);
        return ei;
    }

    /** ∂E_i/∂x of the latest {@link #fitAtom} (a scratch array, valid until the next call; D part first). */
    final double[] fitBackward(int ti) {
        return fit[ti].backward(one, 0, fitDphi, 0);
    }

    /**
     * The force and virial of one neighbour slot i → j with g = ∂E/∂r_ij (r_ij = r_j − r_i, Å): F_i += g, F_j −= g,
     * Ξ −= g ⊗ r_ij, and per-atom virial of j −= g ⊗ r_ij (DeePMD-kit's prod_force_a / prod_virial_a convention).
     */
    static void scatter(int i, int j, double gx, double gy, double gz, double rx, double ry, double rz,
            double[] forces, double[] virial, double[] atomVirial) {
        forces[3 * i] += gx;
        forces[3 * i + 1] += gy;
        forces[3 * i + 2] += gz;
        forces[3 * j] -= gx;
        forces[3 * j + 1] -= gy;
        forces[3 * j + 2] -= gz;
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
