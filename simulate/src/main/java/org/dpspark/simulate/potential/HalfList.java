package org.dpspark.simulate.potential;

import java.util.Arrays;
import org.dpspark.model.neighbor.NeighborList;

/**
 * Half neighbour list with ghost atoms, derived from a full {@link NeighborList}, for pair potentials that
 * use Newton's third law (each pair once, force added to both atoms).
 *
 * <p>Each unordered pair {i, j, n} of the full list is kept once: from the centre i when j &gt; i, or, for a
 * periodic image of the centre itself (j == i), when the shift n is lexicographically positive. A neighbour
 * seen through a non-zero cell shift n is represented by a <em>ghost</em>: an extra atom at r_j + n·h that
 * belongs to {@code owner(g) = j} (as LAMMPS does). The kernel then computes r_i − r_j from one flat extended
 * position array {@code xext} (shape (natoms+nghost)×3, Å) with no shift arithmetic in the inner loop; after
 * the kernel, ghost forces are folded back onto their owners.
 *
 * <p>Lifecycle: {@link #rebuild} when the full list was rebuilt (cell fixed in between), {@link #refresh} every
 * step before the kernel (copies positions, moves the ghosts with their owners), {@link #fold} after it.
 * Buffers grow only on rebuild; refresh/fold allocate nothing. {@link HalfListBuilder} fills it directly
 * (without a full list) for orthorhombic periodic boxes, the fast path of the MD engine.
 */
public final class HalfList {
    int natoms;
    int nghost;
    int[] offsets = new int[1];
    int[] neighbors = new int[0];
    int[] ghostOwner = new int[0];
    double[] ghostShift = new double[0];
    double[] xext = new double[0];
    double[] fext = new double[0];
    private int[] table = new int[0];

    /** Number of local atoms. */
    public int natoms() { return natoms; }

    /** Number of ghost atoms. */
    public int nghost() { return nghost; }

    /** Number of pairs. */
    public int npairs() { return offsets[natoms]; }

    /** Offsets into {@link #neighborArray()}, length natoms+1: pairs of centre i are [off[i], off[i+1]). */
    public int[] offsetArray() { return offsets; }

    /** Neighbour index into the extended arrays (&lt; natoms: local atom; ≥ natoms: ghost). */
    public int[] neighborArray() { return neighbors; }

    /** Extended positions, (natoms+nghost)×3 Å, valid after {@link #refresh}. */
    public double[] extendedPositions() { return xext; }

    /** Extended force accumulator, (natoms+nghost)×3 eV/Å; zeroed by {@link #refresh}. */
    public double[] extendedForces() { return fext; }

    /** Owner (local atom) of ghost g (0-based ghost index). */
    public int ghostOwner(int g) { return ghostOwner[g]; }

    /** Atom behind an extended index: itself when local, the owner when a ghost. */
    public int owner(int jext) { return jext < natoms ? jext : ghostOwner[jext - natoms]; }

    /**
     * Rebuilds from a full list.
     *
     * @param nl full list (indices and integer shifts are used, its vectors are not)
     * @param cell 3×3 rows = cell vectors, Å, or null when no entry has a shift
     */
    public void rebuild(NeighborList nl, double[] cell) {
        int n = nl.natoms();
        natoms = n;
        int[] idx = nl.indexArray();
        int[] sh = nl.shiftArray();
        int m = 0;
        for (int p = 0; p < 3 * nl.size(); p++) {
            m = Math.max(m, Math.abs(sh[p]));
        }
        int k = 2 * m + 1;
        int codes = k * k * k;
        long tableSize = (long) n * codes;
        if (tableSize > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many periodic images for the ghost table: " + tableSize);
        }
        if (table.length < tableSize) {
            table = new int[(int) tableSize];
        }
        Arrays.fill(table, 0, (int) tableSize, -1);
        if (offsets.length < n + 1) {
            offsets = new int[n + 1];
        }
        if (neighbors.length < nl.size() / 2 + n) {
            neighbors = new int[nl.size() / 2 + n + 16];
        }
        nghost = 0;
        int np = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = np;
            for (int p = nl.start(i); p < nl.end(i); p++) {
                int j = idx[p];
                int s0 = sh[3 * p], s1 = sh[3 * p + 1], s2 = sh[3 * p + 2];
                boolean zero = s0 == 0 && s1 == 0 && s2 == 0;
                boolean keep = j > i || (j == i && !zero && lexPositive(s0, s1, s2));
                if (!keep) {
                    continue;
                }
                int jext = j;
                if (!zero) {
                    int code = ((s0 + m) * k + (s1 + m)) * k + (s2 + m);
                    int slot = j * codes + code;
                    int g = table[slot];
                    if (g < 0) {
                        g = addGhost(j, s0, s1, s2, cell);
                        table[slot] = g;
                    }
                    jext = n + g;
                }
                neighbors[np++] = jext;
            }
        }
        offsets[n] = np;
        int ext = 3 * (n + nghost);
        if (xext.length < ext) {
            xext = new double[ext + ext / 8];
            fext = new double[ext + ext / 8];
        }
    }

    /** Ensures room for the extended arrays after a build (package-private, for {@link HalfListBuilder}). */
    void ensureExtended() {
        int ext = 3 * (natoms + nghost);
        if (xext.length < ext) {
            xext = new double[ext + ext / 8];
            fext = new double[ext + ext / 8];
        }
    }

    static boolean lexPositive(int s0, int s1, int s2) {
        return s0 > 0 || (s0 == 0 && (s1 > 0 || (s1 == 0 && s2 > 0)));
    }

    private int addGhost(int owner, int s0, int s1, int s2, double[] h) {
        if (nghost == ghostOwner.length) {
            int cap = Math.max(64, 2 * nghost);
            ghostOwner = Arrays.copyOf(ghostOwner, cap);
            ghostShift = Arrays.copyOf(ghostShift, 3 * cap);
        }
        ghostOwner[nghost] = owner;
        for (int b = 0; b < 3; b++) {
            ghostShift[3 * nghost + b] = s0 * h[b] + s1 * h[3 + b] + s2 * h[6 + b];
        }
        return nghost++;
    }

    /** Copies positions (natoms×3, Å) into the extended array, places the ghosts and zeroes the forces. */
    public void refresh(double[] positions) {
        int n3 = 3 * natoms;
        System.arraycopy(positions, 0, xext, 0, n3);
        for (int g = 0; g < nghost; g++) {
            int o = 3 * ghostOwner[g];
            int d = n3 + 3 * g;
            xext[d] = positions[o] + ghostShift[3 * g];
            xext[d + 1] = positions[o + 1] + ghostShift[3 * g + 1];
            xext[d + 2] = positions[o + 2] + ghostShift[3 * g + 2];
        }
        Arrays.fill(fext, 0, 3 * (natoms + nghost), 0.0);
    }

    /** Writes local + folded ghost forces into {@code forces} (natoms×3, eV/Å), overwriting it. */
    public void fold(double[] forces) {
        int n3 = 3 * natoms;
        System.arraycopy(fext, 0, forces, 0, n3);
        for (int g = 0; g < nghost; g++) {
            int o = 3 * ghostOwner[g];
            int s = n3 + 3 * g;
            forces[o] += fext[s];
            forces[o + 1] += fext[s + 1];
            forces[o + 2] += fext[s + 2];
        }
    }
}
