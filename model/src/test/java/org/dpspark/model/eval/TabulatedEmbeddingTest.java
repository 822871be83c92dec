package org.dpspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.compress.Compression;
import org.dpspark.model.compress.EmbeddingTable;
import org.junit.jupiter.api.Test;

/**
 * The vectorised table kernels ({@link TabulatedEmbedding#forward}, {@link TabulatedEmbedding#reverse}) against the
 * straightforward scalar formulas on {@link EmbeddingTable#at}'s G and G′: rows inside and outside the table (counted
 * as overflow), a neuron count that leaves padding lanes (M = 10).
 *
 * <p>Tolerance: the kernels evaluate the same quintics by Horner with FMAs and sum over the neurons in lanes, then
 * across lanes, where the reference rounds every product and sums in neuron order; each value is a sum of ≤ 5M
 * products whose factors carry ≤ 6 roundings (Horner), so |Δ| ≤ ~(6 + 5M)·ε·Σ|terms| in the worst case; 64ε·Σ|terms|
 * (M = 10) holds it with margin while an indexing or coefficient error (relative ≥ 1e-8 even at the table's stride
 * 0.01) fails.
 */
class TabulatedEmbeddingTest {
    private static final double EPS = Math.ulp(1.0);

    @Test
    void kernelsAreTheScalarTableFormulas() {
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {6, 12},
                new int[] {4, 8, 10}, 4, true, false, new int[] {8}, false, "tanh");
        DeepPotModel model = DeepPotModels.random(spec, 0.05, 0.08, 0.05, new double[] {-1, -2}, 7);
        Compression c = Compression.build(model.seA(), 0.9, 0.01, 5, -1);
        TabulatedEmbedding tab = new TabulatedEmbedding(c);
        EmbeddingTable table = c.tables().get(1);
        int m = table.width(), mp = tab.mp, n = 37, ld = VectorKernels.padded(n) + VectorKernels.L;
        Random rnd = new Random(3);
        double lo = table.grid().lower(), hi = table.grid().max();
        double[] rk = new double[4 * ld];
        for (int s = 0; s < n; s++) {
            // three rows outside the table (below, above), the rest spread over both sub-tables
            double x = s == 5 ? lo - 0.3 : s == 20 ? hi + 1.0 : s == 30 ? lo - 1e-3 : lo + (hi - lo) * rnd.nextDouble();
            rk[s] = x;
            for (int q = 1; q < 4; q++) rk[q * ld + s] = rnd.nextDouble() * 2 - 1;
        }
        int r0 = 2, end = n;
        double[] acc = new double[4 * mp], dgr = new double[4 * mp];
        for (int a = 0; a < m; a++) {
            for (int q = 0; q < 4; q++) {
                acc[q * mp + a] = rnd.nextDouble();
                dgr[q * mp + a] = rnd.nextDouble() * 2 - 1;
            }
        }
        double[] want = acc.clone(), wantAbs = new double[4 * mp];
        double[] dk = new double[4 * ld], dkWant = new double[4 * ld], dkAbs = new double[4 * ld];
        double[] g = new double[m], dg = new double[m];
        for (int s = r0; s < end; s++) {
            table.at(rk[s], g, dg, 0);
            for (int a = 0; a < m; a++) {
                double dG = 0;
                for (int q = 0; q < 4; q++) {
                    want[q * mp + a] += g[a] * rk[q * ld + s];
                    wantAbs[q * mp + a] += Math.abs(g[a] * rk[q * ld + s]);
                    dG += dgr[q * mp + a] * rk[q * ld + s];
                    dkWant[q * ld + s] += dgr[q * mp + a] * g[a];
                    dkAbs[q * ld + s] += Math.abs(dgr[q * mp + a] * g[a]) + Math.abs(dgr[q * mp + a] * rk[q * ld + s] * dg[a]);
                }
                dkWant[s] += dG * dg[a];
            }
        }
        tab.overflow = 0;
        tab.forward(1, rk, ld, r0, end, acc);
        assertEquals(3, tab.overflow, "rows outside the table, forward");
        for (int i = 0; i < 4 * mp; i++) {
            assertTrue(Math.abs(acc[i] - want[i]) <= 64 * EPS * (wantAbs[i] + Math.abs(want[i])),
                    "forward " + i + ": " + acc[i] + " vs " + want[i]);
        }
        tab.reverse(1, rk, ld, r0, end, dgr, dk);
        assertEquals(3, tab.overflow, "rows outside the table: counted by the forward pass only, the reverse adds none");
        for (int s = r0; s < end; s++) {
            for (int q = 0; q < 4; q++) {
                int i = q * ld + s;
                assertTrue(Math.abs(dk[i] - dkWant[i]) <= 64 * EPS * dkAbs[i], "reverse row " + s + " c " + q + ": "
                        + dk[i] + " vs " + dkWant[i]);
            }
        }
    }
}
