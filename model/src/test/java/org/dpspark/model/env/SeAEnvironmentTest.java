package org.dpspark.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.model.testing.BruteForceNeighbors;
import org.dpspark.model.testing.DeepmdSystem;
import org.dpspark.model.testing.TestFrame;
import org.junit.jupiter.api.Test;

/** se_e2_a environment matrix on real water frames: formula, slot layout, padding, overflow, derivatives. */
class SeAEnvironmentTest {
    static final double RC = 6.0, RS = 0.5;
    static final int[] SEL = {46, 92};

    static TestFrame water(int k) throws IOException {
        return DeepmdSystem.read(SharedData.path("deepmd/water/data_0")).get(k);
    }

    /**
     * The s(r) of docs/physics.md#se_e2_a-the-smooth-environment-matrix written independently:
     * (1/r)[x³(−6x²+15x−10)+1] between r_s and r_c.
     */
    static double sRef(double r) {
        if (r < RS) return 1 / r;
        if (r >= RC) return 0;
        double x = (r - RS) / (RC - RS);
        return (1 / r) * (x * x * x * (-6 * x * x + 15 * x - 10) + 1);
    }

    @Test
    void slotsFollowDeepmdLayout() throws IOException {
        TestFrame f = water(0);
        NeighborList nl = new NeighborListBuilder(RC).build(f.positions(), f.cell(), f.pbc());
        SeAEnvironment env = new SeAEnvironment(RC, RS, SEL);
        SeAFrame fr = env.computeFrame(f.types(), nl, null);
        List<List<BruteForceNeighbors.Pair>> ref = BruteForceNeighbors.compute(f.positions(), f.cell(), RC);
        assertEquals(138, fr.nnei());
        assertTrue(!fr.overflowed(), "water with sel [46, 92] must not overflow");
        for (int i = 0; i < f.natoms(); i++) {
            int[] want = new int[2];
            for (BruteForceNeighbors.Pair p : ref.get(i)) want[f.types()[p.j()]]++;
            for (int t = 0; t < 2; t++) {
                assertEquals(want[t], fr.counts()[2 * i + t]);
                double last = 0;
                for (int s = env.selOffset(t); s < env.selOffset(t + 1); s++) {
                    int k = s - env.selOffset(t);
                    int j = fr.neighbor(i, s);
                    if (k < want[t]) {
                        assertTrue(j >= 0 && f.types()[j] == t, "slot of the wrong type");
                        double x = fr.rij()[3 * (i * 138 + s)], y = fr.rij()[3 * (i * 138 + s) + 1], z = fr.rij()[3 * (i * 138 + s) + 2];
                        double r = Math.sqrt(x * x + y * y + z * z);
                        assertTrue(r >= last, "not sorted by distance");
                        last = r;
                        double sv = sRef(r);
                        // same formula, different operation order: 1e-14 relative (a few roundings of O(1) terms)
                        assertEquals(sv, fr.env(i, s, 0), 1e-14 * Math.abs(sv));
                        assertEquals(sv * x / r, fr.env(i, s, 1), 1e-14 * Math.abs(sv));
                        assertEquals(sv * y / r, fr.env(i, s, 2), 1e-14 * Math.abs(sv));
                        assertEquals(sv * z / r, fr.env(i, s, 3), 1e-14 * Math.abs(sv));
                    } else {
                        assertEquals(-1, j, "padding slot must be -1");
                        for (int c = 0; c < 4; c++) {
                            assertEquals(0.0, fr.env(i, s, c));
                            for (int b = 0; b < 3; b++) assertEquals(0.0, fr.deriv(i, s, c, b));
                        }
                    }
                }
            }
        }
    }

