package org.dpspark.featurize.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.dpspark.model.descriptor.BehlerParrinello;
import org.dpspark.model.descriptor.SymmetryFunctionSet;
import org.dpspark.featurize.job.FrameInput;
import org.dpspark.model.TypeMap;
import org.dpspark.featurize.job.WaterInputs;
import org.junit.jupiter.api.Test;

/** The selection cores without Spark: blocks, farthest-point and k-means steps, fingerprints. */
class SelectionCoreTest {

    /** FPS over blocks, run the way {@link Selection} runs it on Spark, but in a loop here. */
    static List<Candidate> fps(List<FingerprintBlock> blocks, int n, long seed) {
        Candidate first = null;
        for (FingerprintBlock b : blocks) first = Candidate.better(first, b.seeded(seed));
        List<Candidate> chosen = new ArrayList<>(List.of(first));
        List<FingerprintBlock> state = blocks;
        for (int r = 1; r < n; r++) {
            Candidate last = chosen.get(chosen.size() - 1);
            state = state.stream().map(b -> b.withPick(last)).toList();
            Candidate best = null;
            for (FingerprintBlock b : state) best = Candidate.better(best, b.farthest());
            chosen.add(best);
        }
        return chosen;
    }

    static List<FingerprintBlock> points(double[][] pts, int blocks) {
        List<List<String>> ids = new ArrayList<>();
        List<List<double[]>> xs = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            ids.add(new ArrayList<>());
            xs.add(new ArrayList<>());
        }
        for (int i = 0; i < pts.length; i++) {
            ids.get(i % blocks).add(String.format("p%03d", i));
            xs.get(i % blocks).add(pts[i]);
        }
        List<FingerprintBlock> out = new ArrayList<>();
        for (int b = 0; b < blocks; b++) out.add(FingerprintBlock.of(ids.get(b), xs.get(b), pts[0].length));
        return out;
    }

    @Test
    void farthestPointsPickTheCornersFirstAndDoNotDependOnPartitioning() {
        // 10×10 grid on [0,1]² plus nothing else: after any start, FPS must reach the far corners first
        double[][] pts = new double[100][];
        for (int i = 0; i < 100; i++) pts[i] = new double[] {(i % 10) / 9.0, (i / 10) / 9.0};
        List<Candidate> a = fps(points(pts, 1), 6, 3);
        List<Candidate> b = fps(points(pts, 7), 6, 3);
        assertEquals(a.stream().map(Candidate::id).toList(), b.stream().map(Candidate::id).toList());
        Set<String> ids = new HashSet<>(a.stream().map(Candidate::id).toList());
        assertEquals(6, ids.size(), "distinct picks");
        // the second pick is the point farthest from the first: a corner, at distance ≥ √2/2·... check exactly
        double[] p0 = a.get(0).x(), p1 = a.get(1).x();
        double far = 0;
        for (double[] p : pts) far = Math.max(far, Math.hypot(p[0] - p0[0], p[1] - p0[1]));
        assertEquals(far, Math.hypot(p1[0] - p0[0], p1[1] - p0[1]), 1e-15);
        // maximally spread: greedy FPS is a 2-approximation of the max-min dispersion, so its min pairwise distance
        // beats random subsets of the same size
        double fpsMin = SelectJob.minPairDistance(a);
        Random rnd = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            List<Candidate> r = new ArrayList<>();
            Set<Integer> used = new HashSet<>();
            while (r.size() < 6) {
                int k = rnd.nextInt(100);
                if (used.add(k)) r.add(new Candidate("r" + k, 0, pts[k]));
            }
            assertTrue(fpsMin >= SelectJob.minPairDistance(r), "FPS " + fpsMin + " vs random " + SelectJob.minPairDistance(r));
        }
    }

    @Test
    void kmeansStepsFindSeparatedClusters() {
        // three tight clusters of 30 points around (0,0), (10,0), (0,10)
        Random rnd = new Random(5);
        double[][] c = {{0, 0}, {10, 0}, {0, 10}};
        double[][] pts = new double[90][];
        for (int i = 0; i < 90; i++) {
            pts[i] = new double[] {c[i % 3][0] + 0.1 * rnd.nextGaussian(), c[i % 3][1] + 0.1 * rnd.nextGaussian()};
        }
        List<FingerprintBlock> blocks = points(pts, 4);
        // k-means++ seeding as Selection does it
        Candidate first = null;
        for (FingerprintBlock b : blocks) first = Candidate.better(first, b.seeded(9));
        List<Candidate> seeds = new ArrayList<>(List.of(first));
        List<FingerprintBlock> state = blocks;
        for (int r = 1; r < 3; r++) {
            Candidate last = seeds.get(seeds.size() - 1);
            state = state.stream().map(b -> b.withPick(last)).toList();
            Candidate best = null;
            for (FingerprintBlock b : state) best = Candidate.better(best, b.weighted(9, r));
            seeds.add(best);
        }
        double[] cen = new double[6];
        for (int k = 0; k < 3; k++) System.arraycopy(seeds.get(k).x(), 0, cen, 2 * k, 2);
        for (int it = 0; it < 10; it++) {
            LloydPartial p = null;
            for (FingerprintBlock b : blocks) p = p == null ? b.assign(cen, 3) : p.merge(b.assign(cen, 3));
            cen = p.centroids(cen);
        }
        Set<Integer> found = new HashSet<>();
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 3; j++) {
                if (Math.hypot(cen[2 * k] - c[j][0], cen[2 * k + 1] - c[j][1]) < 0.1) found.add(j);
            }
        }
        assertEquals(Set.of(0, 1, 2), found, "each centroid sits on its cluster (within 0.1, the cluster width)");
        Candidate[] nearest = blocks.get(0).nearest(cen, 3, Set.of());
        for (Candidate n : nearest) assertTrue(n.score() > -0.1, "nearest point lies inside its cluster");
    }

    @Test
    void seededDrawsAreReproducibleUniforms() {
        double a = FingerprintBlock.uniform(1, 2, "abc");
        assertEquals(a, FingerprintBlock.uniform(1, 2, "abc"));
        assertNotEquals(a, FingerprintBlock.uniform(2, 2, "abc"));
        assertTrue(a > 0 && a < 1);
        Moments m = new Moments(2).add(new double[] {1, 5}).add(new double[] {3, 5});
        assertArrayEquals(new double[] {2, 5}, m.mean(), 0.0);
        assertArrayEquals(new double[] {1, 0}, m.inverseStd(), 0.0, "constant component drops out");
    }

    @Test
    void fingerprintsAreRotationAndPermutationInvariant() throws IOException {
        FrameInput f = WaterInputs.read(0).get(0);
        TypeMap tm = new TypeMap(List.of("O", "H"));
        Fingerprinter fp = new Fingerprinter(tm, new BehlerParrinello(SymmetryFunctionSet.defaults(6.0), tm.names()));
        double[] a = fp.of(f);
        assertEquals(2 * 2 * 88, a.length);
        // swap two atoms (permutation) and rotate everything (cell included) by 90° about z: x→y, y→−x
        int n = f.natoms();
        double[] pos = new double[3 * n];
        String[] labels = f.typeLabels().clone();
        int[] z = f.atomicNumbers().clone();
        for (int i = 0; i < n; i++) {
            int src = i == 0 ? n - 1 : i == n - 1 ? 0 : i;
            pos[3 * i] = -f.positions()[3 * src + 1];
            pos[3 * i + 1] = f.positions()[3 * src];
            pos[3 * i + 2] = f.positions()[3 * src + 2];
            labels[i] = f.typeLabels()[src];
            z[i] = f.atomicNumbers()[src];
        }
        double[] cell = new double[9];
        for (int v = 0; v < 3; v++) {
            cell[3 * v] = -f.cell()[3 * v + 1];
            cell[3 * v + 1] = f.cell()[3 * v];
            cell[3 * v + 2] = f.cell()[3 * v + 2];
        }
        FrameInput g = new FrameInput("g", f.dataset(), f.split(), z, labels, pos, cell, f.pbc(), f.energy());
        double[] b = fp.of(g);
        for (int k = 0; k < a.length; k++) {
            // round-off of sums of ~10⁴ terms in another order: 1e-10 relative
            assertEquals(a[k], b[k], 1e-10 * Math.max(1.0, Math.abs(a[k])), "component " + k);
        }
    }
}
