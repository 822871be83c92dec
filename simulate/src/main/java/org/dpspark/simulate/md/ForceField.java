package org.dpspark.simulate.md;

import org.dpspark.simulate.potential.Evaluation;
import org.dpspark.simulate.potential.HalfList;
import org.dpspark.simulate.potential.HalfListPotential;
import org.dpspark.simulate.potential.Potential;

/**
 * A potential bound to a Verlet list: the "energy function" the integrators call once per step.
 * Pair potentials implementing {@link HalfListPotential} run on the half list with ghosts (fast path);
 * the others on the full list. Not thread-safe: one per trajectory.
 */
public final class ForceField {
    private final Potential potential;
    private final VerletList list;
    private final boolean halfPath;

    /**
     * @param potential the potential
     * @param skin Verlet skin, Å (e.g. 0.3σ for LJ, 1 Å for SW)
     */
    public ForceField(Potential potential, double skin) {
        this(potential, new VerletList(potential.cutoff(), skin, potential instanceof HalfListPotential));
    }

    /** With an explicitly configured list (its cutoff must be the potential's). */
    public ForceField(Potential potential, VerletList list) {
        if (list.cutoff() < potential.cutoff()) {
            throw new IllegalArgumentException("list cutoff " + list.cutoff() + " < potential cutoff "
                    + potential.cutoff());
        }
        this.potential = potential;
        this.list = list;
        this.halfPath = potential instanceof HalfListPotential && list.hasHalf();
    }

    public Potential potential() { return potential; }

    public VerletList list() { return list; }

    /**
     * Evaluates at the state's current positions into {@code s.eval}, rebuilding the list if needed.
     *
     * @param flags {@link Evaluation} request flags (forces are always computed)
     */
    public void compute(MdState s, int flags) {
        list.update(s);
        if (halfPath) {
            HalfList hl = list.half();
            hl.refresh(s.positions);
            ((HalfListPotential) potential).computeHalf(hl, s.types, flags, s.eval);
        } else {
            potential.compute(s.positions, s.cell, s.types, list.full(), flags, s.eval);
        }
        if ((flags & (Evaluation.ENERGY | Evaluation.VIRIAL)) != 0) {
            s.energyStep = s.step;
        }
    }
}
