package org.dpspark.ingest.deepmd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dpspark.core.Frame;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.npy.NpyHeader;
import org.dpspark.ingest.npy.NpyReader;
import org.dpspark.ingest.read.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real systems read, written as float64 deepmd/npy and read back: every value must be bitwise equal. */
class DeepmdNpyWriterTest {
    @TempDir
    Path tmp;

    private static final ReadOptions BE = new ReadOptions("be", List.of("Be"), Map.of(), Map.of());

    private static void assertSameFrames(List<Frame> expected, List<Frame> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Frame e = expected.get(i);
            Frame a = actual.get(i);
            // float32 → double → float64 file → double is exact, so equality is bitwise
            assertEquals(e.toBuilder().sourceFile(a.sourceFile()).build(), a, "frame " + i);
        }
    }

    private Records roundTrip(String rel, ReadOptions o, int setSize, List<String> expectWritten)
            throws IOException {
        Records in = Records.read(new DeepmdNpyReader(), SharedData.path(rel), o);
        Path out = tmp.resolve(rel.replace('/', '_'));
        DeepmdNpyWriter.Summary s = DeepmdNpyWriter.write(out, in.frames(), setSize, List.of());
        assertEquals(expectWritten, s.written());
        assertEquals(List.of(), s.dropped());
        assertEquals(in.frames().size(), s.frames());
        assertEquals((in.frames().size() + setSize - 1) / setSize, s.sets());
        Records back = Records.read(new DeepmdNpyReader(), out, ReadOptions.of(o.dataset()));
        assertEquals(List.of(), back.rejects());
        assertSameFrames(in.frames(), back.frames());
        return back;
    }

    @Test
    void waterRoundTripsAcrossDifferentSetSizes() throws IOException {
        roundTrip("deepmd/water/data_1", ReadOptions.of("w"), 100, List.of("coord", "box", "energy", "force"));
        Path out = tmp.resolve("deepmd_water_data_1");
        assertTrue(Files.isDirectory(out.resolve("set.001")));
        assertFalse(Files.exists(out.resolve("set.002")));
        NpyHeader coord = NpyReader.header(out.resolve("set.001/coord.npy"));
        assertEquals("<f8", coord.dtype().descr());
        assertArrayEquals(new long[] {60, 576}, coord.shape());
        assertArrayEquals(new long[] {60}, NpyReader.header(out.resolve("set.001/energy.npy")).shape());
        assertEquals(List.of("O", "H"), Files.readAllLines(out.resolve("type_map.raw")));
        assertEquals(192, Files.readAllLines(out.resolve("type.raw")).size());
    }

    @Test
    void virialMoleculesAndParamsRoundTrip() throws IOException {
        roundTrip("deepmd/water-virial", ReadOptions.of("wv"), 5000, List.of("coord", "box", "energy", "force", "virial"));
        Records cho = roundTrip("deepmd/nopbc-CHO/C3H3O4", ReadOptions.of("cho"), 200,
                List.of("coord", "energy", "force"));
        Path out = tmp.resolve("deepmd_nopbc-CHO_C3H3O4");
        assertTrue(Files.exists(out.resolve("nopbc")));
        assertFalse(Files.exists(out.resolve("set.000/box.npy")));
        assertNull(cho.frames().get(0).cell());
        // no type map given: labels in order of first appearance (type.raw "1 1 1 0 0 0 2 2 2 2" read as H H H C ...)
        assertEquals(List.of("H", "C", "O"), Files.readAllLines(out.resolve("type_map.raw")));
        roundTrip("deepmd/Be-multiset", BE, 300, List.of("coord", "box", "energy", "force", "fparam", "aparam"));
        assertArrayEquals(new long[] {300, 54},
                NpyReader.header(tmp.resolve("deepmd_Be-multiset/set.000/aparam.npy")).shape());
    }

    @Test
    void aQuantitySomeFramesLackIsDroppedEverywhere() throws IOException {
        List<Frame> in = new ArrayList<>(Records.read(new DeepmdNpyReader(),
                SharedData.path("deepmd/water-virial"), ReadOptions.of("wv")).frames());
        in.set(25, in.get(25).toBuilder().virial(null).build());
        Path out = tmp.resolve("partial");
        DeepmdNpyWriter.Summary s = DeepmdNpyWriter.write(out, in, 10, List.of());
        assertEquals(List.of("virial"), s.dropped());
        assertEquals(3, s.sets());
        for (int k = 0; k < 3; k++) {
            assertFalse(Files.exists(out.resolve("set.00" + k + "/virial.npy")));
        }
        Records back = Records.read(new DeepmdNpyReader(), out, ReadOptions.of("wv"));
        assertEquals(30, back.frames().size());
        back.frames().forEach(f -> assertNull(f.virial()));
    }

    @Test
    void givenTypeMapIsWrittenAndFramesOfAnotherSystemAreRefused() throws IOException {
        List<Frame> water = Records.read(new DeepmdNpyReader(), SharedData.path("deepmd/water/data_0"),
                ReadOptions.of("w")).frames();
        Path out = tmp.resolve("mapped");
        DeepmdNpyWriter.write(out, water.subList(0, 3), 10, List.of("H", "O", "C"));
        assertEquals(List.of("H", "O", "C"), Files.readAllLines(out.resolve("type_map.raw")));
        assertEquals("1", Files.readAllLines(out.resolve("type.raw")).get(0));
        assertSameFrames(water.subList(0, 3), Records.read(new DeepmdNpyReader(), out, ReadOptions.of("w")).frames());

        assertThrows(IllegalArgumentException.class,
                () -> DeepmdNpyWriter.write(tmp.resolve("nomap"), water.subList(0, 1), 10, List.of("C")));
        Frame cho = Records.read(new DeepmdNpyReader(), SharedData.path("deepmd/nopbc-CHO/C4H3O1"),
                ReadOptions.of("w")).frames().get(0);
        try (DeepmdNpyWriter w = new DeepmdNpyWriter(tmp.resolve("mixed"), 10, List.of())) {
            w.add(water.get(0));
            assertThrows(IllegalArgumentException.class, () -> w.add(cho));
        }
        assertThrows(IOException.class, () -> new DeepmdNpyWriter(out, 10, List.of()));
    }
}
