package org.dpspark.model.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.dpspark.core.CellMath;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.model.testing.TestFrame;
import org.junit.jupiter.api.Test;

/**
 * The contract every descriptor meets, written once; one subclass per descriptor.
 *
 * <p>Systems: a 10-atom two-type molecule and an 8-atom triclinic periodic cell narrower than 2 r_c
 * (so neighbours include several images of the same atom), r_c = 4 Å, minimum distance 1 Å.
 *
 * <p>Tolerances and reasons:
 * <ul>
 *   <li>invariances: 1e-10 relative to max(1, |value|): the same numbers summed in a different order /
 *       coordinate frame differ by round-off, ~100 terms × 1e-16 ≪ 1e-10.</li>
 *   <li>derivatives vs central finite differences, h = 1e-5 Å: truncation h²/6·f‴ ≈ 2e-11·f‴ and
 *       round-off ε·|f|/h ≈ 2e-11·|f|; with |f‴|, |f| ≲ 10³ for 1/r, exp and (1+cosθ)^16 terms at r ≥ 1 Å,
 *       the error is ≲ 1e-7 of the gradient scale: asserted ≤ 1e-6 relative (per output, to its largest
 *       derivative) plus 1e-9 absolute for outputs whose gradient is essentially zero.</li>
 *   <li>smoothness: moving a neighbour to r_c − δ, the change of the centre's features must fall at least
 *       like δ² and its gradient at least like δ (C¹ cutoff): ratios between δ = 1e-2 and 1e-3 Å of
 *       ≤ 0.015 and ≤ 0.15 (ideal 0.01 / 0.1 for cos, 0.001 / 0.01 for the C² polynomial).</li>
 * </ul>
 */
abstract class DescriptorContractTest {
    static final double RC = 4.0;

    /** A fresh descriptor with cutoff {@link #RC} for two types. */
    abstract AtomicDescriptor descriptor();

    static TestFrame molecule() {
        Random rng = new Random(7);
        int n = 10;
        double[] pos = randomPositions(rng, n, null, 5.0);
        int[] types = {0, 1, 1, 0, 1, 1, 0, 1, 0, 1};
        return new TestFrame("molecule", pos, null, types, Double.NaN);
    }

    static TestFrame periodic() {
        Random rng = new Random(11);
        double[] cell = CellMath.fromLengthsAndAngles(5.5, 6.0, 6.5, 80, 95, 105);
        int n = 8;
        double[] pos = randomPositions(rng, n, cell, 0);
        int[] types = {0, 1, 1, 0, 1, 1, 0, 1};
        return new TestFrame("triclinic", pos, cell, types, Double.NaN);
    }

