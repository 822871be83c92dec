package org.dpspark.simulate.dp;

import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.model.eval.InPlaceCalculator;

import org.dpspark.model.eval.DeepPotCalculator;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dpspark.core.Elements;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.simulate.potential.Evaluation;
import org.dpspark.simulate.potential.Potential;
import org.dpspark.simulate.potential.Structure;

/**
 * A Deep Potential model as a {@link Potential} for the MD engine, through a {@link DeepPotCalculator}
 * (the plain-Java reference, or a kernel plugged in later).
 *
 * <p>The calculator sorts the neighbours per type up to {@code sel}, as DeePMD-kit. The Java reference takes its
 * candidates from the engine's Verlet list passed to {@link #compute} (no second list to build); the kernels keep
 * their own ({@link VerletSlots}).
 * Structure species are mapped to model types by element symbol ({@link #forStructure}); an element the model
 * does not know is an error, and a neighbour that overflowed {@code sel} is an error too (never dropped
 * silently).
 *
 * <p>Where each evaluation actually ran is read from {@link DeepPotResult#executionMode()} (observed, not
 * requested) and kept: {@link #lastExecutionMode()}, {@link #executionModes()}.
 *
 * <p>Stateful (the calculator's buffers, the type mapping, the modes seen): one instance per trajectory.
 */
public final class DeepPotPotential implements Potential {
    private final DeepPotCalculator calc;
    private final int[] speciesToModelType;
    private int[] modelTypes = new int[0];
    private String lastMode;
    private final Set<String> modes = new LinkedHashSet<>();

    /**
     * @param calc the calculator
     * @param speciesToModelType model type index of each structure species (shape ntypes of the structure)
     */
    public DeepPotPotential(DeepPotCalculator calc, int[] speciesToModelType) {
        this.calc = calc;
        this.speciesToModelType = speciesToModelType.clone();
    }

    /** The mapping of a structure's species (by element symbol) to the model's type map. */
    public static int[] typeMapping(Structure s, List<String> modelTypeMap) {
        int[] z = s.typeAtomicNumbers();
        int[] map = new int[z.length];
        for (int t = 0; t < z.length; t++) {
            String symbol = Elements.symbol(z[t]);
            map[t] = modelTypeMap.indexOf(symbol);
            if (map[t] < 0) {
                throw new IllegalArgumentException("element " + symbol + " of the structure is not in the model's type map "
                        + modelTypeMap);
            }
        }
        return map;
    }

    /** A potential for the species of {@code s}. */
    public static DeepPotPotential forStructure(DeepPotCalculator calc, Structure s) {
        return new DeepPotPotential(calc, typeMapping(s, calc.model().typeMap()));
    }

    public DeepPotCalculator calculator() { return calc; }

    /** Where the latest evaluation actually ran ({@link DeepPotResult#executionMode()}); null before the first. */
    public String lastExecutionMode() { return lastMode; }

    /** Every execution mode observed so far, in order of first appearance, joined by "; " ("" before the first). */
    public String executionModes() { return String.join("; ", modes); }

    /** Model type index per atom for structure species {@code types} (shape natoms; reused buffer). */
    public int[] modelTypes(int[] types) {
        if (modelTypes.length != types.length) {
            modelTypes = new int[types.length];
        }
        for (int i = 0; i < types.length; i++) {
            modelTypes[i] = speciesToModelType[types[i]];
        }
        return modelTypes;
    }

    @Override public String name() { return "deep-potential"; }

    @Override public double cutoff() { return calc.model().rcut(); }

    @Override
    public void compute(double[] positions, double[] cell, int[] types, NeighborList nl, int flags, Evaluation out) {
        int n = types.length;
        if (calc instanceof InPlaceCalculator ev && positions.length == 3 * n) {
            // allocation-free path of the Java evaluators (the MD hot loop)
            out.reset(n, flags);
            out.energy = ev.evaluateInto(positions, cell, modelTypes(types), out.forces, out.virial,
                    out.wants(Evaluation.ATOM_ENERGY) ? out.atomEnergy : null, nl);
            checkDropped(ev.lastNeighboursDropped());
            lastMode = ev.mode();
            if (modes.isEmpty()) modes.add(lastMode);
            return;
        }
        DeepPotResult r = calc.evaluate(n * 3 == positions.length ? positions : Arrays.copyOf(positions, 3 * n), cell,
                modelTypes(types));
        checkDropped(r.neighboursDropped());
        lastMode = r.executionMode();
        modes.add(lastMode);
        out.reset(n, flags);
        System.arraycopy(r.forces(), 0, out.forces, 0, 3 * n);
        out.energy = r.energy();
        System.arraycopy(r.virial(), 0, out.virial, 0, 9);
        if (out.wants(Evaluation.ATOM_ENERGY)) {
            System.arraycopy(r.atomEnergy(), 0, out.atomEnergy, 0, n);
        }
    }

    private void checkDropped(long dropped) {
        if (dropped > 0) {
            throw new IllegalStateException(dropped + " neighbours beyond the model's sel "
                    + Arrays.toString(calc.model().descriptor().sel()) + " within r_c = " + cutoff() + " Å");
        }
    }
}
