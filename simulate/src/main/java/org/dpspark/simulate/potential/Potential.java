package org.dpspark.simulate.potential;

import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;

/**
 * An interatomic potential: energy, forces, virial and per-atom energies of a configuration given its
 * full neighbour list (see {@link NeighborList}; every pair appears from both sides).
 *
 * <p>The list may have been built with a larger radius (cutoff + Verlet skin) and at older positions: the
 * potential reads only neighbour indices and integer cell shifts from it and recomputes every displacement
 * as r_ij = r_j + n·h − r_i from the current {@code positions}, ignoring pairs beyond {@link #cutoff()}.
 * So a list stays valid while no atom moved more than half the skin since it was built.
 *
 * <p>Conventions of the results are documented in {@link Evaluation}. Implementations are stateless apart
 * from parameters and thread-safe.
 */
public interface Potential {

    /** Short name, e.g. {@code lj/cut} or {@code sw}. */
    String name();

    /** Interaction cutoff, Å: pairs with r ≥ cutoff() do not interact. */
    double cutoff();

    /**
     * Evaluates into {@code out} (which this call resets for natoms with {@code flags}).
     *
     * @param positions current positions, natoms×3 Å (the ones the list's shifts refer to, up to displacements)
     * @param cell 3×3 rows = cell vectors, Å, or null (molecule)
     * @param types natoms species indices
     * @param nl full neighbour list built with radius ≥ cutoff() from positions within half a skin of these
     * @param flags {@link Evaluation#ENERGY} | {@link Evaluation#VIRIAL} | {@link Evaluation#ATOM_ENERGY}
     * @param out result buffer
     */
    void compute(double[] positions, double[] cell, int[] types, NeighborList nl, int flags, Evaluation out);

    /** Convenience for tests and labelling: builds a fresh list and evaluates everything (allocates). */
    default Evaluation evaluate(Structure s) {
        double[] pos = s.positions();
        double[] cell = s.cell();
        NeighborList nl = new NeighborListBuilder(cutoff()).build(pos, cell, s.pbc());
        Evaluation out = new Evaluation(s.natoms());
        compute(pos, cell, s.types(), nl, Evaluation.ALL, out);
        return out;
    }
}
