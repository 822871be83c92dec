package org.dpspark.model.eval;

import org.dpspark.model.neighbor.NeighborList;

/**
 * A calculator that also evaluates a frame into caller-owned buffers and allocates nothing once sized: the MD hot
 * loop's path.
 */
public interface InPlaceCalculator extends DeepPotCalculator {

    /**
     * Evaluates one frame in place.
     *
     * @param positions  n×3 Cartesian positions, Å
     * @param cell       3×3 row-major, Å, or null for a molecule
     * @param types      model type per atom (n)
     * @param forces     receives n×3 forces, eV/Å (overwritten)
     * @param virial     receives the 3×3 virial, eV (overwritten); may be null
     * @param atomEnergy receives n per-atom energies, eV; may be null
     * @param verlet     the MD engine's full neighbour list (radius ≥ r_c, valid for these positions), or null
     * @return the energy, eV
     */
    double evaluateInto(double[] positions, double[] cell, int[] types, double[] forces, double[] virial,
                        double[] atomEnergy, NeighborList verlet);

    /** Neighbours within r_c that did not fit in sel, summed over the atoms of the latest frame. */
    long lastNeighboursDropped();

    /**
     * Environments of the latest frame outside a compressed model's tables (counted, evaluated by linear continuation
     * of the end polynomial as DeePMD-kit); 0 for an uncompressed model.
     */
    default long lastTableOverflow() { return 0; }

    /** The execution mode this calculator reports (as {@link DeepPotResult#executionMode()}). */
    String mode();
}
