package org.dpspark.model.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.testing.DeepmdSystem;
import org.dpspark.model.testing.TestFrame;
import org.junit.jupiter.api.Test;

class EnergyBiasTest {
    /**
     * Three CHO molecules (C1H4O2, C3H3O4, C4H3O1: full rank) against an independent solve of the normal
     * equations by Gaussian elimination. Tolerance 1e-9 relative: energies ~1e4 eV in float32 source data are
     * exact inputs for both; cond(AᵀA) ≲ 1e3 amplifies 1e-16 round-off to ≲ 1e-12.
     */
    @Test
    void fullRankMatchesNormalEquations() throws IOException {
        EnergyBias all = new EnergyBias(3);
        EnergyBias[] parts = {new EnergyBias(3), new EnergyBias(3), new EnergyBias(3)};
        double[][] ata = new double[3][3];
        double[] atb = new double[3];
        int k = 0;
        for (String m : List.of("C1H4O2", "C3H3O4", "C4H3O1")) {
            for (TestFrame f : DeepmdSystem.read(SharedData.path("deepmd/nopbc-CHO/" + m))) {
                double[] c = new double[3];
                for (int t : f.types()) c[t]++;
                all.add(c, f.energy());
                parts[k].add(c, f.energy());
                for (int a = 0; a < 3; a++) {
                    atb[a] += c[a] * f.energy();
                    for (int b = 0; b < 3; b++) ata[a][b] += c[a] * c[b];
                }
            }
            k++;
        }
        double[] want = gauss(ata, atb);
        double[] got = all.solve();
        double[] merged = parts[0].merge(parts[1]).merge(parts[2]).solve();
        for (int t = 0; t < 3; t++) {
            assertEquals(want[t], got[t], 1e-9 * Math.abs(want[t]));
            assertEquals(got[t], merged[t], 1e-9 * Math.abs(want[t]));
        }
        System.out.printf("CHO energy bias per type: %s, residual std %.4f eV%n", java.util.Arrays.toString(got), all.residualStd(got));
    }

    /**
     * Water: every frame has 64 O + 128 H, so the counts matrix has rank 1 and lstsq returns the minimum-norm
     * solution x = ⟨E⟩·a/|a|² (a = (64, 128)). Tolerance 1e-10 relative (round-off of 400 sums).
     */
    @Test
    void rankDeficientGivesMinimumNorm() throws IOException {
        EnergyBias eb = new EnergyBias(2);
        double sumE = 0;
        int n = 0;
        for (int s = 0; s < 4; s++) {
            for (TestFrame f : DeepmdSystem.read(SharedData.path("deepmd/water/data_" + s))) {
                eb.addFrame(f.types(), f.energy());
                sumE += f.energy();
                n++;
            }
        }
        double mean = sumE / n;
        double[] x = eb.solve();
        double aa = 64.0 * 64 + 128.0 * 128;
        assertEquals(mean * 64 / aa, x[0], 1e-10 * Math.abs(mean * 64 / aa));
        assertEquals(mean * 128 / aa, x[1], 1e-10 * Math.abs(mean * 128 / aa));
        System.out.printf("water (rank 1) bias O %.6f H %.6f eV over %d frames, residual std %.4f eV%n", x[0], x[1], n, eb.residualStd(x));
    }

    static double[] gauss(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = a0[i].clone();
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
            double[] tr = a[c]; a[c] = a[p]; a[p] = tr;
            double tb = b[c]; b[c] = b[p]; b[p] = tb;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int q = c; q < n; q++) a[r][q] -= f * a[c][q];
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int q = r + 1; q < n; q++) s -= a[r][q] * x[q];
            x[r] = s / a[r][r];
        }
        return x;
    }
}
