package org.dpspark.model.neighbor;

import java.util.Arrays;

/**
 * All neighbours within a cutoff, stored CSR-style in flat arrays (no per-pair objects).
 *
 * <p>For centre atom {@code i} the neighbour entries are {@code p = start(i) .. end(i)-1}. Entry {@code p}
 * is the periodic image of atom {@code neighbor(p)} translated by the integer cell shift
 * {@code (shift(p,0), shift(p,1), shift(p,2))}; its displacement from the centre is
 * <pre>  r_ij = r_j + n·h − r_i   (Å, shape 3)</pre>
 * computed from the positions exactly as given (not wrapped), with {@code h} the cell (rows = cell vectors).
 * A periodic image of the centre itself ({@code neighbor(p) == i}, n ≠ 0) is a neighbour like any other;
 * the centre itself (n = 0) is not. The pair is included when |r_ij| &lt; rcut (strict, as DeePMD-kit's
 * {@code neighbor_stat}; a pair exactly at rcut has zero weight in every smooth descriptor anyway).
 * The order of entries within an atom is unspecified; consumers sort as they need.
 *
 * <p>Mutable and reusable: {@link NeighborListBuilder#build} refills it, growing the arrays only when needed.
 */
public final class NeighborList {
    int natoms;
    double rcut;
    int[] offsets = new int[1];
    int size;
    int[] index = new int[0];
    int[] shift = new int[0];
    double[] vec = new double[0];
    double[] dist = new double[0];

    /** Number of centre atoms. */
    public int natoms() { return natoms; }

    /** Cutoff (Å) the list was built with. */
    public double rcut() { return rcut; }

    /** Total number of (directed) neighbour entries. */
    public int size() { return size; }

    /** First entry of atom i. */
    public int start(int i) { return offsets[i]; }

    /** One past the last entry of atom i. */
    public int end(int i) { return offsets[i + 1]; }

    /** Number of neighbours of atom i. */
    public int count(int i) { return offsets[i + 1] - offsets[i]; }

    /** Largest neighbour count over all atoms. */
    public int maxCount() {
        int m = 0;
        for (int i = 0; i < natoms; i++) {
            m = Math.max(m, count(i));
        }
        return m;
    }

    /** Atom index j of entry p. */
    public int neighbor(int p) { return index[p]; }

    /** Integer cell shift of entry p along cell vector a (0..2). */
    public int shift(int p, int a) { return shift[3 * p + a]; }

    /** Component b (0..2) of r_ij for entry p, Å. */
    public double vec(int p, int b) { return vec[3 * p + b]; }

    /** |r_ij| of entry p, Å. */
    public double distance(int p) { return dist[p]; }

    /** Backing array of neighbour indices (length ≥ size()); read-only by convention. */
    public int[] indexArray() { return index; }

    /** Backing array of displacement vectors, entry p at [3p, 3p+3) (length ≥ 3·size()); read-only by convention. */
    public double[] vecArray() { return vec; }

    /** Backing array of distances (length ≥ size()); read-only by convention. */
    public double[] distanceArray() { return dist; }

    /** Backing array of integer shifts, entry p at [3p, 3p+3); read-only by convention. */
    public int[] shiftArray() { return shift; }

    /** Offsets array (length natoms+1); read-only by convention. */
    public int[] offsetArray() { return offsets; }

    void reset(int n, double rc) {
        natoms = n;
        rcut = rc;
        if (offsets.length < n + 1) {
            offsets = new int[n + 1];
        }
        size = 0;
    }

    /** Grows the entry arrays to hold at least {@code cap} entries (contents kept). */
    void reserve(int cap) {
        if (index.length < cap) {
            int c = Math.max(cap, index.length * 2);
            index = Arrays.copyOf(index, c);
            shift = Arrays.copyOf(shift, 3 * c);
            vec = Arrays.copyOf(vec, 3 * c);
            dist = Arrays.copyOf(dist, c);
        }
    }

    void add(int j, int n0, int n1, int n2, double dx, double dy, double dz, double r) {
        if (size == index.length) {
            int cap = Math.max(64, index.length * 2);
            index = Arrays.copyOf(index, cap);
            shift = Arrays.copyOf(shift, 3 * cap);
            vec = Arrays.copyOf(vec, 3 * cap);
            dist = Arrays.copyOf(dist, cap);
        }
        index[size] = j;
        shift[3 * size] = n0;
        shift[3 * size + 1] = n1;
        shift[3 * size + 2] = n2;
        vec[3 * size] = dx;
        vec[3 * size + 1] = dy;
        vec[3 * size + 2] = dz;
        dist[size] = r;
        size++;
    }
}
