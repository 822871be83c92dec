package org.dpspark.model.eval;

import org.dpspark.model.neighbor.NeighborList;

/**
 * One descriptor's part of a {@link PerAtomEvaluator}: its neighbour slots, its value D_i for one centre atom at a
 * time, and the reverse pass from ∂E_i/∂D_i into forces and virials. A hybrid descriptor is several of these side by
 * side, each writing its columns of the fitting input (DeePMD-kit's {@code DescrptHybrid} concatenates its
 * descriptors' outputs in list order).
 *
 * <p>Each part keeps its own slots (its own r_c and sel) and the scratch of the atom it evaluated last: the
 * evaluator calls {@link #forward} and then {@link #reverse} for the same atom before it moves to the next. Not
 * thread-safe.
 */
abstract class AtomDescriptor {
    /** Width of D_i, the part's columns of the fitting input. */
    abstract int width();

    /**
     * Neighbour slots of every atom for these positions (see
     * {@link VerletSlots#update(double[], double[], int[], NeighborList)}).
     */
    abstract void update(double[] positions, double[] cell, int[] types, NeighborList verlet);

    /**
     * D_i of centre atom i (type ti) into {@code x[off, off + width())}, keeping what {@link #reverse} needs.
     *
     * @return neighbours of i within the part's r_c that did not fit in its sel
     */
    abstract long forward(int i, int ti, double[] x, int off);

    /**
     * After {@link #forward} of the same atom: ∂E_i/∂D_i at {@code dx[off, off + width())} through the descriptor
     * into forces (n×3, eV/Å), the virial (3×3, eV) and the per-atom virials (n×9, eV, or null), added
     * ({@link ReferenceEvaluator#scatter}).
     */
    abstract void reverse(int i, int ti, double[] dx, int off, double[] forces, double[] virial, double[] atomVirial);
}
