package org.dpspark.model.env;

import java.util.Arrays;
import org.dpspark.model.neighbor.NeighborList;

/**
 * The smooth environment matrix of Deep Potential se_e2_a, exactly in DeePMD-kit's convention
 * (dpmodel {@code EnvMat}/{@code _make_env_mat}, C++ {@code env_mat_a_cpu}, {@code format_nlist_i_cpu}).
 *
 * <p>For centre i the {@code nnei = Σ sel} slots are grouped by neighbour type (type 0 first), each
 * group holding the neighbours of that type sorted by distance (see {@link SlotSorter}) and padded to
 * {@code sel[t]}. Slot row for neighbour j with r_ij = r_j − r_i, r = |r_ij|, w = {@link SmoothSwitch}:
 * <pre>  R_j = ( w/r, w·x/r², w·y/r², w·z/r² )      (Å⁻¹)</pre>
 * i.e. (s, s·x/r, s·y/r, s·z/r) with s = w/r. Padding rows are 0 and their neighbour index is −1.
 * Neighbours beyond {@code sel[t]} are dropped (the farthest ones) and counted, never silently.
 *
 * <p>Derivative: {@code deriv[slot][c][b] = ∂R_{slot,c}/∂(r_ij)_b} (Å⁻²), the derivative with respect
 * to the relative position r_ij, i.e. with respect to the neighbour position r_j; the derivative with
 * respect to the centre r_i is its negative. (DeePMD-kit's C++ {@code descrpt_a_deriv} stores the
 * derivative with respect to the centre, i.e. the negative of this, with the same [slot][c][b] layout.)
 *
 * <p>Raw (unnormalised) output; {@link EnvNormalization} applies (R − davg)/dstd.
 * Not thread-safe (scratch buffers); use one instance per thread.
 */
public final class SeAEnvironment {
    private final double rcut;
    private final double rcutSmth;
    private final int[] sel;
    private final int[] selOffset;
    private final int nnei;
    private final SlotSorter sorter = new SlotSorter();
    private int[] order = new int[128];
    private int[] fill;

    /**
     * @param rcut r_c, Å
     * @param rcutSmth r_s, Å (0 ≤ r_s &lt; r_c)
     * @param sel slots per neighbour type (length = ntypes)
     */
    public SeAEnvironment(double rcut, double rcutSmth, int[] sel) {
        if (!(rcutSmth >= 0 && rcutSmth < rcut)) {
            throw new IllegalArgumentException("need 0 <= rcut_smth < rcut, got " + rcutSmth + ", " + rcut);
        }
        this.rcut = rcut;
        this.rcutSmth = rcutSmth;
        this.sel = sel.clone();
        this.selOffset = new int[sel.length + 1];
        for (int t = 0; t < sel.length; t++) {
            if (sel[t] < 0) {
                throw new IllegalArgumentException("negative sel " + Arrays.toString(sel));
            }
            selOffset[t + 1] = selOffset[t] + sel[t];
        }
        this.nnei = selOffset[sel.length];
        this.fill = new int[sel.length];
    }

    public double rcut() { return rcut; }
    public double rcutSmth() { return rcutSmth; }
    public int[] sel() { return sel.clone(); }
    public int ntypes() { return sel.length; }
    /** Σ sel, slots per atom. */
    public int nnei() { return nnei; }
    /** First slot of neighbour type t. */
    public int selOffset(int t) { return selOffset[t]; }

