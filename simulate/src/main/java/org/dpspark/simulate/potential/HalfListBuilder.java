package org.dpspark.simulate.potential;

import java.util.Arrays;

/**
 * Builds a {@link HalfList} directly, the way LAMMPS' {@code half/bin/newton} does, for the common MD case: an
 * orthorhombic box periodic in all three directions and at least twice the list radius wide. Other geometries
 * are declined ({@link #build} returns false) and go through the general full list + {@link HalfList#rebuild}.
 *
 * <p>Method. (1) Ghost atoms: in three sequential passes (x, then y over locals and x-ghosts, then z over all)
 * every atom within r_l of a face is copied to the opposite side, so the ghosts cover [−r_l, L + r_l)³.
 * (2) Binning: bins of width ≥ r_l/2 tiling the box exactly; a ghost's bin is its owner's bin plus its
 * integer shift times the number of bins across the box (integer arithmetic, so a pair and its periodic
 * mirror have exactly opposite bin offsets). (3) Search: for each local atom, the "upper half" of the stencil
 * of bins within r_l; in its own bin, a neighbour is kept when its owner index is larger, or equal with a
 * lexicographically positive shift — each unordered pair is found exactly once by integer decisions alone.
 *
 * <p>Positions must lie in [0, L) (the Verlet list wraps them first). Buffers are reused between builds.
 */
public final class HalfListBuilder {
    private int[] code = new int[0];    // per extended atom: packed integer shift (s0+1)*9+(s1+1)*3+(s2+1)
    private int[] bin = new int[0];     // per extended atom: bin index
    private int[] binStart = new int[0];
    private int[] binAtoms = new int[0];
    private int[] cursor = new int[0];
    private int[] stencil = new int[0];
    private int nstencil;
    private final int[] nb = new int[3];
    private final int[] nin = new int[3];
    private final int[] margin = new int[3];
    private final double[] binsize = new double[3];
    private final double[] len = new double[3];
    private final int[] strideBin = new int[3];
    private static final int[] STRIDE_CODE = {9, 3, 1};

    /** Whether {@link #build} handles this geometry. */
    public static boolean supports(double[] cell, boolean[] pbc, double rlist) {
        if (cell == null || pbc == null || !(pbc[0] && pbc[1] && pbc[2])) {
            return false;
        }
        if (cell[1] != 0 || cell[2] != 0 || cell[3] != 0 || cell[5] != 0 || cell[6] != 0 || cell[7] != 0) {
            return false;
        }
        return cell[0] >= 2 * rlist && cell[4] >= 2 * rlist && cell[8] >= 2 * rlist;
    }

    /**
     * @param x positions, natoms×3 Å, inside [0, L)
     * @param cell orthorhombic cell (3×3 diagonal), Å
     * @param pbc all true
     * @param rlist list radius (cutoff + skin), Å
     * @param out list to fill
     * @return false (and nothing done) when the geometry is not supported
     */
    public boolean build(double[] x, double[] cell, boolean[] pbc, double rlist, HalfList out) {
        if (!supports(cell, pbc, rlist)) {
            return false;
        }
        int n = x.length / 3;
        double[] len = this.len;
        len[0] = cell[0];
        len[1] = cell[4];
        len[2] = cell[8];
        out.natoms = n;
        out.nghost = 0;
        setupBins(len, rlist);
        ensureLocal(n);
        for (int i = 0; i < n; i++) {
            int b = 0;
            for (int a = 0; a < 3; a++) {
                int c = (int) (x[3 * i + a] / binsize[a]);
                c = Math.max(0, Math.min(nin[a] - 1, c)) + margin[a];
                b = b * nb[a] + c;
            }
            bin[i] = b;
            code[i] = 13; // shift (0,0,0)
        }
        makeGhosts(x, len, rlist, out);
        int next = n + out.nghost;
        out.ensureExtended();
        out.refresh(x);
        fillBins(next);
        search(n, rlist, out);
        return true;
    }

    private void setupBins(double[] len, double rlist) {
        for (int a = 0; a < 3; a++) {
            nin[a] = Math.max(1, (int) Math.floor(len[a] / (0.5 * rlist)));
            binsize[a] = len[a] / nin[a];
            margin[a] = (int) Math.ceil(rlist / binsize[a]);
            nb[a] = nin[a] + 2 * margin[a];
        }
        // upper half stencil of bins whose closest points are within rlist
        int m0 = margin[0], m1 = margin[1], m2 = margin[2];
        int max = (2 * m0 + 1) * (2 * m1 + 1) * (2 * m2 + 1);
        if (stencil.length < max) {
            stencil = new int[max];
        }
        nstencil = 0;
        double r2 = rlist * rlist;
        for (int d0 = -m0; d0 <= m0; d0++) {
            for (int d1 = -m1; d1 <= m1; d1++) {
                for (int d2 = -m2; d2 <= m2; d2++) {
                    boolean upper = d0 > 0 || (d0 == 0 && (d1 > 0 || (d1 == 0 && d2 > 0)));
                    if (!upper) {
                        continue;
                    }
                    double g0 = Math.max(0, Math.abs(d0) - 1) * binsize[0];
                    double g1 = Math.max(0, Math.abs(d1) - 1) * binsize[1];
                    double g2 = Math.max(0, Math.abs(d2) - 1) * binsize[2];
                    if (g0 * g0 + g1 * g1 + g2 * g2 < r2) {
                        stencil[nstencil++] = (d0 * nb[1] + d1) * nb[2] + d2;
                    }
                }
            }
        }
    }

