package org.dpspark.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * One labelled structure: atoms, cell and the reference energy, forces and virial.
 * Immutable: arrays are copied at the boundary; accessors return copies.
 *
 * <p>Shapes and units (natoms = n):
 * <ul>
 *   <li>{@code atomicNumbers}: n, Z of each atom</li>
 *   <li>{@code typeLabels}: n, the dataset's type label per atom ({@code O}, {@code Fe1}, {@code HW})</li>
 *   <li>{@code positions}: n×3 row-major, Å (Cartesian)</li>
 *   <li>{@code cell}: 3×3 row-major, Å, rows are the cell vectors; {@code null} for a molecule</li>
 *   <li>{@code pbc}: 3 flags along the cell vectors; all false when {@code cell} is null</li>
 *   <li>{@code energy}: eV, total potential energy; {@code null} when the source has none</li>
 *   <li>{@code forces}: n×3 row-major, eV/Å; {@code null} when absent</li>
 *   <li>{@code virial}: 3×3 row-major, eV (Ξ = −V·σ, σ positive when tensile); {@code null} when absent</li>
 *   <li>{@code fparam}: per-frame parameters (free length, e.g. electronic temperature); {@code null} when absent</li>
 *   <li>{@code aparam}: n×k per-atom parameters, row-major; {@code null} when absent</li>
 * </ul>
 * Provenance: {@code dataset} name, {@code sourceFile} as given to ingest, and
 * {@code sourceIndex}, the 0-based index of the frame within that file (or system).
 */
public final class Frame {
    private final String dataset;
    private final String sourceFile;
    private final int sourceIndex;
    private final int[] atomicNumbers;
    private final String[] typeLabels;
    private final double[] positions;
    private final double[] cell;
    private final boolean[] pbc;
    private final Double energy;
    private final double[] forces;
    private final double[] virial;
    private final double[] fparam;
    private final double[] aparam;

    private Frame(Builder b) {
        this.dataset = Objects.requireNonNull(b.dataset, "dataset");
        this.sourceFile = Objects.requireNonNull(b.sourceFile, "sourceFile");
        this.sourceIndex = b.sourceIndex;
        this.atomicNumbers = Objects.requireNonNull(b.atomicNumbers, "atomicNumbers").clone();
        int n = atomicNumbers.length;
        this.typeLabels = b.typeLabels == null ? defaultLabels(atomicNumbers) : b.typeLabels.clone();
        this.positions = Objects.requireNonNull(b.positions, "positions").clone();
        this.cell = b.cell == null ? null : b.cell.clone();
        this.pbc = b.pbc == null ? new boolean[] {cell != null, cell != null, cell != null} : b.pbc.clone();
        this.energy = b.energy;
        this.forces = b.forces == null ? null : b.forces.clone();
        this.virial = b.virial == null ? null : b.virial.clone();
        this.fparam = b.fparam == null ? null : b.fparam.clone();
        this.aparam = b.aparam == null ? null : b.aparam.clone();
        requireLength("typeLabels", typeLabels.length, n);
        requireLength("positions", positions.length, 3 * n);
        if (cell != null) {
            requireLength("cell", cell.length, 9);
        }
        requireLength("pbc", pbc.length, 3);
        if (cell == null && (pbc[0] || pbc[1] || pbc[2])) {
            throw new IllegalArgumentException("shape mismatch: periodic frame without a cell");
        }
        if (forces != null) {
            requireLength("forces", forces.length, 3 * n);
        }
        if (virial != null) {
            requireLength("virial", virial.length, 9);
        }
        if (aparam != null && (n == 0 || aparam.length % n != 0)) {
            throw new IllegalArgumentException(
                    "shape mismatch: aparam has " + aparam.length + " values, not a multiple of natoms " + n);
        }
        if (n == 0) {
            throw new IllegalArgumentException("shape mismatch: frame has no atoms");
        }
    }

