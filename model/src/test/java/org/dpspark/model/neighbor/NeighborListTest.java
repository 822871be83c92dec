package org.dpspark.model.neighbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dpspark.core.CellMath;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.testing.BruteForceNeighbors;
import org.dpspark.model.testing.DeepmdSystem;
import org.dpspark.model.testing.ExtxyzTestReader;
import org.dpspark.model.testing.TestFrame;
import org.junit.jupiter.api.Test;

/**
 * The cell-list neighbour list equals an independent brute force (all pairs × all periodic images) on the
 * real shared datasets and on random triclinic cells. Both evaluate r_j + n·h − r_i from the same numbers, so
 * vectors and distances must agree to round-off: 1e-12 Å (values are ≤ 100 Å, double eps 2.2e-16 → ≤ 1e-13).
 */
class NeighborListTest {
    static final double TOL = 1e-12; // Å, see class comment

    static int check(TestFrame f, boolean[] pbc, double rc) {
        NeighborList nl = new NeighborListBuilder(rc).build(f.positions(), f.cell(), pbc);
        List<List<BruteForceNeighbors.Pair>> ref = BruteForceNeighbors.compute(f.positions(), f.cell(), pbc, rc);
        assertEquals(f.natoms(), nl.natoms());
        int total = 0;
        for (int i = 0; i < f.natoms(); i++) {
            Map<String, BruteForceNeighbors.Pair> want = new HashMap<>();
            for (BruteForceNeighbors.Pair p : ref.get(i)) want.put(p.key(), p);
            assertEquals(want.size(), nl.count(i), f.id() + ": neighbour count of atom " + i);
            for (int p = nl.start(i); p < nl.end(i); p++) {
                String key = nl.neighbor(p) + ":" + nl.shift(p, 0) + ":" + nl.shift(p, 1) + ":" + nl.shift(p, 2);
                BruteForceNeighbors.Pair q = want.remove(key);
                assertTrue(q != null, f.id() + ": atom " + i + " has unexpected or duplicate neighbour " + key);
                assertEquals(q.dx(), nl.vec(p, 0), TOL);
                assertEquals(q.dy(), nl.vec(p, 1), TOL);
                assertEquals(q.dz(), nl.vec(p, 2), TOL);
                assertEquals(q.r(), nl.distance(p), TOL);
            }
            assertTrue(want.isEmpty(), f.id() + ": atom " + i + " misses " + want.keySet());
            total += nl.count(i);
        }
        return total;
    }

    static void checkSample(List<TestFrame> frames, int every, double rc) {
        int pairs = 0;
        for (int k = 0; k < frames.size(); k += every) {
            pairs += check(frames.get(k), frames.get(k).pbc(), rc);
        }
        pairs += check(frames.get(frames.size() - 1), frames.get(frames.size() - 1).pbc(), rc);
        assertTrue(pairs > 0, "no neighbours at all: the test would be vacuous");
    }

    @Test
    void waterMatchesBruteForce() throws IOException {
        for (int s = 0; s < 4; s++) {
            List<TestFrame> frames = DeepmdSystem.read(SharedData.path("deepmd/water/data_" + s));
            checkSample(frames, 50, 6.0);
        }
    }

    @Test
    void waterVirialMatchesBruteForce() throws IOException {
        checkSample(DeepmdSystem.read(SharedData.path("deepmd/water-virial")), 10, 6.0);
    }

    @Test
    void berylliumCellSmallerThanTwiceTheCutoff() throws IOException {
        List<TestFrame> frames = DeepmdSystem.read(SharedData.path("deepmd/Be-multiset"));
        // box 10.43 Å < 2·6 Å: an atom sees several images of the same neighbour
        assertTrue(frames.get(0).cell()[0] < 12.0);
        checkSample(frames, 37, 6.0);
    }

    @Test
    void tiAlTinyCellsManyImages() throws IOException {
        List<TestFrame> frames = ExtxyzTestReader.read(SharedData.path("extxyz/TiAl_tutorial_DB_tenth.xyz"), List.of("Ti", "Al"));
        assertEquals(33, frames.size());
        for (TestFrame f : frames) {
            check(f, f.pbc(), 6.0); // 2-atom cells of ~2.6×2.6×3.8 Å: rc/width ≈ 2.3 → ±3 images
        }
        // atom 0 of a 2-atom cell must see images of itself
        NeighborList nl = new NeighborListBuilder(6.0).build(frames.get(0).positions(), frames.get(0).cell(), null);
        boolean selfImage = false;
        for (int p = nl.start(0); p < nl.end(0); p++) selfImage |= nl.neighbor(p) == 0;
        assertTrue(selfImage);
    }

    @Test
    void moleculesWithoutCell() throws IOException {
        for (String m : List.of("C1H4O2", "C3H3O4", "C4H3O1")) {
            List<TestFrame> frames = DeepmdSystem.read(SharedData.path("deepmd/nopbc-CHO/" + m));
            assertTrue(frames.get(0).cell() == null, "nopbc system must have no cell");
            checkSample(frames, 97, 6.0);
            checkSample(frames, 97, 1.2); // a short cutoff so that bins and partial lists are exercised
        }
    }

    @Test
    void randomTriclinicCells() {
        Random rng = new Random(20240611);
        for (int trial = 0; trial < 40; trial++) {
            double a = 3 + 12 * rng.nextDouble(), b = 3 + 12 * rng.nextDouble(), c = 3 + 12 * rng.nextDouble();
            double alpha = 55 + 70 * rng.nextDouble(), beta = 55 + 70 * rng.nextDouble(), gamma = 55 + 70 * rng.nextDouble();
            double[] cell = CellMath.fromLengthsAndAngles(a, b, c, alpha, beta, gamma);
            if (Double.isNaN(cell[8]) || CellMath.determinant(cell) < 5.0) continue; // impossible angle triple
            int n = 1 + rng.nextInt(30);
            double[] frac = new double[3 * n];
            for (int k = 0; k < frac.length; k++) frac[k] = -1.5 + 4 * rng.nextDouble(); // atoms far outside the cell
            double[] pos = CellMath.fractionalToCartesian(frac, cell);
            double rc = 2 + 5 * rng.nextDouble();
            boolean[] pbc = trial % 5 == 4 ? new boolean[] {true, false, true} : null;
            TestFrame f = new TestFrame("random#" + trial, pos, cell, new int[n], Double.NaN);
            check(f, pbc, rc);
        }
    }

    @Test
    void reuseAcrossFramesOfDifferentSize() throws IOException {
        NeighborListBuilder builder = new NeighborListBuilder(6.0);
        NeighborList nl = new NeighborList();
        List<TestFrame> tial = ExtxyzTestReader.read(SharedData.path("extxyz/TiAl_tutorial_DB_tenth.xyz"), List.of("Ti", "Al"));
        for (TestFrame f : List.of(tial.get(32), tial.get(0), tial.get(32))) {
            builder.build(f.positions(), f.cell(), null, nl);
            NeighborList fresh = new NeighborListBuilder(6.0).build(f.positions(), f.cell(), null);
            assertEquals(fresh.size(), nl.size());
            for (int i = 0; i < f.natoms(); i++) assertEquals(fresh.count(i), nl.count(i));
        }
    }
}