    /**
     * Environment matrix of one centre atom into caller-owned arrays.
     *
     * @param i centre atom
     * @param types type index per atom (0..ntypes-1), length natoms
     * @param nl neighbour list built with a cutoff ≥ rcut
     * @param env receives nnei×4 values at {@code envOff}, Å⁻¹
     * @param deriv receives nnei×4×3 values at {@code derivOff} (∂R/∂r_ij, Å⁻²); may be null
     * @param rij receives nnei×3 relative vectors at {@code rijOff} (0 for padding), Å; may be null
     * @param nlist receives nnei neighbour atom indices at {@code nlistOff} (−1 for padding); may be null
     * @param counts receives the true number of neighbours of each type within rcut (ntypes); may be null
     * @return the number of neighbours dropped because a type had more than {@code sel[t]}
     */
    public int computeAtom(int i, int[] types, NeighborList nl, double[] env, int envOff, double[] deriv, int derivOff,
            double[] rij, int rijOff, int[] nlist, int nlistOff, int[] counts) {
        return computeAtom(i, types, nl, env, envOff, deriv, derivOff, rij, rijOff, nlist, nlistOff, null, 0, counts);
    }

    /**
     * As {@link #computeAtom(int, int[], NeighborList, double[], int, double[], int, double[], int, int[], int, int[])},
     * also writing the neighbour-list entry p of every slot into {@code entries} at {@code entriesOff}
     * (−1 for padding), which identifies the periodic image ({@link NeighborList#shift}).
     */
    public int computeAtom(int i, int[] types, NeighborList nl, double[] env, int envOff, double[] deriv, int derivOff,
            double[] rij, int rijOff, int[] nlist, int nlistOff, int[] entries, int entriesOff, int[] counts) {
        if (nl.rcut() < rcut) {
            throw new IllegalArgumentException("neighbour list cutoff " + nl.rcut() + " < rcut " + rcut);
        }
        int m = nl.count(i);
        if (order.length < m) {
            order = new int[Math.max(m, 2 * order.length)];
        }
        sorter.sort(i, types, nl, order);
        Arrays.fill(fill, 0);
        if (counts != null) Arrays.fill(counts, 0, sel.length, 0);
        int dropped = 0;
        int[] idx = nl.indexArray();
        double[] vec = nl.vecArray();
        double[] dist = nl.distanceArray();
        for (int k = 0; k < m; k++) {
            int p = order[k];
            double r = dist[p];
            if (r >= rcut) continue; // list may have been built with a larger cutoff
            int j = idx[p];
            int t = types[j];
            if (counts != null) counts[t]++;
            if (fill[t] >= sel[t]) {
                dropped++;
                continue;
            }
            int slot = selOffset[t] + fill[t]++;
            double x = vec[3 * p], y = vec[3 * p + 1], z = vec[3 * p + 2];
            writeSlot(x, y, z, r, env, envOff + 4 * slot, deriv, derivOff + 12 * slot);
            if (rij != null) {
                rij[rijOff + 3 * slot] = x;
                rij[rijOff + 3 * slot + 1] = y;
                rij[rijOff + 3 * slot + 2] = z;
            }
            if (nlist != null) nlist[nlistOff + slot] = j;
            if (entries != null) entries[entriesOff + slot] = p;
        }
        // padding: only the slots not filled above are cleared
        for (int t = 0; t < sel.length; t++) {
            int a = selOffset[t] + fill[t], b = selOffset[t + 1];
            if (a == b) continue;
            Arrays.fill(env, envOff + 4 * a, envOff + 4 * b, 0.0);
            if (deriv != null) Arrays.fill(deriv, derivOff + 12 * a, derivOff + 12 * b, 0.0);
            if (rij != null) Arrays.fill(rij, rijOff + 3 * a, rijOff + 3 * b, 0.0);
            if (nlist != null) Arrays.fill(nlist, nlistOff + a, nlistOff + b, -1);
            if (entries != null) Arrays.fill(entries, entriesOff + a, entriesOff + b, -1);
        }
        return dropped;
    }

    /** Fills one slot row (and its derivative block when {@code deriv != null}) for displacement (x,y,z), r = |·|. */
    void writeSlot(double x, double y, double z, double r, double[] env, int e, double[] deriv, int d) {
        writeSlot(rcutSmth, rcut, x, y, z, r, env, e, deriv, d);
    }

