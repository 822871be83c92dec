package org.dpspark.simulate.potential;

import java.util.Arrays;
import org.dpspark.core.CellMath;
import org.dpspark.core.Elements;

/**
 * An atomic configuration at the API boundary: immutable, arrays copied in and out.
 *
 * <p>Species are numbered {@code 0 .. ntypes-1} ({@code types}); each species has an atomic number
 * ({@code typeAtomicNumbers}) and hence a mass from {@link Elements#mass(int)} unless masses are given.
 * Potentials with per-species parameters index them by {@code types[i]}.
 *
 * @param positions shape natoms×3, Å (need not be wrapped)
 * @param cell shape 3×3 row-major, rows = cell vectors, Å; {@code null} for a molecule
 * @param pbc 3 periodicity flags along the cell vectors (all false when cell is null)
 * @param types shape natoms, species index 0..ntypes-1
 * @param typeAtomicNumbers shape ntypes, atomic number of each species
 * @param masses shape natoms, amu
 */
public record Structure(double[] positions, double[] cell, boolean[] pbc, int[] types, int[] typeAtomicNumbers,
                        double[] masses) {

    public Structure {
        if (positions.length % 3 != 0) {
            throw new IllegalArgumentException("shape mismatch: positions length " + positions.length + " not natoms×3");
        }
        int n = positions.length / 3;
        if (types.length != n || masses.length != n) {
            throw new IllegalArgumentException("shape mismatch: natoms " + n + ", types " + types.length
                    + ", masses " + masses.length);
        }
        if (cell != null && cell.length != 9) {
            throw new IllegalArgumentException("shape mismatch: cell must be 3×3, got " + cell.length);
        }
        if (pbc == null || pbc.length != 3) {
            throw new IllegalArgumentException("pbc must have 3 flags");
        }
        if (cell == null && (pbc[0] || pbc[1] || pbc[2])) {
            throw new IllegalArgumentException("periodic boundary conditions need a cell");
        }
        for (int t : types) {
            if (t < 0 || t >= typeAtomicNumbers.length) {
                throw new IllegalArgumentException("type " + t + " outside 0.." + (typeAtomicNumbers.length - 1));
            }
        }
        positions = positions.clone();
        cell = cell == null ? null : cell.clone();
        pbc = pbc.clone();
        types = types.clone();
        typeAtomicNumbers = typeAtomicNumbers.clone();
        masses = masses.clone();
    }

    /**
     * A structure whose masses come from the elements' standard atomic weights.
     *
     * @param positions natoms×3, Å
     * @param cell 3×3 rows = vectors, Å, or null
     * @param pbc 3 flags (null: periodic iff a cell is given)
     * @param types natoms species indices
     * @param typeAtomicNumbers ntypes atomic numbers
     */
    public static Structure of(double[] positions, double[] cell, boolean[] pbc, int[] types, int[] typeAtomicNumbers) {
        double[] m = new double[types.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Elements.mass(typeAtomicNumbers[types[i]]);
        }
        boolean p = cell != null;
        return new Structure(positions, cell, pbc == null ? new boolean[] {p, p, p} : pbc, types, typeAtomicNumbers, m);
    }

    /** Same structure with other positions (natoms×3, Å). */
    public Structure withPositions(double[] newPositions) {
        return new Structure(newPositions, cell, pbc, types, typeAtomicNumbers, masses);
    }

    /** Same structure with other positions and cell (3×3, Å). */
    public Structure withPositionsAndCell(double[] newPositions, double[] newCell) {
        return new Structure(newPositions, newCell, pbc, types, typeAtomicNumbers, masses);
    }

    public int natoms() { return types.length; }

    public int ntypes() { return typeAtomicNumbers.length; }

    /** Cell volume, Å³ (NaN without a cell). */
    public double volume() {
        return cell == null ? Double.NaN : Math.abs(CellMath.determinant(cell));
    }

    @Override public double[] positions() { return positions.clone(); }

    @Override public double[] cell() { return cell == null ? null : cell.clone(); }

    @Override public boolean[] pbc() { return pbc.clone(); }

    @Override public int[] types() { return types.clone(); }

    @Override public int[] typeAtomicNumbers() { return typeAtomicNumbers.clone(); }

    @Override public double[] masses() { return masses.clone(); }

    /** Position component without copying: atom i, axis b (Å). */
    public double position(int i, int b) { return positions[3 * i + b]; }

    /** Species of atom i without copying. */
    public int type(int i) { return types[i]; }

    /** Cell element h[r][c] without copying (Å); 0 without a cell. */
    public double cell(int r, int c) { return cell == null ? 0.0 : cell[3 * r + c]; }

    @Override public boolean equals(Object o) {
        return o instanceof Structure s && Arrays.equals(positions, s.positions) && Arrays.equals(cell, s.cell)
                && Arrays.equals(pbc, s.pbc) && Arrays.equals(types, s.types)
                && Arrays.equals(typeAtomicNumbers, s.typeAtomicNumbers) && Arrays.equals(masses, s.masses);
    }

    @Override public int hashCode() {
        return 31 * Arrays.hashCode(positions) + Arrays.hashCode(types);
    }

    @Override public String toString() {
        return "Structure[natoms=" + natoms() + ", ntypes=" + ntypes() + ", cell=" + Arrays.toString(cell) + "]";
    }
}
