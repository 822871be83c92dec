package org.dpspark.model.neighbor;

import java.util.Arrays;
import org.dpspark.core.CellMath;

/**
 * Builds {@link NeighborList}s with a cell (bin) list that works for every geometry:
 * orthorhombic and triclinic cells, cells narrower than the cutoff (many periodic images),
 * mixed periodicity, and molecules without a cell.
 *
 * <p>Method. Positions are taken to fractional coordinates s = r·h⁻¹ (for a molecule h = I).
 * Along each cell vector a the perpendicular width is w_a = 1/|h⁻¹[:,a]|; the atoms are put into
 * n_a = max(1, ⌊2w_a/r_c⌋) bins (periodic directions: of the wrapped s ∈ [0,1); open directions: of the
 * atoms' extent). A centre in bin b is compared with every atom of the <em>unwrapped</em> bins
 * b−k_a … b+k_a, k_a = ⌈r_c/(bin width)⌉ (so k_a = 2 for wide cells, k_a = ⌈r_c/w_a⌉ for narrow ones);
 * an unwrapped bin c is wrapped bin c mod n_a seen through the cell shift ⌊c/n_a⌋, so every periodic
 * image within r_c is visited exactly once. The displacement is always evaluated as
 * r_j + n·h − r_i from the caller's (unwrapped) positions, with n the integer shift that includes
 * the wrapping of both atoms.
 *
 * <p>Not thread-safe; one builder per thread. Buffers are reused between calls.
 */
public final class NeighborListBuilder {
    /** Bins per cutoff length: bins ≥ r_c/2 wide and k = 2 search fewer empty corners than r_c-wide bins. */
    private static final int BINS_PER_CUTOFF = 2;
    private final double rcut;
    private double[] frac = new double[0];
    private int[] wrap = new int[0];
    private int[] binOf = new int[0];
    private int[] binAtoms = new int[0];
    private int[] binStart = new int[0];
    private final double[] h = new double[9];
    /** Inverse of {@link #h} (identity for molecules), reused between builds. */
    private final double[] hinv = new double[9];
    private final int[] nb = new int[3];
    private final int[] kb = new int[3];
    private final double[] lo = new double[3];
    private final double[] span = new double[3];
    private final boolean[] periodic = new boolean[3];

    /** @param rcut cutoff radius, Å (&gt; 0) */
    public NeighborListBuilder(double rcut) {
        if (!(rcut > 0) || Double.isInfinite(rcut)) {
            throw new IllegalArgumentException("rcut must be positive and finite: " + rcut);
        }
        this.rcut = rcut;
    }

    public double rcut() { return rcut; }

    /** Builds a new list. See {@link #build(double[], double[], boolean[], NeighborList)}. */
    public NeighborList build(double[] positions, double[] cell, boolean[] pbc) {
        NeighborList out = new NeighborList();
        build(positions, cell, pbc, out);
        return out;
    }

    /**
     * Fills {@code out} with all neighbours within the cutoff.
     *
     * @param positions n×3 Cartesian positions, Å (need not be wrapped into the cell)
     * @param cell 3×3 row-major, rows = cell vectors, Å; {@code null} for a molecule
     * @param pbc 3 periodicity flags along the cell vectors; {@code null} means periodic in all three
     *        directions when a cell is given, none otherwise
     * @param out the list to refill
     */
    public void build(double[] positions, double[] cell, boolean[] pbc, NeighborList out) {
        if (positions.length % 3 != 0) {
            throw new IllegalArgumentException("positions length " + positions.length + " is not a multiple of 3");
        }
        int n = positions.length / 3;
        setupCell(cell, pbc);
        if (cell == null) {
            Arrays.fill(hinv, 0.0);
            hinv[0] = hinv[4] = hinv[8] = 1.0;
        } else {
            CellMath.inverseInto(h, hinv);
        }
        ensure(n);
        for (int i = 0; i < n; i++) {
            double x = positions[3 * i], y = positions[3 * i + 1], z = positions[3 * i + 2];
            for (int a = 0; a < 3; a++) {
                double s = x * hinv[a] + y * hinv[3 + a] + z * hinv[6 + a];
                int w = 0;
                if (periodic[a]) {
                    w = (int) Math.floor(s);
                    s -= w;
                    if (s >= 1.0) {
                        s -= 1.0;
                        w += 1;
                    }
                }
                frac[3 * i + a] = s;
                wrap[3 * i + a] = w;
            }
        }
        setupBins(n, hinv);
        if (allPairsApplies()) {
            searchPairs(n, positions, out);
            return;
        }
        fillBins(n);
        search(n, positions, out);
    }