    private void makeGhosts(double[] x, double[] len, double rlist, HalfList out) {
        int n = x.length / 3;
        strideBin[0] = nb[1] * nb[2];
        strideBin[1] = nb[2];
        strideBin[2] = 1;
        int[] strideCode = STRIDE_CODE;
        for (int a = 0; a < 3; a++) {
            int count = n + out.nghost;
            for (int idx = 0; idx < count; idx++) {
                double c;
                int owner;
                if (idx < n) {
                    c = x[3 * idx + a];
                    owner = idx;
                } else {
                    int g = idx - n;
                    owner = out.ghostOwner[g];
                    c = x[3 * owner + a] + out.ghostShift[3 * g + a];
                }
                int sign;
                if (c < rlist) {
                    sign = 1;
                } else if (c >= len[a] - rlist) {
                    sign = -1;
                } else {
                    continue;
                }
                int g = addGhost(out, owner);
                if (idx < n) {
                    out.ghostShift[3 * g] = 0;
                    out.ghostShift[3 * g + 1] = 0;
                    out.ghostShift[3 * g + 2] = 0;
                } else {
                    System.arraycopy(out.ghostShift, 3 * (idx - n), out.ghostShift, 3 * g, 3);
                }
                out.ghostShift[3 * g + a] += sign * len[a];
                int e = n + g;
                ensureExt(e + 1);
                code[e] = code[idx] + sign * strideCode[a];
                bin[e] = bin[idx] + sign * nin[a] * strideBin[a];
            }
        }
    }

    private static int addGhost(HalfList out, int owner) {
        int g = out.nghost;
        if (g == out.ghostOwner.length) {
            int cap = Math.max(64, 2 * g);
            out.ghostOwner = Arrays.copyOf(out.ghostOwner, cap);
            out.ghostShift = Arrays.copyOf(out.ghostShift, 3 * cap);
        }
        out.ghostOwner[g] = owner;
        out.nghost = g + 1;
        return g;
    }

    private void fillBins(int next) {
        int nbins = nb[0] * nb[1] * nb[2];
        if (binStart.length < nbins + 1) {
            binStart = new int[nbins + 1];
            cursor = new int[nbins];
        }
        if (binAtoms.length < next) {
            binAtoms = new int[next + next / 8];
        }
        Arrays.fill(binStart, 0, nbins + 1, 0);
        for (int e = 0; e < next; e++) {
            binStart[bin[e] + 1]++;
        }
        for (int b = 0; b < nbins; b++) {
            binStart[b + 1] += binStart[b];
        }
        System.arraycopy(binStart, 0, cursor, 0, nbins);
        for (int e = 0; e < next; e++) {
            binAtoms[cursor[bin[e]]++] = e;
        }
    }

    private void search(int n, double rlist, HalfList out) {
        double[] xe = out.xext;
        int[] owner = out.ghostOwner;
        double r2max = rlist * rlist;
        if (out.offsets.length < n + 1) {
            out.offsets = new int[n + 1];
        }
        int np = 0;
        int[] nbr = out.neighbors;
        for (int i = 0; i < n; i++) {
            out.offsets[i] = np;
            double xi = xe[3 * i], yi = xe[3 * i + 1], zi = xe[3 * i + 2];
            int bi = bin[i];
            // own bin: ordered by (owner, shift code)
            for (int q = binStart[bi]; q < binStart[bi + 1]; q++) {
                int e = binAtoms[q];
                int o = e < n ? e : owner[e - n];
                if (o < i || (o == i && code[e] <= 13)) {
                    continue;
                }
                double dx = xe[3 * e] - xi, dy = xe[3 * e + 1] - yi, dz = xe[3 * e + 2] - zi;
                if (dx * dx + dy * dy + dz * dz < r2max) {
                    if (np == nbr.length) {
                        nbr = out.neighbors = Arrays.copyOf(nbr, Math.max(1024, 2 * np));
                    }
                    nbr[np++] = e;
                }
            }
            for (int s = 0; s < nstencil; s++) {
                int b = bi + stencil[s];
                for (int q = binStart[b]; q < binStart[b + 1]; q++) {
                    int e = binAtoms[q];
                    double dx = xe[3 * e] - xi, dy = xe[3 * e + 1] - yi, dz = xe[3 * e + 2] - zi;
                    if (dx * dx + dy * dy + dz * dz < r2max) {
                        if (np == nbr.length) {
                            nbr = out.neighbors = Arrays.copyOf(nbr, Math.max(1024, 2 * np));
                        }
                        nbr[np++] = e;
                    }
                }
            }
        }
        out.offsets[n] = np;
    }

    private void ensureLocal(int n) {
        ensureExt(n);
    }

    private void ensureExt(int size) {
        if (code.length < size) {
            int cap = Math.max(size, code.length + code.length / 2 + 64);
            code = Arrays.copyOf(code, cap);
            bin = Arrays.copyOf(bin, cap);
        }
    }
}
