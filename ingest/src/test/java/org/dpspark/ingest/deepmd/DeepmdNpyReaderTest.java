package org.dpspark.ingest.deepmd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.junit.jupiter.api.Test;

/**
 * The real DeePMD-kit example systems in shared/data/deepmd. Expected numbers were printed once with
 * numpy 2.4 ({@code np.load(file)[index]}) from the same files; float32 values widen to doubles exactly,
 * so they are compared with no tolerance.
 */
class DeepmdNpyReaderTest {
    private final DeepmdNpyReader reader = new DeepmdNpyReader();

    private static Records read(String rel, ReadOptions o) throws IOException {
        return Records.read(new DeepmdNpyReader(), SharedData.path(rel), o);
    }

    @Test
    void waterHas400FramesOf192AtomsInFiveSets() throws IOException {
        int total = 0;
        int[] expected = {80, 160, 80, 80};
        for (int d = 0; d < 4; d++) {
            Records r = read("deepmd/water/data_" + d, ReadOptions.of("water"));
            assertEquals(List.of(), r.rejects());
            assertEquals(expected[d], r.frames().size());
            for (int i = 0; i < r.frames().size(); i++) {
                Frame f = r.frames().get(i);
                assertEquals(i, f.sourceIndex());
                assertEquals("H128O64", f.formula());
                assertEquals("water", f.dataset());
                assertTrue(f.periodic());
            }
            total += r.frames().size();
        }
        assertEquals(400, total);
    }

    @Test
    void waterValuesMatchTheFiles() throws IOException {
        Records r0 = read("deepmd/water/data_0", ReadOptions.of("w"));
        Frame f = r0.frames().get(0);
        assertEquals(-29943.90625, f.energy());
        assertEquals(7.538785934448242, f.positions()[0]);
        assertEquals(0.6219968795776367, f.forces()[0]);
        double a = 12.444661140441895;
        assertArrayEquals(new double[] {a, 0, 0, 0, a, 0, 0, 0, a}, f.cell());
        assertEquals("O", f.typeLabels()[0]);
        assertEquals(8, f.atomicNumbers()[0]);
        assertNull(f.virial());
        assertEquals(SharedData.path("deepmd/water/data_0").toString(), f.sourceFile());

        Records r1 = read("deepmd/water/data_1", ReadOptions.of("w"));
        assertEquals(List.of("set.000", "set.001"), r1.splits().stream().map(InputSplit::part).toList());
        Frame firstOfSet1 = r1.frames().get(80);
        assertEquals(80, firstOfSet1.sourceIndex());
        assertEquals(-29944.060546875, firstOfSet1.energy());
        Frame last = r1.frames().get(159);
        assertEquals(159, last.sourceIndex());
        assertEquals(-29943.248046875, last.energy());
        assertEquals(7.33017110824585, last.positions()[575]);
    }

    @Test
    void frameRangeSplitsGiveTheSameFramesWithGlobalIndices() throws IOException {
        Path p = SharedData.path("deepmd/water/data_1");
        ReadOptions small = new ReadOptions("w", List.of(), Map.of(), Map.of("split_frames", "30"));
        Records pieces = Records.read(reader, p, small);
        // two sets of 80 frames, each cut into 0-30, 30-60, 60-80
        assertEquals(6, pieces.splits().size());
        assertEquals(new InputSplit(p.toString(), "deepmd/npy", "set.001", 30, 60), pieces.splits().get(4));
        Records whole = Records.read(reader, p, ReadOptions.of("w"));
        assertEquals(whole.frames(), pieces.frames());
        // the whole system as one split (part "") reads the same frames too
        List<Frame> all = Records.read(new SingleSplit(reader), p, ReadOptions.of("w")).frames();
        assertEquals(whole.frames(), all);
    }

    @Test
    void waterVirialCarriesVirialsAndPerFrameBoxes() throws IOException {
        Records r = read("deepmd/water-virial", ReadOptions.of("wv"));
        assertEquals(List.of(), r.rejects());
        assertEquals(30, r.frames().size());
        assertEquals(384, r.frames().get(0).natoms());
        assertEquals(-19.32624626159668, r.frames().get(0).virial()[0]);
        Frame last = r.frames().get(29);
        assertEquals(-34.38056182861328, last.virial()[8]);
        assertEquals(15.533119201660156, last.cell()[0]);
        assertEquals(-1877.2750244140625, last.energy());
    }

    @Test
    void nopbcSystemsAreMoleculesWithTheirOwnTypeMaps() throws IOException {
        String[] names = {"C1H4O2", "C3H3O4", "C4H3O1"};
        int[] counts = {1562, 485, 15};
        String[] formulas = {"CH4O2", "C3H3O4", "C4H3O"};
        for (int k = 0; k < 3; k++) {
            Records r = read("deepmd/nopbc-CHO/" + names[k], ReadOptions.of("cho"));
            assertEquals(List.of(), r.rejects());
            assertEquals(counts[k], r.frames().size());
            for (Frame f : r.frames()) {
                assertNull(f.cell());
                assertFalse(f.periodic());
                assertEquals(formulas[k], f.formula());
            }
        }
        Records r = read("deepmd/nopbc-CHO/C1H4O2", ReadOptions.of("cho"));
        // type.raw "1 1 1 1 0 2 2" with type_map.raw "C H O"
        assertArrayEquals(new String[] {"H", "H", "H", "H", "C", "O", "O"}, r.frames().get(0).typeLabels());
        Frame last = r.frames().get(1561);
        assertEquals(-5188.1865234375, last.energy());
        assertEquals(6.488033771514893, last.forces()[20]);
    }

    @Test
    void beMultisetNeedsATypeMap() throws IOException {
        Records without = read("deepmd/Be-multiset", ReadOptions.of("be"));
        assertEquals(0, without.frames().size());
        Reject rej = without.onlyReject();
        assertEquals(RejectReason.UNKNOWN_ELEMENT, rej.reason());
        assertEquals(-1, rej.sourceIndex());
        assertTrue(rej.message().contains("no type_map.raw") && rej.message().contains("pass a type map"),
                rej.message());

        Records with = read("deepmd/Be-multiset", new ReadOptions("be", List.of("Be"), Map.of(), Map.of()));
        assertEquals(List.of(), with.rejects());
        assertEquals(3, with.splits().size());
        assertEquals(300, with.frames().size());
        Frame f = with.frames().get(100);
        assertEquals(100, f.sourceIndex());
        assertEquals("Be54", f.formula());
        assertEquals(-167.8297576904297, f.energy());
        assertEquals(10.221092224121094, f.positions()[0]);
        // fparam (100,) per set: one value per frame; aparam stored (1, 5400) = 100 frames × 54 atoms × 1
        double p = 0.2585202753543854;
        assertArrayEquals(new double[] {p}, f.fparam());
        double[] ap = with.frames().get(299).aparam();
        assertEquals(54, ap.length);
        for (double v : ap) {
            assertEquals(p, v);
        }
    }

    @Test
    void recognizesSystemFoldersByListing() {
        assertTrue(reader.recognizes(InputProbe.of(SharedData.path("deepmd/water/data_1"))));
        assertTrue(reader.recognizes(InputProbe.of(SharedData.path("deepmd/Be-multiset"))));
        assertFalse(reader.recognizes(InputProbe.of(SharedData.path("deepmd/water"))));
        assertFalse(reader.recognizes(InputProbe.of(SharedData.path("vasp/deepmd.h2o.md"))));
        assertFalse(reader.recognizes(InputProbe.of(SharedData.path("deepmd/water/data_0/type.raw"))));
    }
}