    private static void requireLength(String what, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(
                    "shape mismatch: " + what + " has " + actual + " values, expected " + expected);
        }
    }

    private static String[] defaultLabels(int[] z) {
        String[] labels = new String[z.length];
        for (int i = 0; i < z.length; i++) {
            labels[i] = Elements.symbol(z[i]);
        }
        return labels;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this frame's values. */
    public Builder toBuilder() {
        return new Builder().dataset(dataset).sourceFile(sourceFile).sourceIndex(sourceIndex)
                .atomicNumbers(atomicNumbers).typeLabels(typeLabels).positions(positions).cell(cell).pbc(pbc)
                .energy(energy).forces(forces).virial(virial).fparam(fparam).aparam(aparam);
    }

    public String dataset() { return dataset; }
    public String sourceFile() { return sourceFile; }
    public int sourceIndex() { return sourceIndex; }
    public int natoms() { return atomicNumbers.length; }
    /** shape: natoms. */
    public int[] atomicNumbers() { return atomicNumbers.clone(); }
    /** shape: natoms. */
    public String[] typeLabels() { return typeLabels.clone(); }
    /** shape: natoms×3, Å. */
    public double[] positions() { return positions.clone(); }
    /** shape: 3×3 rows are cell vectors, Å; null for molecules. */
    public double[] cell() { return cell == null ? null : cell.clone(); }
    /** shape: 3. */
    public boolean[] pbc() { return pbc.clone(); }
    /** eV or null. */
    public Double energy() { return energy; }
    /** shape: natoms×3, eV/Å, or null. */
    public double[] forces() { return forces == null ? null : forces.clone(); }
    /** Whether the frame carries forces. */
    public boolean hasForces() { return forces != null; }
    /** shape: 3×3, eV, or null. */
    public double[] virial() { return virial == null ? null : virial.clone(); }
    /** shape: nfparam, or null. */
    public double[] fparam() { return fparam == null ? null : fparam.clone(); }
    /** shape: natoms×naparam, or null. */
    public double[] aparam() { return aparam == null ? null : aparam.clone(); }
    // Package-private views without copies, for FrameId's hashing (read-only by contract).
    int[] atomicNumbersRef() { return atomicNumbers; }
    String[] typeLabelsRef() { return typeLabels; }
    double[] positionsRef() { return positions; }
    double[] cellRef() { return cell; }
    boolean[] pbcRef() { return pbc; }
    double[] forcesRef() { return forces; }
    double[] virialRef() { return virial; }
    double[] fparamRef() { return fparam; }
    double[] aparamRef() { return aparam; }

    /**
     * The first non-finite number of the frame as {@code "forces[row 2, component 1] is NaN"} (positions, forces,
     * cell, virial, fparam, aparam, in that order; rows of 3 for the vector fields), or null when all are finite.
     * Checks without copying the arrays.
     */
    public String firstNonFinite() {
        String bad = nonFinite("positions", positions, 3);
        if (bad == null) bad = nonFinite("forces", forces, 3);
        if (bad == null) bad = nonFinite("cell", cell, 3);
        if (bad == null) bad = nonFinite("virial", virial, 3);
        if (bad == null) bad = nonFinite("fparam", fparam, 1);
        if (bad == null) bad = nonFinite("aparam", aparam, 1);
        return bad;
    }

    private static String nonFinite(String what, double[] a, int width) {
        if (a == null) {
            return null;
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                String where = width == 1 ? "[" + i + "]" : "[row " + (i / width) + ", component " + (i % width) + "]";
                return what + where + " is " + a[i];
            }
        }
        return null;
    }

    /** Whether any direction is periodic. */
    public boolean periodic() { return pbc[0] || pbc[1] || pbc[2]; }

    /** Hill formula ({@code C} then {@code H} first when carbon is present, else alphabetical), e.g. {@code H128O64}. */
    public String formula() {
        return Formula.hill(atomicNumbers);
    }

    /** Content id: see {@link FrameId}. */
    public String id() {
        return FrameId.of(this);
    }

    /** Cell volume in Å³ (|det h|), or NaN for a molecule. */
    public double volume() {
        return cell == null ? Double.NaN : Math.abs(CellMath.determinant(cell));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Frame f)) {
            return false;
        }
        return sourceIndex == f.sourceIndex && dataset.equals(f.dataset) && sourceFile.equals(f.sourceFile)
                && Arrays.equals(atomicNumbers, f.atomicNumbers) && Arrays.equals(typeLabels, f.typeLabels)
                && Arrays.equals(positions, f.positions) && Arrays.equals(cell, f.cell)
                && Arrays.equals(pbc, f.pbc) && Objects.equals(energy, f.energy)
                && Arrays.equals(forces, f.forces) && Arrays.equals(virial, f.virial)
                && Arrays.equals(fparam, f.fparam) && Arrays.equals(aparam, f.aparam);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataset, sourceFile, sourceIndex, Arrays.hashCode(positions), energy);
    }

    @Override
    public String toString() {
        return "Frame[" + dataset + " " + sourceFile + "#" + sourceIndex + " " + formula() + " E=" + energy + "]";
    }

    /** Mutable builder; {@link #build()} checks shapes and throws {@link IllegalArgumentException} naming the field. */
    public static final class Builder {
        private String dataset;
        private String sourceFile;
        private int sourceIndex;
        private int[] atomicNumbers;
        private String[] typeLabels;
        private double[] positions;
        private double[] cell;
        private boolean[] pbc;
        private Double energy;
        private double[] forces;
        private double[] virial;
        private double[] fparam;
        private double[] aparam;

        public Builder dataset(String v) { dataset = v; return this; }
        public Builder sourceFile(String v) { sourceFile = v; return this; }
        public Builder sourceIndex(int v) { sourceIndex = v; return this; }
        public Builder atomicNumbers(int[] v) { atomicNumbers = v; return this; }
        public Builder typeLabels(String[] v) { typeLabels = v; return this; }
        public Builder positions(double[] v) { positions = v; return this; }
        public Builder cell(double[] v) { cell = v; return this; }
        public Builder pbc(boolean[] v) { pbc = v; return this; }
        public Builder energy(Double v) { energy = v; return this; }
        public Builder forces(double[] v) { forces = v; return this; }
        public Builder virial(double[] v) { virial = v; return this; }
        public Builder fparam(double[] v) { fparam = v; return this; }
        public Builder aparam(double[] v) { aparam = v; return this; }

        public Frame build() {
            return new Frame(this);
        }
    }
}
