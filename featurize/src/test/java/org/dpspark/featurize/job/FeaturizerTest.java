package org.dpspark.featurize.job;

import org.dpspark.model.TypeMap;
import org.dpspark.model.stats.DataStatistics;
import org.dpspark.model.stats.StatsJson;
import org.dpspark.model.stats.StatsFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.JobConfig;
import org.dpspark.model.descriptor.SymmetryFunctionSet;
import org.dpspark.model.stats.EnvMatStatistics;
import org.dpspark.model.stats.NeighborStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The featurize job's pure-Java core on the shared water data (data_0 and data_2, 160 frames), without Spark:
 * partial statistics over "partitions" merged in another order equal one pass over all frames, sel auto, the
 * overflow report, the descriptors and the stats file round trip.
 */
class FeaturizerTest {
    static List<FrameInput> frames;

    @BeforeAll
    static void read() throws IOException {
        frames = new ArrayList<>(WaterInputs.read(0));
        frames.addAll(WaterInputs.read(2));
    }

    static FeaturizeSettings settings(List<String> overrides) {
        return FeaturizeSettings.fromConfig(JobConfig.load(null, overrides), "frames", "out", "test", "{}");
    }

    static FeaturizeSettings water(String... more) {
        List<String> o = new ArrayList<>(List.of("model.type-map=[O,H]"));
        o.addAll(List.of(more));
        return settings(o);
    }

    /** Relative difference (merge order changes round-off only: sums of ~10⁶ terms of O(0.1) agree to ≲ 1e-13). */
    static void close(double want, double got, String what) {
        assertEquals(want, got, 1e-12 * Math.max(1e-300, Math.abs(want)), what);
    }

    @Test
    void mergedPartialsEqualOnePassAndSelAutoAsDeepmd() {
        FeaturizeSettings s = water();
        Featurizer core = new Featurizer(s);
        NeighborStatistics all = new NeighborStatistics(2, 6.0);
        NeighborStatistics[] parts = {new NeighborStatistics(2, 6.0), new NeighborStatistics(2, 6.0),
                new NeighborStatistics(2, 6.0)};
        for (int k = 0; k < frames.size(); k++) {
            core.addNeighborStatistics(frames.get(k), all);
            core.addNeighborStatistics(frames.get(k), parts[k % 3]);
        }
        NeighborStatistics merged = parts[2].merge(parts[0]).merge(parts[1]);
        assertArrayEquals(all.maxNeighbors(), merged.maxNeighbors());
        assertArrayEquals(all.histogram(1, 0), merged.histogram(1, 0));
        int[] sel = merged.selAuto(s.model().sel().autoRatio());
        int[] max = merged.maxNeighbors();
        for (int t = 0; t < 2; t++) {
            assertEquals(NeighborStatistics.wrapUp4(1.1 * max[t]), sel[t]);
        }

        FeaturizeSettings fixed = s.withSel(sel);
        Featurizer c2 = new Featurizer(fixed);
        DataStatistics one = new DataStatistics(sel);
        DataStatistics[] p = {new DataStatistics(sel), new DataStatistics(sel)};
        for (int k = 0; k < frames.size(); k++) {
            c2.addStatistics(frames.get(k), one);
            c2.addStatistics(frames.get(k), p[(k / 7) % 2]);
        }
        DataStatistics m = p[1].merge(p[0]);
        assertEquals(one.frames(), m.frames());
        assertEquals(frames.size(), m.frames());
        assertEquals(frames.size() - frames.size() / 4, m.statsFrames(), "valid frames stay out of the statistics");
        for (int t = 0; t < 2; t++) {
            close(one.envStatistics().meanRadial(t), m.envStatistics().meanRadial(t), "davg " + t);
            close(one.envStatistics().stdRadial(t), m.envStatistics().stdRadial(t), "dstd_r " + t);
            close(one.envStatistics().stdAngular(t), m.envStatistics().stdAngular(t), "dstd_a " + t);
        }
        // water frames all have O64H128: rank-deficient least squares, minimum-norm solution; E = 64·b_O + 128·b_H
        double[] b1 = one.energyBias().solve(), b2 = m.energyBias().solve();
        for (int t = 0; t < 2; t++) close(b1[t], b2[t], "energy bias " + t);
        assertFalse(m.overflow().overflowed(), m.overflow().message());
    }