    /**
     * One se_e2_a slot: the row (s, s·x/r, s·y/r, s·z/r) with s = w(r)/r at {@code env[e..e+3]} and, when
     * {@code deriv != null}, its derivative with respect to the displacement (4×3, row-major) at
     * {@code deriv[d..d+11]}; the single place of this arithmetic (MD's {@code VerletSlots} calls it too, so that
     * its rows are bitwise featurize's).
     *
     * @param rcutSmth r_s, rcut r_c (Å); (x, y, z) displacement to the neighbour (Å), r its length
     */
    public static void writeSlot(double rcutSmth, double rcut, double x, double y, double z, double r, double[] env, int e,
            double[] deriv, int d) {
        double w = SmoothSwitch.value(r, rcutSmth, rcut);
        double r2 = r * r;
        // value as dpmodel: t0 = 1/r, t1 = d/r², times the weight
        env[e] = w / r;
        env[e + 1] = w * (x / r2);
        env[e + 2] = w * (y / r2);
        env[e + 3] = w * (z / r2);
        if (deriv == null) return;
        double dw = SmoothSwitch.derivative(r, rcutSmth, rcut);
        double inr = 1.0 / r;
        double inr2 = inr * inr;
        double inr4 = inr2 * inr2;
        // ∂(w/r)/∂u_b = (w' /r − w/r²)·u_b/r
        double c0 = (dw * inr - w * inr2) * inr;
        deriv[d] = c0 * x;
        deriv[d + 1] = c0 * y;
        deriv[d + 2] = c0 * z;
        // ∂(w u_a/r²)/∂u_b = w(δ_ab/r² − 2u_a u_b/r⁴) + (u_a/r²)·w'·u_b/r, written out per (a, b) with the
        // products grouped exactly as ((2u_a)u_b)r⁻⁴ and (((u_a r⁻²)w')u_b)r⁻¹
        double qx = 2.0 * x, qy = 2.0 * y, qz = 2.0 * z;
        double px = x * inr2 * dw, py = y * inr2 * dw, pz = z * inr2 * dw;
        deriv[d + 3] = w * (inr2 - qx * x * inr4) + px * x * inr;
        deriv[d + 4] = w * (0.0 - qx * y * inr4) + px * y * inr;
        deriv[d + 5] = w * (0.0 - qx * z * inr4) + px * z * inr;
        deriv[d + 6] = w * (0.0 - qy * x * inr4) + py * x * inr;
        deriv[d + 7] = w * (inr2 - qy * y * inr4) + py * y * inr;
        deriv[d + 8] = w * (0.0 - qy * z * inr4) + py * z * inr;
        deriv[d + 9] = w * (0.0 - qz * x * inr4) + pz * x * inr;
        deriv[d + 10] = w * (0.0 - qz * y * inr4) + pz * y * inr;
        deriv[d + 11] = w * (inr2 - qz * z * inr4) + pz * z * inr;
    }

    /** Environment matrices of all atoms of a frame into {@code out} (resized as needed). */
    public SeAFrame computeFrame(int[] types, NeighborList nl, SeAFrame out) {
        int n = nl.natoms();
        if (types.length != n) {
            throw new IllegalArgumentException("types has " + types.length + " entries for " + n + " atoms");
        }
        SeAFrame f = out == null ? new SeAFrame() : out;
        f.resize(n, nnei, sel.length);
        int[] counts = new int[sel.length];
        for (int i = 0; i < n; i++) {
            int dropped = computeAtom(i, types, nl, f.env, 4 * nnei * i, f.deriv, 12 * nnei * i, f.rij, 3 * nnei * i,
                    f.nlist, nnei * i, counts);
            System.arraycopy(counts, 0, f.counts, sel.length * i, sel.length);
            if (dropped > 0) {
                for (int t = 0; t < sel.length; t++) {
                    int excess = counts[t] - sel[t];
                    if (excess > 0) {
                        f.atomsOverflowed[t]++;
                        f.neighboursDropped[t] += excess;
                    }
                }
            }
        }
        return f;
    }
}
