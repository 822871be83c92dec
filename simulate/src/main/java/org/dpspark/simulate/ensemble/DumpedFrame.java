package org.dpspark.simulate.ensemble;

/**
 * One frame written to the trajectories table (copies; the state moves on).
 *
 * @param index dump index within the trajectory (0 = step 0)
 * @param step MD step
 * @param time fs
 * @param positions natoms×3, Å (wrapped into the cell at the latest neighbour-list rebuild)
 * @param forces natoms×3, eV/Å
 * @param energy potential energy, eV
 * @param virial 3×3, eV
 * @param kineticEnergy eV
 * @param temperature K
 * @param pressure bar, or null without a cell
 * @param deviation {max, min, avg} force model deviation, eV/Å, or null without deviation models
 * @param executionMode where the potential's evaluation at this step ran (observed)
 */
public record DumpedFrame(int index, long step, double time, double[] positions, double[] forces, double energy,
        double[] virial, double kineticEnergy, double temperature, Double pressure, double[] deviation,
        String executionMode) {}
