package org.dpspark.model.eval;

import java.util.Arrays;
import org.dpspark.core.JobConfig;
import org.dpspark.model.env.SeAEnvironment;
import org.dpspark.model.env.SlotSorter;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;

/**
 * The se_e2_a slot assignment of every atom ({@link SeAEnvironment#computeAtom}'s output: slots grouped by
 * neighbour type, each group sorted by (distance, atom index, cell shift), padded to {@code sel}), kept up to date
 * across MD steps with a Verlet list instead of a neighbour search per step.
 *
 * <p>Method. At a rebuild, featurize's {@link NeighborListBuilder} finds every (j, image n) within r_c + skin of
 * each atom, and {@link SlotSorter} orders them by (type of j, distance, j, n); the integer images n are kept. Each
 * later call recomputes every candidate's displacement exactly as the builder does,
 * {@code d = r_j − r_i + n₀·h₀ + n₁·h₁ + n₂·h₂} (so bitwise the builder's value for the same (j, n)), and restores
 * the order with an insertion sort of the previous order (nearly sorted: O(candidates) per atom). The entries with
 * r &lt; r_c then fill the slots as {@link SeAEnvironment#computeAtom} fills them from a fresh list: no pair within
 * r_c can be missing while no atom has moved more than skin/2 since the rebuild (so the set, the order and every
 * value are those of the per-step search). A rebuild happens at the first call, when the atom count, the types or
 * the cell changed, or when an atom moved more than skin/2 (or a position is not finite).
 *
 * <p>Allocation: none between rebuilds; a rebuild allocates only when the list outgrows its arrays. Not
 * thread-safe; one instance per evaluator.
 */
public final class VerletSlots {
    /** Default Verlet skin of Deep Potential evaluators, Å: {@code simulate.skin} of dpspark-defaults.conf. */
    public static final double DEFAULT_SKIN = JobConfig.defaults().getDouble("simulate.skin");

    private final double rcut;
    private final double rcutSmth;
    private final double skin;
    private final int ntypes;
    private final int[] sel;
    private final int[] selOffset;
    private final NeighborListBuilder builder;
    private final NeighborList nl = new NeighborList();
    private final SlotSorter sorter = new SlotSorter();
    private final int[] fill;
    private int natoms = -1;
    private int rebuilds;
    private int adoptions;
    /** The caller's list adopted last (null: the own list is in use). */
    private NeighborList adopted;
    private double[] reference = new double[0];
    private int[] refTypes = new int[0];
    private final double[] refCell = new double[9];
    private boolean refHasCell;
    /** Candidate range of atom i: [off[i], off[i+1]). */
    private int[] off = new int[1];
    /** Per candidate, in its rebuild order: neighbour atom, integer image (3). */
    private int[] cj = new int[0];
    private int[] csh = new int[0];
    /** Per candidate: current displacement (3), Å, and distance, Å. */
    private double[] cvec = new double[0];
    private double[] cr = new double[0];
    /** Per atom, candidates (indices into the arrays above) in (type, distance, j, image) order. */
    private int[] ord = new int[0];
    /** Type-group boundaries within ord: atom i, type t spans [grp[i·(T+1)+t], grp[i·(T+1)+t+1]). */
    private int[] grp = new int[0];
    private int[] scratch = new int[64];

    /**
     * @param rcut r_c, Å
     * @param rcutSmth r_s, Å
     * @param sel slots per neighbour type
     * @param skin Verlet skin, Å (&gt; 0)
     */
    public VerletSlots(double rcut, double rcutSmth, int[] sel, double skin) {
        if (!(skin > 0) || Double.isInfinite(skin)) throw new IllegalArgumentException("skin must be > 0: " + skin);
        new SeAEnvironment(rcut, rcutSmth, sel); // validates the arguments as featurize does
        this.rcut = rcut;
        this.rcutSmth = rcutSmth;
        this.skin = skin;
        this.sel = sel.clone();
        ntypes = sel.length;
        selOffset = new int[ntypes + 1];
        for (int t = 0; t < ntypes; t++) selOffset[t + 1] = selOffset[t] + sel[t];
        fill = new int[ntypes];
        builder = new NeighborListBuilder(rcut + skin);
    }

