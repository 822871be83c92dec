package org.dpspark.model.testing;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.CellMath;

/**
 * Independent O(N²·images) neighbour search for tests: every pair (i, j) and every cell shift n in a
 * box large enough for the atoms' fractional extent plus r_c / (plane spacing), keeping |r_j + n·h − r_i| &lt; r_c.
 */
public final class BruteForceNeighbors {
    private BruteForceNeighbors() {}

    /** One neighbour: atom j, shift, displacement (Å) and distance. */
    public record Pair(int j, int n0, int n1, int n2, double dx, double dy, double dz, double r) {
        public String key() { return j + ":" + n0 + ":" + n1 + ":" + n2; }
    }

    public static List<List<Pair>> compute(double[] pos, double[] cell, double rc) {
        return compute(pos, cell, null, rc);
    }

    /** With periodicity flags per cell vector (null = all periodic when a cell is given). */
    public static List<List<Pair>> compute(double[] pos, double[] cell, boolean[] pbc, double rc) {
        int n = pos.length / 3;
        int[] m = new int[3];
        if (cell != null) {
            double[] inv = CellMath.inverse(cell);
            double[] frac = CellMath.fractionalToCartesian(pos, inv);
            for (int a = 0; a < 3; a++) {
                double mn = Double.MAX_VALUE, mx = -Double.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    mn = Math.min(mn, frac[3 * i + a]);
                    mx = Math.max(mx, frac[3 * i + a]);
                }
                double invWidth = Math.sqrt(inv[a] * inv[a] + inv[3 + a] * inv[3 + a] + inv[6 + a] * inv[6 + a]);
                m[a] = (pbc == null || pbc[a]) ? (int) Math.ceil(rc * invWidth + (mx - mn)) + 1 : 0;
            }
        }
        List<List<Pair>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Pair> li = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                for (int a = -m[0]; a <= m[0]; a++) {
                    for (int b = -m[1]; b <= m[1]; b++) {
                        for (int c = -m[2]; c <= m[2]; c++) {
                            if (i == j && a == 0 && b == 0 && c == 0) continue;
                            double[] d = new double[3];
                            for (int k = 0; k < 3; k++) {
                                d[k] = pos[3 * j + k] - pos[3 * i + k];
                                if (cell != null) d[k] += a * cell[k] + b * cell[3 + k] + c * cell[6 + k];
                            }
                            double r = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                            if (r < rc) li.add(new Pair(j, a, b, c, d[0], d[1], d[2], r));
                        }
                    }
                }
            }
            out.add(li);
        }
        return out;
    }
}