    @Test
    void overflowIsCountedWithTheWorstFrame() {
        FeaturizeSettings s = water("model.sel=[20,40]");
        Featurizer core = new Featurizer(s);
        DataStatistics st = new DataStatistics(s.model().sel().slots());
        NeighborStatistics ns = new NeighborStatistics(2, 6.0);
        String worstH = null;
        int most = -1;
        NeighborStatistics one = new NeighborStatistics(2, 6.0);
        for (FrameInput f : frames) {
            core.addStatistics(f, st);
            NeighborStatistics fs = new NeighborStatistics(2, 6.0);
            core.addNeighborStatistics(f, fs);
            if (fs.maxNeighbors()[1] > most) {
                most = fs.maxNeighbors()[1];
                worstH = f.frameId();
            }
            core.addNeighborStatistics(f, ns);
        }
        assertTrue(st.overflow().overflowed());
        assertEquals(most, st.overflow().maxCount(1));
        assertEquals(worstH, st.overflow().worstFrame(1), "worst frame = the first frame with the largest H count");
        assertEquals(frames.size(), st.overflow().framesOverflowed(1), "every water frame has atoms with > 40 H");
        assertTrue(st.overflow().neighboursDropped(1) > 0);
        assertTrue(st.overflow().message().contains(worstH), st.overflow().message());
    }

    @Test
    void descriptorsPerAtomAndTypeMapRules() {
        FeaturizeSettings s = water().withSel(new int[] {44, 80});
        Featurizer bp = new Featurizer(s);
        FrameInput f = frames.get(0);
        double[] d = bp.descriptors(f);
        int dim = bp.descriptor().dim();
        assertEquals(88, dim, "8 G2 × 2 elements + 24 G4 × 3 element pairs");
        assertEquals(f.natoms() * dim, d.length);
        Featurizer r = new Featurizer(water("featurize.descriptor=se_e2_r").withSel(new int[] {44, 80}));
        assertEquals(124, r.descriptor().dim());

        TypeMap tm = new TypeMap(List.of("Fe", "O1"));
        assertArrayEquals(new int[] {0, 1, 0}, tm.types(new String[] {"Fe1", "O1", "Fe2"}, new int[] {26, 8, 26}, "f"),
                "labels first, then element symbols");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tm.types(new String[] {"H"}, new int[] {1}, "frame-x"));
        assertTrue(e.getMessage().contains("frame-x") && e.getMessage().contains("H"), e.getMessage());
    }

    @Test
    void statsFileRoundTripReconstructsDavgDstdExactly() {
        FeaturizeSettings s = water().withSel(new int[] {44, 80});
        Featurizer core = new Featurizer(s);
        DataStatistics st = new DataStatistics(s.model().sel().slots());
        NeighborStatistics ns = new NeighborStatistics(2, 6.0);
        for (FrameInput f : frames.subList(0, 20)) {
            core.addStatistics(f, st);
            core.addNeighborStatistics(f, ns);
        }
        var json = StatsJson.build(s.statsInputs(), s.model().typeMap(), "config", ns, st, "t", "run");
        StatsFile back = StatsFile.parse(json.toString());
        EnvMatStatistics env = st.envStatistics();
        assertArrayEquals(env.davg(), back.davg(), 0.0, "JSON doubles round-trip exactly");
        assertArrayEquals(env.dstd(), back.dstd(), 0.0);
        assertArrayEquals(st.energyBias().solve(), back.energyBias(), 0.0);
        assertArrayEquals(new int[] {44, 80}, back.sel());
        assertEquals(List.of("O", "H"), back.typeMap());
    }

    @Test
    void configDefaultsMatchTheLibraryDefaultsAndSelParses() {
        FeaturizeSettings s = settings(List.of());
        assertEquals(SymmetryFunctionSet.defaults(6.0), s.symmetry().set(s.model().rcut()),
                "featurize.symmetry-functions in dpspark-defaults.conf = SymmetryFunctionSet.defaults");
        assertEquals(8, s.symmetry().set(6.0).g2().size(), "the documented 8 G2");
        assertEquals(24, s.symmetry().set(6.0).g4().size(), "the documented 24 G4");
        assertEquals(null, s.model().sel().slots());
        assertEquals(1.1, s.model().sel().autoRatio());
        assertEquals(1.25, settings(List.of("model.sel=\"auto:1.25\"")).model().sel().autoRatio());
        assertArrayEquals(new int[] {46, 92}, settings(List.of("model.sel=[46,92]")).model().sel().slots());
        IllegalArgumentException moved = assertThrows(IllegalArgumentException.class,
                () -> settings(List.of("featurize.sel=[46,92]")));
        assertTrue(moved.getMessage().contains("featurize.sel (moved: use model.sel)"), moved.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(List.of("featurize.descriptor=soap")));
        assertTrue(s.usesForStats("train") && !s.usesForStats("valid"));
    }
}
