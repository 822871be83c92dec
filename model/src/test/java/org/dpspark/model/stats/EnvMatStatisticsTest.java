package org.dpspark.model.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.env.EnvNormalization;
import org.dpspark.model.env.SeAEnvironment;
import org.dpspark.model.env.SeAFrame;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.model.testing.DeepmdSystem;
import org.dpspark.model.testing.TestFrame;
import org.junit.jupiter.api.Test;

/**
 * davg/dstd on real water frames against a direct two-pass mean/std over all slots (padding included);
 * partials merged equal one accumulator; normalised s has mean 0 and std 1. Tolerance 1e-12 relative:
 * sums of ~10⁵ terms accumulated in different orders (round-off ~1e-16·√n ≪ 1e-12).
 */
class EnvMatStatisticsTest {
    @Test
    void matchesDirectComputationAndMerges() throws IOException {
        List<TestFrame> frames = DeepmdSystem.read(SharedData.path("deepmd/water/data_1"));
        SeAEnvironment env = new SeAEnvironment(6.0, 0.5, new int[] {46, 92});
        NeighborListBuilder b = new NeighborListBuilder(6.0);
        EnvMatStatistics all = new EnvMatStatistics(2, 138), p1 = new EnvMatStatistics(2, 138), p2 = new EnvMatStatistics(2, 138);
        double[][] sum = new double[2][2], sum2 = new double[2][2];
        long[][] n = new long[2][2];
        for (int k = 0; k < 4; k++) {
            TestFrame f = frames.get(k * 50);
            SeAFrame fr = env.computeFrame(f.types(), b.build(f.positions(), f.cell(), f.pbc()), null);
            all.add(fr, f.types());
            (k % 2 == 0 ? p1 : p2).add(fr, f.types());
            for (int i = 0; i < f.natoms(); i++) {
                int t = f.types()[i];
                for (int s = 0; s < 138; s++) {
                    for (int c = 0; c < 4; c++) {
                        double v = fr.env(i, s, c);
                        int col = c == 0 ? 0 : 1;
                        sum[t][col] += v;
                        sum2[t][col] += v * v;
                        n[t][col]++;
                    }
                }
            }
        }
        p1.merge(p2);
        double[] davg = all.davg(), dstd = all.dstd(), davgM = p1.davg(), dstdM = p1.dstd();
        for (int t = 0; t < 2; t++) {
            assertEquals(n[t][0], all.count(t)); // every slot of every type-t atom, padding included
            double mr = sum[t][0] / n[t][0], ma = sum[t][1] / n[t][1];
            double sr = Math.sqrt(sum2[t][0] / n[t][0] - mr * mr), sa = Math.sqrt(sum2[t][1] / n[t][1] - ma * ma);
            for (int s = 0; s < 138; s += 17) {
                int o = (t * 138 + s) * 4;
                assertEquals(mr, davg[o], 1e-12 * mr);
                assertEquals(0.0, davg[o + 1]);
                assertEquals(sr, dstd[o], 1e-12 * sr);
                assertEquals(sa, dstd[o + 2], 1e-12 * sa);
                assertEquals(davg[o], davgM[o], 1e-12 * mr);
                assertEquals(dstd[o], dstdM[o], 1e-12 * sr);
            }
            System.out.printf("water type %d: davg_s %.6f dstd_s %.6f dstd_a %.6f%n", t, mr, sr, sa);
        }
        // after normalisation the s column (all slots) has mean 0 and std 1
        TestFrame f = frames.get(0);
        SeAFrame fr = env.computeFrame(f.types(), b.build(f.positions(), f.cell(), f.pbc()), null);
        EnvMatStatistics one = new EnvMatStatistics(2, 138).add(fr, f.types());
        EnvNormalization.apply(fr, f.types(), one.davg(), one.dstd());
        EnvMatStatistics after = new EnvMatStatistics(2, 138).add(fr, f.types());
        for (int t = 0; t < 2; t++) {
            assertEquals(0.0, after.meanRadial(t), 1e-12);
            assertEquals(1.0, after.stdRadial(t), 1e-12);
        }
    }

    @Test
    void protectionAndDefaults() {
        // two atoms 20 Å apart: all slots padding → s ≡ 0, std 0 → DeePMD protection 1e-2; unseen type → 0.1
        double[] pos = {0, 0, 0, 20, 0, 0};
        int[] types = {0, 0};
        SeAEnvironment env = new SeAEnvironment(6.0, 0.5, new int[] {4, 4});
        SeAFrame fr = env.computeFrame(types, new NeighborListBuilder(6.0).build(pos, null, null), null);
        EnvMatStatistics st = new EnvMatStatistics(2, 8).add(fr, types);
        assertEquals(0.0, st.meanRadial(0));
        assertEquals(EnvMatStatistics.PROTECTION, st.stdRadial(0));
        assertEquals(EnvMatStatistics.DEFAULT_STD, st.stdRadial(1));
        assertEquals(0.0, st.meanRadial(1));
    }
}