    /** Number of own list builds so far. */
    public int rebuilds() { return rebuilds; }

    /** Number of times a caller's list was adopted (its entries changed). */
    public int adoptions() { return adoptions; }

    /**
     * Brings the candidates up to date with the positions (rebuilding the list when needed), then recomputes
     * every candidate's displacement and distance and restores their order.
     *
     * @param positions n×3, Å
     * @param cell 3×3 row-major, Å, periodic in all directions; null for a molecule
     * @param types type per atom (n)
     */
    public void update(double[] positions, double[] cell, int[] types) {
        update(positions, cell, types, null);
    }

    /**
     * As {@link #update(double[], double[], int[])}, taking the candidates from a Verlet list that the caller keeps
     * valid for these positions (the MD engine's: radius ≥ r_c, holding every pair within r_c, images valid for the
     * current unwrapped positions) instead of building one: its entries are adopted (and sorted) whenever they
     * differ from the ones adopted last, which is checked entry by entry (integers only), so no second list is
     * built at the engine's rebuilds. A null or too short list falls back to the own Verlet list. The caller's
     * list also decides the periodicity (the engine's follows the structure's pbc flags; the own list treats a cell
     * as periodic in all three directions, as the evaluators always did): the same for the usual fully periodic
     * boxes and molecules, not for a cell with a non-periodic direction.
     *
     * @param verlet the caller's neighbour list, or null
     */
    public void update(double[] positions, double[] cell, int[] types, NeighborList verlet) {
        int n = types.length;
        if (verlet != null && verlet.rcut() >= rcut && verlet.natoms() == n) {
            if (adopted != verlet || needsAdopt(verlet, cell, types, n)) adopt(verlet, cell, types, n);
        } else if (adopted != null || needsRebuild(positions, cell, types, n)) {
            adopted = null;
            rebuild(positions, cell, types, n);
        }
        double h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0, h8 = 0;
        if (cell != null) {
            h0 = cell[0]; h1 = cell[1]; h2 = cell[2]; h3 = cell[3]; h4 = cell[4]; h5 = cell[5]; h6 = cell[6];
            h7 = cell[7]; h8 = cell[8];
        } else {
            h0 = h4 = h8 = 1.0; // the builder's h = I for molecules (images are all 0)
        }
        int g = ntypes + 1;
        for (int i = 0; i < n; i++) {
            double xi = positions[3 * i], yi = positions[3 * i + 1], zi = positions[3 * i + 2];
            for (int p = off[i]; p < off[i + 1]; p++) {
                int j = cj[p];
                int t0 = csh[3 * p], t1 = csh[3 * p + 1], t2 = csh[3 * p + 2];
                double dx = positions[3 * j] - xi + t0 * h0 + t1 * h3 + t2 * h6;
                double dy = positions[3 * j + 1] - yi + t0 * h1 + t1 * h4 + t2 * h7;
                double dz = positions[3 * j + 2] - zi + t0 * h2 + t1 * h5 + t2 * h8;
                cvec[3 * p] = dx;
                cvec[3 * p + 1] = dy;
                cvec[3 * p + 2] = dz;
                cr[p] = Math.sqrt(dx * dx + dy * dy + dz * dz);
            }
            for (int t = 0; t < ntypes; t++) insertionSort(grp[i * g + t], grp[i * g + t + 1]);
        }
    }