    /**
     * Small orthorhombic periodic cells (r_c &lt; half of every edge, and a bin stencil that would cover the whole
     * cell anyway): each pair has at most one image within r_c (two images differ by ≥ an edge &gt; 2r_c), the
     * nearest one per component, so every unordered pair is examined once and entered for both atoms. Same
     * displacements, bit for bit, as the bin search (r_j + n·h − r_i with the same n; the reverse entry is its
     * exact negation); only the order of entries within an atom differs.
     */
    private boolean allPairsApplies() {
        if (!(periodic[0] && periodic[1] && periodic[2])) return false;
        if (h[1] != 0 || h[2] != 0 || h[3] != 0 || h[5] != 0 || h[6] != 0 || h[7] != 0) return false;
        for (int a = 0; a < 3; a++) {
            double edge = h[4 * a];
            // margin 1e-9: the rounding of d/edge cannot pick the wrong image for a pair within r_c
            if (!(2 * rcut < edge * (1 - 1e-9)) || 2 * kb[a] + 1 < nb[a]) return false;
        }
        return true;
    }

    private int[] pairCount = new int[0];
    private int[] pairI = new int[0];
    private int[] pairJ = new int[0];
    private int[] pairT = new int[0];
    private double[] pairD = new double[0];

    private void searchPairs(int n, double[] pos, NeighborList out) {
        out.reset(n, rcut);
        double rc2 = rcut * rcut;
        double lx = h[0], ly = h[4], lz = h[8];
        double ix = 1.0 / lx, iy = 1.0 / ly, iz = 1.0 / lz;
        if (pairCount.length < n) pairCount = new int[n];
        java.util.Arrays.fill(pairCount, 0, n, 0);
        int np = 0;
        for (int i = 0; i < n; i++) {
            double xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2];
            for (int j = i + 1; j < n; j++) {
                double ddx = pos[3 * j] - xi, ddy = pos[3 * j + 1] - yi, ddz = pos[3 * j + 2] - zi;
                int t0 = -(int) Math.rint(ddx * ix), t1 = -(int) Math.rint(ddy * iy), t2 = -(int) Math.rint(ddz * iz);
                double dx = ddx + t0 * lx, dy = ddy + t1 * ly, dz = ddz + t2 * lz;
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 < rc2) {
                    if (np == pairI.length) growPairs();
                    pairI[np] = i;
                    pairJ[np] = j;
                    pairT[3 * np] = t0;
                    pairT[3 * np + 1] = t1;
                    pairT[3 * np + 2] = t2;
                    pairD[4 * np] = dx;
                    pairD[4 * np + 1] = dy;
                    pairD[4 * np + 2] = dz;
                    pairD[4 * np + 3] = Math.sqrt(r2);
                    pairCount[i]++;
                    pairCount[j]++;
                    np++;
                }
            }
        }
        int[] off = out.offsets;
        off[0] = 0;
        for (int i = 0; i < n; i++) off[i + 1] = off[i] + pairCount[i];
        out.reserve(off[n]);
        int[] cur = pairCount; // reused as the fill cursor
        for (int i = 0; i < n; i++) cur[i] = off[i];
        int[] idx = out.index, sh = out.shift;
        double[] vec = out.vec, dist = out.dist;
        for (int k = 0; k < np; k++) {
            int i = pairI[k], j = pairJ[k];
            int p = cur[i]++;
            idx[p] = j;
            sh[3 * p] = pairT[3 * k];
            sh[3 * p + 1] = pairT[3 * k + 1];
            sh[3 * p + 2] = pairT[3 * k + 2];
            vec[3 * p] = pairD[4 * k];
            vec[3 * p + 1] = pairD[4 * k + 1];
            vec[3 * p + 2] = pairD[4 * k + 2];
            dist[p] = pairD[4 * k + 3];
            int q = cur[j]++;
            idx[q] = i;
            sh[3 * q] = -pairT[3 * k];
            sh[3 * q + 1] = -pairT[3 * k + 1];
            sh[3 * q + 2] = -pairT[3 * k + 2];
            vec[3 * q] = -pairD[4 * k];
            vec[3 * q + 1] = -pairD[4 * k + 1];
            vec[3 * q + 2] = -pairD[4 * k + 2];
            dist[q] = pairD[4 * k + 3];
        }
        out.size = off[n];
    }

    private void growPairs() {
        int cap = Math.max(256, 2 * pairI.length);
        pairI = java.util.Arrays.copyOf(pairI, cap);
        pairJ = java.util.Arrays.copyOf(pairJ, cap);
        pairT = java.util.Arrays.copyOf(pairT, 3 * cap);
        pairD = java.util.Arrays.copyOf(pairD, 4 * cap);
    }

    private void setupCell(double[] cell, boolean[] pbc) {
        if (cell == null) {
            if (pbc != null && (pbc[0] || pbc[1] || pbc[2])) {
                throw new IllegalArgumentException("periodic boundary conditions need a cell");
            }
            for (int k = 0; k < 9; k++) {
                h[k] = (k % 4 == 0) ? 1.0 : 0.0;
            }
            periodic[0] = periodic[1] = periodic[2] = false;
        } else {
            if (cell.length != 9) {
                throw new IllegalArgumentException("cell must have 9 values, got " + cell.length);
            }
            System.arraycopy(cell, 0, h, 0, 9);
            for (int a = 0; a < 3; a++) {
                periodic[a] = pbc == null || pbc[a];
            }
        }
    }

    private void setupBins(int n, double[] hinv) {
        long total = 1;
        for (int a = 0; a < 3; a++) {
            double width = 1.0 / Math.sqrt(hinv[a] * hinv[a] + hinv[3 + a] * hinv[3 + a] + hinv[6 + a] * hinv[6 + a]);
            if (periodic[a]) {
                lo[a] = 0.0;
                span[a] = 1.0;
            } else {
                double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    mn = Math.min(mn, frac[3 * i + a]);
                    mx = Math.max(mx, frac[3 * i + a]);
                }
                lo[a] = mn;
                span[a] = mx > mn ? mx - mn : 1.0;
            }
            double extent = span[a] * width; // Å perpendicular to the other two vectors
            nb[a] = (int) Math.max(1, Math.min(1 << 20, Math.floor(BINS_PER_CUTOFF * extent / rcut)));
            total *= nb[a];
        }
        // Too many (mostly empty) bins for a sparse system: coarsen (wider bins: k shrinks, still correct).
        long limit = Math.max(27, 2L * n);
        while (total > limit) {
            int a = nb[0] >= nb[1] && nb[0] >= nb[2] ? 0 : (nb[1] >= nb[2] ? 1 : 2);
            total /= nb[a];
            nb[a] = (nb[a] + 1) / 2;
            total *= nb[a];
        }
        for (int a = 0; a < 3; a++) {
            double width = 1.0 / Math.sqrt(hinv[a] * hinv[a] + hinv[3 + a] * hinv[3 + a] + hinv[6 + a] * hinv[6 + a]);
            double binWidth = span[a] * width / nb[a];
            kb[a] = periodic[a] ? (int) Math.ceil(rcut / binWidth) : Math.min(nb[a] - 1, (int) Math.ceil(rcut / binWidth));
        }
    }

    private void fillBins(int n) {
        int nbins = nb[0] * nb[1] * nb[2];
        if (binStart.length < nbins + 1) {
            binStart = new int[nbins + 1];
        }
        java.util.Arrays.fill(binStart, 0, nbins + 1, 0);
        for (int i = 0; i < n; i++) {
            int b = 0;
            for (int a = 0; a < 3; a++) {
                int c = (int) ((frac[3 * i + a] - lo[a]) / span[a] * nb[a]);
                c = Math.max(0, Math.min(nb[a] - 1, c));
                b = b * nb[a] + c;
            }
            binOf[i] = b;
            binStart[b + 1]++;
        }
        for (int b = 0; b < nbins; b++) {
            binStart[b + 1] += binStart[b];
        }
        // stable counting sort: atoms of a bin keep increasing index order
        int[] fill = wrapCursor(nbins);
        for (int i = 0; i < n; i++) {
            binAtoms[fill[binOf[i]]++] = i;
        }
    }

    private int[] cursor = new int[0];

    private int[] wrapCursor(int nbins) {
        if (cursor.length < nbins) {
            cursor = new int[nbins];
        }
        System.arraycopy(binStart, 0, cursor, 0, nbins);
        return cursor;
    }

    private void search(int n, double[] pos, NeighborList out) {
        out.reset(n, rcut);
        double rc2 = rcut * rcut;
        int n0 = nb[0], n1 = nb[1], n2 = nb[2];
        for (int i = 0; i < n; i++) {
            out.offsets[i] = out.size;
            int b = binOf[i];
            int b2 = b % n2, b1 = (b / n2) % n1, b0 = b / (n1 * n2);
            double xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2];
            int wi0 = wrap[3 * i], wi1 = wrap[3 * i + 1], wi2 = wrap[3 * i + 2];
            for (int c0 = b0 - kb[0]; c0 <= b0 + kb[0]; c0++) {
                if (!periodic[0] && (c0 < 0 || c0 >= n0)) continue;
                int m0 = Math.floorMod(c0, n0), s0 = Math.floorDiv(c0, n0);
                for (int c1 = b1 - kb[1]; c1 <= b1 + kb[1]; c1++) {
                    if (!periodic[1] && (c1 < 0 || c1 >= n1)) continue;
                    int m1 = Math.floorMod(c1, n1), s1 = Math.floorDiv(c1, n1);
                    for (int c2 = b2 - kb[2]; c2 <= b2 + kb[2]; c2++) {
                        if (!periodic[2] && (c2 < 0 || c2 >= n2)) continue;
                        int m2 = Math.floorMod(c2, n2), s2 = Math.floorDiv(c2, n2);
                        int bin = (m0 * n1 + m1) * n2 + m2;
                        for (int q = binStart[bin]; q < binStart[bin + 1]; q++) {
                            int j = binAtoms[q];
                            int t0 = s0 - wrap[3 * j] + wi0;
                            int t1 = s1 - wrap[3 * j + 1] + wi1;
                            int t2 = s2 - wrap[3 * j + 2] + wi2;
                            if (j == i && t0 == 0 && t1 == 0 && t2 == 0) continue;
                            double dx = pos[3 * j] - xi + t0 * h[0] + t1 * h[3] + t2 * h[6];
                            double dy = pos[3 * j + 1] - yi + t0 * h[1] + t1 * h[4] + t2 * h[7];
                            double dz = pos[3 * j + 2] - zi + t0 * h[2] + t1 * h[5] + t2 * h[8];
                            double r2 = dx * dx + dy * dy + dz * dz;
                            if (r2 < rc2) {
                                out.add(j, t0, t1, t2, dx, dy, dz, Math.sqrt(r2));
                            }
                        }
                    }
                }
            }
        }
        out.offsets[n] = out.size;
    }

    private void ensure(int n) {
        if (frac.length < 3 * n) {
            frac = new double[3 * n];
            wrap = new int[3 * n];
            binOf = new int[n];
            binAtoms = new int[n];
        }
    }
}
