package org.dpspark.simulate.dp;

import org.dpspark.model.eval.VerletSlots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.dpspark.model.env.SeAEnvironment;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.simulate.lattice.WaterBox;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

/**
 * {@link VerletSlots} gives, at every step of a random walk (with atoms wrapped across the box now and then, as the
 * MD engine does at its rebuilds), bitwise the slots of featurize's {@link SeAEnvironment} on a freshly built
 * neighbour list: the same neighbour per slot, displacement, environment row, derivative and counts — with its own
 * Verlet list and with a caller's Verlet list adopted.
 */
class VerletSlotsTest {
    static final double RCUT = 6.0;
    static final double RSMTH = 0.5;
    static final int[] SEL = {46, 92};
    static final double SKIN = 1.0;

    @Test
    void ownListMatchesAFreshSearchEveryStep() {
        walk(false);
    }

    @Test
    void adoptedListMatchesAFreshSearchEveryStep() {
        walk(true);
    }

    private static void walk(boolean adopt) {
        Structure s = WaterBox.build(64, 1.0, 3L);
        double[] x = s.positions();
        double[] cell = s.cell();
        int[] types = s.types();
        int n = types.length;
        int nnei = SEL[0] + SEL[1];
        VerletSlots slots = new VerletSlots(RCUT, RSMTH, SEL, SKIN);
        SeAEnvironment env = new SeAEnvironment(RCUT, RSMTH, SEL);
        NeighborListBuilder fresh = new NeighborListBuilder(RCUT);
        NeighborListBuilder outer = new NeighborListBuilder(RCUT + SKIN);
        NeighborList verlet = new NeighborList();
        double[] ref = x.clone();
        outer.build(x, cell, null, verlet);
        NeighborList nl = new NeighborList();
        double[] e1 = new double[4 * nnei], d1 = new double[12 * nnei], r1 = new double[3 * nnei];
        double[] e2 = new double[4 * nnei], d2 = new double[12 * nnei], r2 = new double[3 * nnei];
        int[] n1 = new int[nnei], n2 = new int[nnei], c1 = new int[2], c2 = new int[2];
        SplittableRandom rnd = new SplittableRandom(5);
        int outerBuilds = 1;
        for (int step = 0; step < 60; step++) {
            for (int k = 0; k < 3 * n; k++) x[k] += 0.04 * (rnd.nextDouble() - 0.5);
            if (adopt) {
                // the caller's Verlet list: rebuilt (after wrapping, as the engine does) when an atom moved > skin/2
                double max = 0;
                for (int i = 0; i < n; i++) {
                    double dx = x[3 * i] - ref[3 * i], dy = x[3 * i + 1] - ref[3 * i + 1], dz = x[3 * i + 2] - ref[3 * i + 2];
                    max = Math.max(max, dx * dx + dy * dy + dz * dz);
                }
                if (max > 0.25 * SKIN * SKIN || step % 25 == 24) {
                    wrap(x, cell, rnd);
                    outer.build(x, cell, null, verlet);
                    System.arraycopy(x, 0, ref, 0, 3 * n);
                    outerBuilds++;
                }
                slots.update(x, cell, types, verlet);
            } else {
                if (step % 25 == 24) wrap(x, cell, rnd);
                slots.update(x, cell, types);
            }
            fresh.build(x, cell, null, nl);
            for (int i = 0; i < n; i++) {
                int dropped1 = env.computeAtom(i, types, nl, e1, 0, d1, 0, r1, 0, n1, 0, c1);
                int dropped2 = slots.computeAtom(i, e2, d2, r2, 0, n2, 0, c2);
                assertEquals(dropped1, dropped2, "dropped, atom " + i + " step " + step);
                assertArrayEquals(n1, n2, "neighbours, atom " + i + " step " + step);
                assertArrayEquals(c1, c2, "counts");
                assertArrayEquals(r1, r2, 0.0, "r_ij");
                assertArrayEquals(e1, e2, 0.0, "environment rows");
                assertArrayEquals(d1, d2, 0.0, "derivatives");
            }
        }
        if (adopt) {
            assertEquals(0, slots.rebuilds(), "no own list built");
            assertEquals(outerBuilds, slots.adoptions(), "adopted at each of the caller's builds");
        } else {
            assertTrue(slots.rebuilds() >= 3 && slots.rebuilds() < 60, "rebuilt when needed only: " + slots.rebuilds());
        }
    }

    /** Moves a few atoms by a whole cell vector (the engine's wrapping): their images change, not the geometry. */
    private static void wrap(double[] x, double[] cell, SplittableRandom rnd) {
        for (int k = 0; k < 10; k++) {
            int i = rnd.nextInt(x.length / 3), a = rnd.nextInt(3);
            double sgn = rnd.nextBoolean() ? 1 : -1;
            for (int b = 0; b < 3; b++) x[3 * i + b] += sgn * cell[3 * a + b];
        }
    }
}