    /**
     * The slots of centre i after {@link #update}, as {@link SeAEnvironment#computeAtom} writes them (same values,
     * bitwise; padding rows 0, index −1).
     *
     * @param env receives nnei×4 environment rows at 0, Å⁻¹; may be null
     * @param deriv receives nnei×12 derivatives ∂R/∂r_ij at 0, Å⁻²; may be null
     * @param rij receives nnei×3 displacements at {@code rijOff}, Å; may be null
     * @param nlist receives nnei neighbour indices at {@code nlistOff}; may be null
     * @param counts receives the number of neighbours of each type within r_c (ntypes); may be null
     * @return neighbours within r_c that did not fit in sel
     */
    public int computeAtom(int i, double[] env, double[] deriv, double[] rij, int rijOff, int[] nlist, int nlistOff,
            int[] counts) {
        int dropped = computeRealSlots(i, env, deriv, rij, rijOff, nlist, nlistOff, counts);
        for (int t = 0; t < ntypes; t++) {
            int a = selOffset[t] + fill[t], b = selOffset[t + 1];
            if (a == b) continue;
            if (env != null) Arrays.fill(env, 4 * a, 4 * b, 0.0);
            if (env != null && deriv != null) Arrays.fill(deriv, 12 * a, 12 * b, 0.0);
            if (rij != null) Arrays.fill(rij, rijOff + 3 * a, rijOff + 3 * b, 0.0);
            if (nlist != null) Arrays.fill(nlist, nlistOff + a, nlistOff + b, -1);
        }
        return dropped;
    }

    /**
     * As {@link #computeAtom}, writing the real slots only (the first min(counts[t], sel[t]) of each type group);
     * padding entries are left as they were (for a caller that never reads them).
     */
    public int computeRealSlots(int i, double[] env, double[] deriv, double[] rij, int rijOff, int[] nlist,
            int nlistOff, int[] counts) {
        int g = ntypes + 1;
        int dropped = 0;
        for (int t = 0; t < ntypes; t++) {
            int f = 0, c = 0;
            for (int k = grp[i * g + t]; k < grp[i * g + t + 1]; k++) {
                int p = ord[k];
                double r = cr[p];
                if (r >= rcut) continue;
                c++;
                if (f >= sel[t]) {
                    dropped++;
                    continue;
                }
                int slot = selOffset[t] + f++;
                double x = cvec[3 * p], y = cvec[3 * p + 1], z = cvec[3 * p + 2];
                if (env != null) writeSlot(x, y, z, r, env, 4 * slot, deriv, 12 * slot);
                if (rij != null) {
                    rij[rijOff + 3 * slot] = x;
                    rij[rijOff + 3 * slot + 1] = y;
                    rij[rijOff + 3 * slot + 2] = z;
                }
                if (nlist != null) nlist[nlistOff + slot] = cj[p];
            }
            if (counts != null) counts[t] = c;
            fill[t] = f;
        }
        return dropped;
    }

    /** Candidates of ord[lo..hi) by (distance, j, image), starting from the previous order. */
    private void insertionSort(int lo, int hi) {
        for (int x = lo + 1; x < hi; x++) {
            int v = ord[x];
            double kv = cr[v];
            int y = x - 1;
            if (!less(v, kv, ord[y])) continue;
            do {
                ord[y + 1] = ord[y];
                y--;
            } while (y >= lo && less(v, kv, ord[y]));
            ord[y + 1] = v;
        }
    }

    private boolean less(int p, double dp, int q) {
        double dq = cr[q];
        if (dp != dq) return dp < dq;
        if (cj[p] != cj[q]) return cj[p] < cj[q];
        for (int a = 0; a < 3; a++) {
            if (csh[3 * p + a] != csh[3 * q + a]) return csh[3 * p + a] < csh[3 * q + a];
        }
        return false;
    }

