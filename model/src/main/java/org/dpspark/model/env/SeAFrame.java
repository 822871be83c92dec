package org.dpspark.model.env;

import java.util.Arrays;

/**
 * se_e2_a environment matrices of one frame in flat arrays (reusable; grown, never shrunk).
 * n = natoms, N = nnei = Σ sel, T = ntypes.
 * <ul>
 *   <li>{@code env}: n×N×4, Å⁻¹ (raw, or normalised after {@link EnvNormalization#apply})</li>
 *   <li>{@code deriv}: n×N×4×3, ∂env/∂r_ij (Å⁻²)</li>
 *   <li>{@code rij}: n×N×3, r_j − r_i per slot (0 for padding), Å</li>
 *   <li>{@code nlist}: n×N, neighbour atom index per slot (−1 for padding; images map to their atom)</li>
 *   <li>{@code counts}: n×T, true number of neighbours of each type within r_c (before truncation to sel)</li>
 *   <li>{@code atomsOverflowed}, {@code neighboursDropped}: T, atoms with more than sel[t] type-t neighbours and
 *       the neighbours dropped from them</li>
 * </ul>
 */
public final class SeAFrame {
    int natoms;
    int nnei;
    int ntypes;
    double[] env = new double[0];
    double[] deriv = new double[0];
    double[] rij = new double[0];
    int[] nlist = new int[0];
    int[] counts = new int[0];
    int[] atomsOverflowed = new int[0];
    long[] neighboursDropped = new long[0];

    void resize(int n, int nn, int nt) {
        natoms = n;
        nnei = nn;
        ntypes = nt;
        if (env.length < n * nn * 4) env = new double[n * nn * 4];
        if (deriv.length < n * nn * 12) deriv = new double[n * nn * 12];
        if (rij.length < n * nn * 3) rij = new double[n * nn * 3];
        if (nlist.length < n * nn) nlist = new int[n * nn];
        if (counts.length < n * nt) counts = new int[n * nt];
        if (atomsOverflowed.length != nt) {
            atomsOverflowed = new int[nt];
            neighboursDropped = new long[nt];
        }
        Arrays.fill(atomsOverflowed, 0);
        Arrays.fill(neighboursDropped, 0);
    }

    public int natoms() { return natoms; }
    public int nnei() { return nnei; }
    public int ntypes() { return ntypes; }
    /** Backing arrays (length may exceed the used n×N×… prefix). */
    public double[] env() { return env; }
    public double[] deriv() { return deriv; }
    public double[] rij() { return rij; }
    public int[] nlist() { return nlist; }
    public int[] counts() { return counts; }
    public int[] atomsOverflowed() { return atomsOverflowed.clone(); }
    public long[] neighboursDropped() { return neighboursDropped.clone(); }

    /** True when some atom had more neighbours of some type than sel allows. */
    public boolean overflowed() {
        for (int c : atomsOverflowed) {
            if (c > 0) return true;
        }
        return false;
    }

    /** Largest count of type-t neighbours of any atom in the frame. */
    public int maxCount(int t) {
        int m = 0;
        for (int i = 0; i < natoms; i++) m = Math.max(m, counts[ntypes * i + t]);
        return m;
    }

    /** Row c (0..3) of slot s of atom i. */
    public double env(int i, int s, int c) { return env[(i * nnei + s) * 4 + c]; }

    /** ∂env[i][s][c]/∂(r_ij)_b. */
    public double deriv(int i, int s, int c, int b) { return deriv[((i * nnei + s) * 4 + c) * 3 + b]; }

    /** Neighbour atom of slot s of atom i, −1 for padding. */
    public int neighbor(int i, int s) { return nlist[i * nnei + s]; }
}