    @Test
    void derivativeMatchesFiniteDifferencesOnWater() throws IOException {
        // Box 12.44 Å > 2 r_c: every neighbour appears once, so moving atom j by h moves exactly one slot of i.
        // h = 1e-5 Å: truncation h²·|R‴|/6 ≲ 1e-9 (|R‴| ≲ 60 Å⁻⁴ at r ≥ 0.9 Å), round-off 1e-16/h·|R| ≲ 1e-11: assert 1e-6 relative.
        TestFrame f = water(3);
        SeAEnvironment env = new SeAEnvironment(RC, RS, SEL);
        NeighborListBuilder b = new NeighborListBuilder(RC);
        SeAFrame base = env.computeFrame(f.types(), b.build(f.positions(), f.cell(), f.pbc()), null);
        double h = 1e-5, worst = 0;
        int checked = 0;
        for (int i : new int[] {0, 70}) {
            for (int s = 0; s < 138; s++) {
                int j = base.neighbor(i, s);
                if (j < 0) continue;
                for (int dir = 0; dir < 3; dir++) {
                    double[] plus = f.positions().clone(), minus = f.positions().clone();
                    plus[3 * j + dir] += h;
                    minus[3 * j + dir] -= h;
                    SeAFrame up = env.computeFrame(f.types(), b.build(plus, f.cell(), f.pbc()), null);
                    SeAFrame dn = env.computeFrame(f.types(), b.build(minus, f.cell(), f.pbc()), null);
                    int su = slotOf(up, i, j), sd = slotOf(dn, i, j);
                    for (int c = 0; c < 4; c++) {
                        double fd = (up.env(i, su, c) - dn.env(i, sd, c)) / (2 * h);
                        double an = base.deriv(i, s, c, dir);
                        double scale = Math.max(Math.abs(base.env(i, s, 0)) / 0.9, 1e-3); // |∂R| ~ |R|/r
                        worst = Math.max(worst, Math.abs(fd - an) / scale);
                        assertEquals(an, fd, 1e-6 * scale, "atom " + i + " slot " + s + " c " + c + " dir " + dir);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 500);
        System.out.printf("env-matrix derivative: %d components, max relative FD error %.2e%n", checked, worst);
    }

    private static int slotOf(SeAFrame f, int i, int j) {
        for (int s = 0; s < f.nnei(); s++) if (f.neighbor(i, s) == j) return s;
        throw new AssertionError("neighbour " + j + " lost");
    }

    @Test
    void overflowIsCountedAndReported() throws IOException {
        List<TestFrame> frames = DeepmdSystem.read(SharedData.path("deepmd/water/data_0"));
        int[] small = {20, 40};
        SeAEnvironment env = new SeAEnvironment(RC, RS, small);
        NeighborListBuilder b = new NeighborListBuilder(RC);
        OverflowReport report = new OverflowReport(small);
        OverflowReport half = new OverflowReport(small);
        OverflowReport reversed = new OverflowReport(small);
        OverflowReport reversedHalf = new OverflowReport(small);
        long expectedDropped0 = 0;
        int expectedMax1 = -1;
        String worst1 = null;
        List<SeAFrame> computed = new java.util.ArrayList<>();
        for (int k = 0; k < 6; k++) {
            TestFrame f = frames.get(k);
            SeAFrame fr = env.computeFrame(f.types(), b.build(f.positions(), f.cell(), f.pbc()), null);
            for (int i = 0; i < f.natoms(); i++) {
                expectedDropped0 += Math.max(0, fr.counts()[2 * i] - small[0]);
                int c1 = fr.counts()[2 * i + 1];
                if (c1 > expectedMax1 || (c1 == expectedMax1 && f.id().compareTo(worst1) < 0)) {
                    expectedMax1 = c1;
                    worst1 = f.id();
                }
                int nonPad = 0;
                for (int s = 0; s < fr.nnei(); s++) if (fr.neighbor(i, s) >= 0) nonPad++;
                assertEquals(Math.min(fr.counts()[2 * i], 20) + Math.min(fr.counts()[2 * i + 1], 40), nonPad);
            }
            (k < 3 ? report : half).add(f.id(), fr);
            computed.add(fr);
        }
        for (int k = 5; k >= 0; k--) (k < 3 ? reversedHalf : reversed).add(frames.get(k).id(), computed.get(k));
        report.merge(half);
        reversed.merge(reversedHalf);
        // Spark merges partitions in whatever order tasks finish: the report must not depend on it.
        assertEquals(report.message(), reversed.message());
        assertEquals(report.worstFrame(0), reversed.worstFrame(0));
        assertEquals(report.worstFrame(1), reversed.worstFrame(1));
        assertTrue(report.overflowed());
        assertEquals(expectedDropped0, report.neighboursDropped(0));
        assertEquals(expectedMax1, report.maxCount(1));
        assertEquals(worst1, report.worstFrame(1));
        assertTrue(report.message().contains("sel[1]=40 too small"), report.message());
        System.out.println(report.message());
    }
}
