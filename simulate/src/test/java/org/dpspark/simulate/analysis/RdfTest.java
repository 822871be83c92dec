package org.dpspark.simulate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.dpspark.simulate.lattice.Lattice;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

class RdfTest {

    @Test
    void fccPeaksSitAtTheShellDistancesWithTheCoordinationNumbers() {
        double a = 4.05;
        Structure s = Lattice.fcc(a, 3, 3, 3, 13);
        int bins = 600;
        // beyond half the 12.15 Å box (periodic images are counted); bin width 0.010005 Å keeps every shell off a bin edge
        double rmax = 6.003;
        Rdf rdf = new Rdf(1, rmax, bins);
        rdf.add(s.positions(), s.cell(), s.types());
        rdf.add(s.positions(), s.cell(), s.types());
        double[] g = rdf.g(0, 0);
        double[] shells = {a / Math.sqrt(2), a, a * Math.sqrt(1.5), a * Math.sqrt(2)};
        int[] coordination = {12, 6, 24, 12};
        double rho = s.natoms() / s.volume();
        double dr = rmax / bins;
        double total = 0;
        for (int k = 0; k < bins; k++) {
            total += g[k];
        }
        for (int q = 0; q < shells.length; q++) {
            int k = (int) (shells[q] / dr);
            // running coordination number in the bin: ∫ ρ g 4πr² dr over the bin (exact shell volume)
            double lo = k * dr, hi = lo + dr;
            double n = rho * g[k] * 4 * Math.PI / 3 * (hi * hi * hi - lo * lo * lo);
            assertEquals(coordination[q], n, 1e-9 * coordination[q], "shell at " + shells[q] + " Å");
            total -= g[k];
        }
        assertEquals(0.0, total, 0.0, "a perfect crystal has no pairs between the shells");
    }

    @Test
    void idealGasOfTwoSpeciesHasGOfOne() {
        // 1000 uniformly random atoms (two species at random) in a 20 Å box: every g_ab → 1 at any r. Counts per
        // 0.5 Å bin at 4–6 Å are ≥ 3000, so the statistical error is ≤ 2 %; accepted 6 % (3σ).
        SplittableRandom rng = new SplittableRandom(1);
        int n = 1000;
        double l = 20.0;
        double[] pos = new double[3 * n];
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < 3; b++) {
                pos[3 * i + b] = rng.nextDouble() * l;
            }
            types[i] = rng.nextInt(2);
        }
        Rdf rdf = new Rdf(2, 6.0, 12);
        rdf.add(pos, new double[] {l, 0, 0, 0, l, 0, 0, 0, l}, types);
        for (int[] pair : new int[][] {{0, 0}, {0, 1}, {1, 1}}) {
            double[] g = rdf.g(pair[0], pair[1]);
            for (int k = 8; k < 12; k++) {
                assertTrue(Math.abs(g[k] - 1) < 0.06, "g" + pair[0] + pair[1] + " bin " + k + " = " + g[k]);
            }
        }
        assertEquals(3, Rdf.pairs(2));
        assertEquals(1, Rdf.pairIndex(1, 0, 2));
    }
}
