package org.dpspark.featurize.job;

/**
 * The columns of a frames-table row that featurize reads (forces, virials and parameters are not read).
 *
 * @param frameId       content hash id
 * @param dataset       dataset name
 * @param split         train, valid or test
 * @param atomicNumbers Z per atom, shape n
 * @param typeLabels    dataset type label per atom, shape n
 * @param positions     Cartesian positions, shape n×3, Å
 * @param cell          cell vectors as rows, shape 3×3, Å; null for a molecule
 * @param pbc           periodicity along each cell vector, shape 3
 * @param energy        total energy, eV; null when absent
 */
public record FrameInput(String frameId, String dataset, String split, int[] atomicNumbers, String[] typeLabels,
                         double[] positions, double[] cell, boolean[] pbc, Double energy) {
    public int natoms() { return atomicNumbers.length; }
}