    static double[] randomPositions(Random rng, int n, double[] cell, double box) {
        double[] pos = new double[3 * n];
        int placed = 0;
        while (placed < n) {
            double[] c = new double[3];
            if (cell == null) {
                for (int b = 0; b < 3; b++) c[b] = box * rng.nextDouble();
            } else {
                c = CellMath.fractionalToCartesian(new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()}, cell);
            }
            System.arraycopy(c, 0, pos, 3 * placed, 3);
            TestFrame probe = new TestFrame("probe", java.util.Arrays.copyOf(pos, 3 * (placed + 1)), cell, new int[placed + 1], 0);
            NeighborList nl = new NeighborListBuilder(1.0).build(probe.positions(), cell, probe.pbc());
            if (nl.size() == 0) placed++;
        }
        return pos;
    }

    double[] features(AtomicDescriptor d, TestFrame f) {
        NeighborList nl = new NeighborListBuilder(d.rcut()).build(f.positions(), f.cell(), f.pbc());
        return d.computeAll(f.types(), nl);
    }

    /** ∂(feature f of atom i)/∂(position of atom k, b) at [((i·dim + f)·n + k)·3 + b]. */
    double[] gradient(AtomicDescriptor d, TestFrame f) {
        NeighborList nl = new NeighborListBuilder(d.rcut()).build(f.positions(), f.cell(), f.pbc());
        int n = f.natoms(), dim = d.dim();
        double[] out = new double[dim];
        double[] res = new double[n * dim * n * 3];
        for (int i = 0; i < n; i++) {
            int m = nl.count(i);
            double[] grad = new double[dim * m * 3];
            d.compute(i, f.types(), nl, out, 0, grad);
            for (int k = 0; k < m; k++) {
                int j = nl.neighbor(nl.start(i) + k);
                for (int ff = 0; ff < dim; ff++) {
                    for (int b = 0; b < 3; b++) {
                        double g = grad[(ff * m + k) * 3 + b];
                        res[((i * dim + ff) * n + j) * 3 + b] += g;
                        res[((i * dim + ff) * n + i) * 3 + b] -= g;
                    }
                }
            }
        }
        return res;
    }

    static void assertClose(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length);
        for (int k = 0; k < want.length; k++) {
            double tol = 1e-10 * Math.max(1.0, Math.abs(want[k])); // round-off, see class comment
            assertEquals(want[k], got[k], tol, what + " differs at " + k);
        }
    }

    static double[] rotation(Random rng) {
        // random proper rotation from a random unit quaternion
        double a = rng.nextGaussian(), b = rng.nextGaussian(), c = rng.nextGaussian(), d = rng.nextGaussian();
        double n = Math.sqrt(a * a + b * b + c * c + d * d);
        a /= n; b /= n; c /= n; d /= n;
        return new double[] {
            a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
            2 * (b * c + a * d), a * a - b * b + c * c - d * d, 2 * (c * d - a * b),
            2 * (b * d - a * c), 2 * (c * d + a * b), a * a - b * b - c * c + d * d};
    }

    static double[] rotateRows(double[] x, double[] q) {
        if (x == null) return null;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i += 3) {
            for (int b = 0; b < 3; b++) y[i + b] = x[i] * q[b] + x[i + 1] * q[3 + b] + x[i + 2] * q[6 + b];
        }
        return y;
    }

    @Test
    void hasNamesAndFiniteValues() {
        AtomicDescriptor d = descriptor();
        assertEquals(d.dim(), d.featureNames().size());
        assertEquals(d.dim(), new java.util.HashSet<>(d.featureNames()).size(), "feature names must be unique");
        for (TestFrame f : new TestFrame[] {molecule(), periodic()}) {
            double[] v = features(d, f);
            double norm = 0;
            for (double x : v) {
                assertTrue(Double.isFinite(x));
                norm += Math.abs(x);
            }
            assertTrue(norm > 0, "all-zero features: the test would be vacuous");
        }
    }

    @Test
    void rotationInvariance() {
        Random rng = new Random(3);
        for (TestFrame f : new TestFrame[] {molecule(), periodic()}) {
            double[] q = rotation(rng);
            TestFrame r = new TestFrame(f.id(), rotateRows(f.positions(), q), rotateRows(f.cell(), q), f.types(), 0);
            assertClose(features(descriptor(), f), features(descriptor(), r), f.id() + " rotated");
        }
    }

    @Test
    void translationInvariance() {
        for (TestFrame f : new TestFrame[] {molecule(), periodic()}) {
            double[] p = f.positions().clone();
            for (int i = 0; i < p.length; i += 3) { p[i] += 3.3; p[i + 1] -= 7.1; p[i + 2] += 11.9; }
            assertClose(features(descriptor(), f), features(descriptor(), new TestFrame(f.id(), p, f.cell(), f.types(), 0)),
                    f.id() + " translated");
        }
    }

    @Test
    void permutationInvariance() {
        Random rng = new Random(5);
        for (TestFrame f : new TestFrame[] {molecule(), periodic()}) {
            int n = f.natoms();
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) perm[i] = i;
            for (int i = n - 1; i > 0; i--) { int j = rng.nextInt(i + 1); int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
            double[] p = new double[3 * n];
            int[] t = new int[n];
            for (int i = 0; i < n; i++) { // new atom i is old atom perm[i]
                System.arraycopy(f.positions(), 3 * perm[i], p, 3 * i, 3);
                t[i] = f.types()[perm[i]];
            }
            AtomicDescriptor d = descriptor();
            double[] a = features(d, f), b = features(d, new TestFrame(f.id(), p, f.cell(), t, 0));
            double[] back = new double[a.length];
            for (int i = 0; i < n; i++) System.arraycopy(b, i * d.dim(), back, perm[i] * d.dim(), d.dim());
            assertClose(a, back, f.id() + " permuted");
        }
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        double h = 1e-5; // Å, see class comment
        for (TestFrame f : new TestFrame[] {molecule(), periodic()}) {
            AtomicDescriptor d = descriptor();
            int n = f.natoms(), dim = d.dim();
            double[] an = gradient(d, f);
            double[] fd = new double[an.length];
            for (int k = 0; k < n; k++) {
                for (int b = 0; b < 3; b++) {
                    double[] p = f.positions().clone();
                    p[3 * k + b] += h;
                    double[] up = features(d, new TestFrame("", p, f.cell(), f.types(), 0));
                    p[3 * k + b] -= 2 * h;
                    double[] dn = features(d, new TestFrame("", p, f.cell(), f.types(), 0));
                    for (int o = 0; o < n * dim; o++) fd[(o * n + k) * 3 + b] = (up[o] - dn[o]) / (2 * h);
                }
            }
            double worst = 0, scaleAll = 0;
            for (int o = 0; o < n * dim; o++) {
                double scale = 0, err = 0;
                for (int q = 0; q < 3 * n; q++) {
                    scale = Math.max(scale, Math.abs(an[o * 3 * n + q]));
                    err = Math.max(err, Math.abs(an[o * 3 * n + q] - fd[o * 3 * n + q]));
                }
                scaleAll = Math.max(scaleAll, scale);
                assertTrue(err <= 1e-6 * scale + 1e-9, f.id() + ": output " + o + " (" + d.featureNames().get(o % dim)
                        + ") derivative error " + err + " vs scale " + scale);
                if (scale > 0) worst = Math.max(worst, err / scale);
            }
            assertTrue(scaleAll > 0, "zero gradient: vacuous");
            System.out.printf("%s %s: max relative FD error %.2e%n", getClass().getSimpleName(), f.id(), worst);
        }
    }

    @Test
    void smoothDecayAtCutoff() {
        AtomicDescriptor d = descriptor();
        double[] u = {0.6, 0.64, 0.48};
        double[] base = {0, 0, 0, 0, 0, 0, 1.1, 0.9, 0.3, -1.0, 0.5, 0.7};
        int[] types = {0, 1, 1, 0};
        double[] far = features(d, frameWithMover(base, types, u, 3 * RC));
        double[][] delta = new double[3][];
        double[] gnorm = new double[3];
        double[] ds = {1e-2, 1e-3, 0.0};
        int dim = d.dim();
        for (int k = 0; k < 3; k++) {
            TestFrame f = frameWithMover(base, types, u, RC - ds[k]);
            double[] v = features(d, f);
            double diff = 0;
            for (int o = 0; o < dim; o++) diff = Math.max(diff, Math.abs(v[o] - far[o]));
            delta[k] = new double[] {diff};
            double[] g = gradient(d, f);
            double gn = 0;
            for (int o = 0; o < dim; o++) for (int b = 0; b < 3; b++) gn = Math.max(gn, Math.abs(g[((o) * 4 + 1) * 3 + b]));
            gnorm[k] = gn;
        }
        assertTrue(delta[0][0] > 0 && gnorm[0] > 0, "mover has no effect: vacuous");
        assertTrue(delta[1][0] <= 0.015 * delta[0][0], "value not ≥ 2nd order at r_c: " + delta[0][0] + " → " + delta[1][0]);
        assertTrue(gnorm[1] <= 0.15 * gnorm[0], "gradient not ≥ 1st order at r_c: " + gnorm[0] + " → " + gnorm[1]);
        assertTrue(delta[2][0] <= 1e-14 && gnorm[2] <= 1e-12, "not zero at r_c: " + delta[2][0] + ", " + gnorm[2]);
    }

    private static TestFrame frameWithMover(double[] base, int[] types, double[] u, double r) {
        double[] p = base.clone();
        for (int b = 0; b < 3; b++) p[3 + b] = r * u[b];
        return new TestFrame("mover", p, null, types, 0);
    }
}
