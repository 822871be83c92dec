package org.dpspark.ingest.deepmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deepmd/hdf5 files written with io.jhdf in DeePMD-kit's layout from the real deepmd/npy systems; the HDF5
 * reader must give the frames the npy reader gives (values bitwise equal: float32 stays float32).
 */
class DeepmdHdf5ReaderTest {
    @TempDir
    Path tmp;
    private Path h5;
    private List<Frame> water;
    private List<Frame> cho;
    private final DeepmdHdf5Reader reader = new DeepmdHdf5Reader();

    /** Writes frames as a DeePMD system group: float32 arrays when {@code f32}, sets of {@code setSize}. */
    static void putSystem(WritableGroup g, List<Frame> frames, int setSize, List<String> typeMap, boolean f32) {
        String[] labels = frames.get(0).typeLabels();
        int[] types = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            types[i] = typeMap.indexOf(labels[i]);
        }
        g.putDataset("type.raw", types);
        if (!typeMap.isEmpty()) {
            g.putDataset("type_map.raw", typeMap.toArray(new String[0]));
        }
        boolean molecule = frames.get(0).cell() == null;
        if (molecule) {
            g.putDataset("nopbc", true);
        }
        for (int s = 0; s * setSize < frames.size(); s++) {
            List<Frame> part = frames.subList(s * setSize, Math.min(frames.size(), (s + 1) * setSize));
            WritableGroup set = g.putGroup(String.format("set.%03d", s));
            set.putDataset("coord.npy", matrix(part, Frame::positions, f32));
            if (!molecule) {
                set.putDataset("box.npy", matrix(part, Frame::cell, f32));
            }
            set.putDataset("force.npy", matrix(part, Frame::forces, f32));
            double[] e = part.stream().mapToDouble(Frame::energy).toArray();
            if (f32) {
                float[] ef = new float[e.length];
                for (int i = 0; i < e.length; i++) {
                    ef[i] = (float) e[i];
                }
                set.putDataset("energy.npy", ef);
            } else {
                set.putDataset("energy.npy", e);
            }
        }
    }

    private static Object matrix(List<Frame> frames, Function<Frame, double[]> get, boolean f32) {
        if (!f32) {
            return frames.stream().map(get).toArray(double[][]::new);
        }
        float[][] m = new float[frames.size()][];
        for (int i = 0; i < m.length; i++) {
            double[] v = get.apply(frames.get(i));
            m[i] = new float[v.length];
            for (int j = 0; j < v.length; j++) {
                m[i][j] = (float) v[j];
            }
        }
        return m;
    }

    @BeforeEach
    void writeFile() throws IOException {
        water = Records.read(new DeepmdNpyReader(), SharedData.path("deepmd/water/data_0"), ReadOptions.of("h5"))
                .frames().subList(0, 10);
        cho = Records.read(new DeepmdNpyReader(), SharedData.path("deepmd/nopbc-CHO/C4H3O1"), ReadOptions.of("h5"))
                .frames();
        h5 = tmp.resolve("systems.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            putSystem(f.putGroup("water").putGroup("data_0"), water, 4, List.of("O", "H"), true);
            putSystem(f.putGroup("cho"), cho, 100, List.of("C", "H", "O"), false);
            // a Be system without type_map.raw (like deepmd/Be-multiset): needs a type map
            WritableGroup be = f.putGroup("zbe");
            be.putDataset("type.raw", new int[] {0, 0});
            be.putDataset("nopbc", true);
            be.putGroup("set.000").putDataset("coord.npy", new double[][] {{0, 0, 0, 1, 1, 1}});
        }
    }

    private static void assertSameFrames(List<Frame> expected, List<Frame> actual, String sourceFile) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).toBuilder().sourceFile(sourceFile).build(), actual.get(i), "frame " + i);
        }
    }

    @Test
    void readsEverySystemOfTheFileWithGlobalNumbering() throws IOException {
        Records r = Records.read(reader, h5, ReadOptions.of("h5"));
        assertEquals(List.of("/cho/set.000", "/water/data_0/set.000", "/water/data_0/set.001",
                "/water/data_0/set.002", "/zbe"), r.splits().stream().map(InputSplit::part).toList());
        assertSameFrames(cho, r.frames().subList(0, 15), h5 + "#/cho");
        assertSameFrames(water, r.frames().subList(15, 25), h5 + "#/water/data_0");
        assertEquals(IntStream.range(0, 10).boxed().toList(),
                r.frames().subList(15, 25).stream().map(Frame::sourceIndex).toList());
        Reject be = r.onlyReject();
        assertEquals(RejectReason.UNKNOWN_ELEMENT, be.reason());
        assertEquals(h5 + "#/zbe", be.sourceFile());
        assertTrue(be.message().contains("pass a type map"), be.message());
    }

    @Test
    void frameRangesAndWholeFileReadGiveTheSameFrames() throws IOException {
        ReadOptions o = new ReadOptions("h5", List.of("Be"), Map.of(), Map.of("split_frames", "3"));
        Records pieces = Records.read(reader, h5, o);
        // cho 15 → 5 ranges; water sets 4, 4, 2 → 2 + 2 + 1; zbe 1 frame → 1
        assertEquals(11, pieces.splits().size());
        assertEquals(List.of(), pieces.rejects());
        assertEquals(26, pieces.frames().size());
        List<Frame> whole = Records.read(new SingleSplit(reader), h5, o).frames();
        assertEquals(pieces.frames(), whole);
        assertEquals("Be2", whole.get(25).formula());
    }

    @Test
    void recognizesOnlyDeepmdLayouts() throws IOException {
        assertTrue(reader.recognizes(InputProbe.of(h5)));
        Path other = tmp.resolve("other.h5");
        try (WritableHdfFile f = HdfFile.write(other)) {
            f.putGroup("C1H4").putDataset("coordinates", new double[1][5][3]);
        }
        assertFalse(reader.recognizes(InputProbe.of(other)));
        assertFalse(reader.recognizes(InputProbe.of(SharedData.path("deepmd/water/data_0"))));
    }

    @Test
    void damagedFilesGiveOneRejectAndNoException() throws IOException {
        byte[] b = Files.readAllBytes(h5);
        Path cut = Files.write(tmp.resolve("cut.h5"), java.util.Arrays.copyOf(b, 600));
        Records r = Records.read(reader, cut, ReadOptions.of("h5"));
        assertEquals(0, r.frames().size());
        assertEquals(RejectReason.PARSE_ERROR, r.onlyReject().reason());
        byte[] junk = new byte[4096];
        System.arraycopy(b, 0, junk, 0, 8);
        Path garbage = Files.write(tmp.resolve("junk.h5"), junk);
        assertFalse(reader.recognizes(InputProbe.of(garbage)));
        assertEquals(1, Records.read(reader, garbage, ReadOptions.of("h5")).rejects().size());
        List<Frame> none = new ArrayList<>(Records.read(reader, garbage, ReadOptions.of("h5")).frames());
        assertEquals(List.of(), none);
    }
}
