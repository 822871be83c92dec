package org.dpspark.model.testing;

/** A structure for tests: positions n×3 Å, cell 3×3 rows (null = molecule), type index per atom, energy (NaN if absent). */
public record TestFrame(String id, double[] positions, double[] cell, int[] types, double energy) {
    public int natoms() { return types.length; }

    public boolean[] pbc() {
        boolean p = cell != null;
        return new boolean[] {p, p, p};
    }
}
