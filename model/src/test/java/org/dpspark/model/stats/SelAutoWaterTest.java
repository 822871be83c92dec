package org.dpspark.model.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/**
 * {@code sel: "auto"} on all 400 frames of the shared water data (data_0..3), r_c = 6 Å.
 *
 * <p>Explanation vs DeePMD-kit's example sel [46, 92]: the example value is hand-chosen with a generous
 * margin. On these 400 frames the largest counts are 38 O and 72 H neighbours (what {@code dp neighbor-stat}
 * reports as max_nbor_size), so the example is 1.21× / 1.28× the maxima, and {@code sel: "auto"} =
 * wrap_up_4(⌊1.1·max⌋) = [wrap(41.8) = 44, wrap(79.2) = 80]. Liquid water at 1 g/cm³ has 0.0334 O/Å³, i.e. on
 * average 30 O and 60 H within 6 Å; local density fluctuations put the maxima about 25 % above that. Both choices are safe (no neighbour dropped); the
 * larger example sel only costs padding slots (which still enter the se_e2_a descriptor through davg/dstd).
 */
class SelAutoWaterTest {
    @Test
    void selAutoOnSharedWater() throws IOException {
        NeighborListBuilder b = new NeighborListBuilder(6.0);
        NeighborList nl = new NeighborList();
        NeighborStatistics merged = new NeighborStatistics(2, 6.0), single = new NeighborStatistics(2, 6.0);
        int frames = 0;
        for (int s = 0; s < 4; s++) {
            NeighborStatistics part = new NeighborStatistics(2, 6.0);
            List<TestFrame> sys = DeepmdSystem.read(SharedData.path("deepmd/water/data_" + s));
            for (TestFrame f : sys) {
                b.build(f.positions(), f.cell(), f.pbc(), nl);
                part.add(nl, f.types());
                single.add(nl, f.types());
                frames++;
            }
            // brute-force cross-check of the per-frame counts on the first frame of each system
            TestFrame f0 = sys.get(0);
            List<List<BruteForceNeighbors.Pair>> ref = BruteForceNeighbors.compute(f0.positions(), f0.cell(), 6.0);
            NeighborStatistics one = new NeighborStatistics(2, 6.0).add(b.build(f0.positions(), f0.cell(), f0.pbc()), f0.types());
            int[] want = new int[2];
            for (List<BruteForceNeighbors.Pair> li : ref) {
                int[] c = new int[2];
                for (BruteForceNeighbors.Pair p : li) c[f0.types()[p.j()]]++;
                want[0] = Math.max(want[0], c[0]);
                want[1] = Math.max(want[1], c[1]);
            }
            assertArrayEquals(want, one.maxNeighbors());
            merged.merge(part);
        }
        assertEquals(400, frames);
        assertArrayEquals(single.maxNeighbors(), merged.maxNeighbors());
        assertArrayEquals(single.histogram(0, 1), merged.histogram(0, 1));
        int[] max = merged.maxNeighbors();
        int[] sel = merged.selAuto(org.dpspark.model.ModelSettings.defaults().sel().autoRatio());
        for (int t = 0; t < 2; t++) {
            assertEquals(0, sel[t] % 4);
            assertTrue(sel[t] >= (int) (1.1 * max[t]) && sel[t] < (int) (1.1 * max[t]) + 4);
        }
        assertTrue(max[0] <= 46 && max[1] <= 92, "DeePMD's example sel [46, 92] must hold every water neighbour");
        long atoms = 0;
        for (long c : merged.histogram(0, 0)) atoms += c;
        assertEquals(400L * 64, atoms, "histogram of O centres counts every O atom of every frame");
        System.out.printf("water r_c=6: max neighbours O %d, H %d (O centres: %d O / %d H; H centres: %d O / %d H); "
                + "min distance %.3f Å; sel auto %s vs DeePMD example [46, 92]%n",
                max[0], max[1], merged.maxNeighbors(0, 0), merged.maxNeighbors(0, 1), merged.maxNeighbors(1, 0),
                merged.maxNeighbors(1, 1), merged.minDistance(), java.util.Arrays.toString(sel));
    }

    @Test
    void wrapUp4AsDeepmd() {
        // 4·((int(x) + 3) // 4): truncation first
        assertEquals(44, NeighborStatistics.wrapUp4(41.8));
        assertEquals(40, NeighborStatistics.wrapUp4(40.7));
        assertEquals(44, NeighborStatistics.wrapUp4(1.1 * 40)); // 44.00000000000001 → 44
        assertEquals(0, NeighborStatistics.wrapUp4(0));
    }
}