    /** Whether the caller's list (or the frame's count, types or cell) differs from what was adopted last. */
    private boolean needsAdopt(NeighborList v, double[] cell, int[] types, int n) {
        if (n != natoms || (cell != null) != refHasCell || v.size() != off[n]) return true;
        if (cell != null) {
            for (int k = 0; k < 9; k++) if (cell[k] != refCell[k]) return true;
        }
        for (int i = 0; i < n; i++) if (types[i] != refTypes[i]) return true;
        int[] o = v.offsetArray();
        for (int i = 0; i <= n; i++) if (o[i] != off[i]) return true;
        int m = off[n];
        int[] idx = v.indexArray();
        for (int p = 0; p < m; p++) if (idx[p] != cj[p]) return true;
        int[] sh = v.shiftArray();
        for (int p = 0; p < 3 * m; p++) if (sh[p] != csh[p]) return true;
        return false;
    }

    private boolean needsRebuild(double[] positions, double[] cell, int[] types, int n) {
        if (n != natoms || (cell != null) != refHasCell) return true;
        if (cell != null) {
            for (int k = 0; k < 9; k++) if (cell[k] != refCell[k]) return true;
        }
        for (int i = 0; i < n; i++) if (types[i] != refTypes[i]) return true;
        double lim = 0.25 * skin * skin;
        for (int k = 0; k < 3 * n; k += 3) {
            double dx = positions[k] - reference[k], dy = positions[k + 1] - reference[k + 1],
                    dz = positions[k + 2] - reference[k + 2];
            if (!(dx * dx + dy * dy + dz * dz <= lim)) return true;
        }
        return false;
    }

    private void rebuild(double[] positions, double[] cell, int[] types, int n) {
        builder.build(positions, cell, null, nl);
        take(nl, positions, cell, types, n);
        rebuilds++;
    }

    private void adopt(NeighborList v, double[] cell, int[] types, int n) {
        take(v, null, cell, types, n);
        adopted = v;
        adoptions++;
    }

    /** Copies the entries of {@code nl} and sorts them; positions (for the displacement check) may be null. */
    private void take(NeighborList nl, double[] positions, double[] cell, int[] types, int n) {
        int m = nl.size();
        if (cj.length < m) {
            int cap = Math.max(m, cj.length + cj.length / 2);
            cj = new int[cap];
            csh = new int[3 * cap];
            cvec = new double[3 * cap];
            cr = new double[cap];
            ord = new int[cap];
        }
        if (off.length < n + 1) off = new int[n + 1];
        if (grp.length < n * (ntypes + 1)) grp = new int[n * (ntypes + 1)];
        if (reference.length < 3 * n) {
            reference = new double[3 * n];
            refTypes = new int[n];
        }
        System.arraycopy(nl.indexArray(), 0, cj, 0, m);
        System.arraycopy(nl.shiftArray(), 0, csh, 0, 3 * m);
        int[] idx = nl.indexArray();
        int g = ntypes + 1;
        for (int i = 0; i < n; i++) {
            int s = nl.start(i), c = nl.count(i);
            off[i] = s;
            if (scratch.length < c) scratch = new int[Math.max(c, 2 * scratch.length)];
            sorter.sort(i, types, nl, scratch);
            int k = 0;
            for (int t = 0; t < ntypes; t++) {
                grp[i * g + t] = s + k;
                while (k < c && types[idx[scratch[k]]] == t) {
                    ord[s + k] = scratch[k];
                    k++;
                }
            }
            grp[i * g + ntypes] = s + c;
            if (k != c) throw new IllegalArgumentException("atom types outside 0.." + (ntypes - 1));
        }
        off[n] = m;
        natoms = n;
        if (positions != null) System.arraycopy(positions, 0, reference, 0, 3 * n);
        System.arraycopy(types, 0, refTypes, 0, n);
        refHasCell = cell != null;
        if (cell != null) System.arraycopy(cell, 0, refCell, 0, 9);
    }

    /** {@link SeAEnvironment}'s slot row and derivative (its arithmetic, bitwise equal). */
    private void writeSlot(double x, double y, double z, double r, double[] env, int e, double[] deriv, int d) {
        SeAEnvironment.writeSlot(rcutSmth, rcut, x, y, z, r, env, e, deriv, d);
    }
}
