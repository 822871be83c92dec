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
 * <p>Compressed models: environments outside the tables ({@link InPlaceCalculator#lastTableOverflow()}) are summed
 * ({@link #tableOverflow()}), logged as a warning when first seen, and named in {@link #executionModes()} (so the MD
 * summary's execution mode carries them). With the model's {@code check_frequency} N &gt; 0 (DeePMD-kit's
 * {@code dp compress -f}), every N-th evaluation checks the count since the previous check and an overflow is an
 * error that stops the trajectory; with N ≤ 0 it stays a warning.
 *
 * <p>Stateful (the calculator's buffers, the type mapping, the modes seen): one instance per trajectory.
 */
public final class DeepPotPotential implements Potential {
    private final DeepPotCalculator calc;
    private final int[] speciesToModelType;
    private int[] modelTypes = new int[0];
    private String lastMode;
    private final Set<String> modes = new LinkedHashSet<>();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeepPotPotential.class);
    private final int checkFrequency;
    private long tableOverflow, overflowSinceCheck, evaluations;

    /**
     * @param calc the calculator
     * @param speciesToModelType model type index of each structure species (shape ntypes of the structure)
     */
    public DeepPotPotential(DeepPotCalculator calc, int[] speciesToModelType) {
        this.calc = calc;
        this.speciesToModelType = speciesToModelType.clone();
        this.checkFrequency = calc.model().compressed() ? calc.model().compression().checkFrequency() : 0;
    }

    /** Environments outside a compressed model's tables, summed over every evaluation so far (0 uncompressed). */
    public long tableOverflow() { return tableOverflow; }

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
    public String executionModes() {
        String m = String.join("; ", modes);
        return tableOverflow == 0 ? m : m + " [compressed model: " + tableOverflow + " environments outside the tables]";
    }

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
            // the in-place path (the MD hot loop): allocation-free for the Java evaluators; the kernels allocate no result arrays
            out.reset(n, flags);
            out.energy = ev.evaluateInto(positions, cell, modelTypes(types), out.forces, out.virial,
                    out.wants(Evaluation.ATOM_ENERGY) ? out.atomEnergy : null, nl);
            checkDropped(ev.lastNeighboursDropped());
            checkTables(ev.lastTableOverflow());
            lastMode = ev.mode();
            modes.add(lastMode);   // a set: no allocation once seen; a kernel that falls back mid-run is recorded
            return;
        }
        DeepPotResult r = calc.evaluate(n * 3 == positions.length ? positions : Arrays.copyOf(positions, 3 * n), cell,
                modelTypes(types));
        checkDropped(r.neighboursDropped());
        checkTables(calc.lastTableOverflow());
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

    private void checkTables(long overflow) {
        evaluations++;
        if (overflow > 0 && tableOverflow == 0) {
            LOG.warn("{} environments outside the compressed model's tables (s̃ beyond [lower, extrapolate × upper],"
                    + " evaluated by linear continuation): the structure left the training data's range", overflow);
        }
        tableOverflow += overflow;
        overflowSinceCheck += overflow;
        if (checkFrequency > 0 && evaluations % checkFrequency == 0) {
            long o = overflowSinceCheck;
            overflowSinceCheck = 0;
            if (o > 0) {
                throw new IllegalStateException(o + " environments outside the compressed model's tables in the last "
                        + checkFrequency + " evaluations (check_frequency " + checkFrequency + "): the structure left the"
                        + " range the model was compressed for; use the uncompressed model or compress with a larger"
                        + " --extrapolate");
            }
        }
    }

    private void checkDropped(long dropped) {
        if (dropped > 0) {
            throw new IllegalStateException(dropped + " neighbours beyond the model's sel "
                    + Arrays.toString(calc.model().descriptor().sel()) + " within r_c = " + cutoff() + " Å");
        }
    }
}
