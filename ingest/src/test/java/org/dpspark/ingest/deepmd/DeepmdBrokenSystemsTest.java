package org.dpspark.ingest.deepmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.npy.NpyArray;
import org.dpspark.ingest.npy.NpyReader;
import org.dpspark.ingest.npy.NpyWriter;
import org.dpspark.ingest.read.ReadOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged copies of the real 15-frame, 8-atom molecule system nopbc-CHO/C4H3O1: every case asserts the
 * exact frames and rejects, and that nothing throws out of plan/read.
 */
class DeepmdBrokenSystemsTest {
    @TempDir
    Path tmp;
    private Path sys;
    private Path set;

    @BeforeEach
    void copySystem() throws IOException {
        Path src = SharedData.path("deepmd/nopbc-CHO/C4H3O1");
        sys = tmp.resolve("C4H3O1");
        copyTree(src, sys);
        set = sys.resolve("set.000");
    }

    static void copyTree(Path src, Path dst) throws IOException {
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private Records read() throws IOException {
        return Records.read(new DeepmdNpyReader(), sys, ReadOptions.of("broken"));
    }

    private void assertOneReject(RejectReason reason, String... words) throws IOException {
        Records r = read();
        assertEquals(0, r.frames().size());
        Reject rej = r.onlyReject();
        assertEquals(reason, rej.reason(), rej.message());
        for (String w : words) {
            assertTrue(rej.message().contains(w), rej.message());
        }
        assertEquals("deepmd/npy", rej.format());
        assertEquals(sys.toString(), rej.sourceFile());
    }

    @Test
    void intactCopyReads15Frames() throws IOException {
        Records r = read();
        assertEquals(15, r.frames().size());
        assertEquals(List.of(), r.rejects());
    }

    @Test
    void truncatedCoordIsDetectedNotZeroFilled() throws IOException {
        byte[] b = Files.readAllBytes(set.resolve("coord.npy"));
        Files.write(set.resolve("coord.npy"), Arrays.copyOf(b, b.length - 10));
        assertOneReject(RejectReason.PARSE_ERROR, "coord.npy", "truncated data section");
    }

    @Test
    void garbageAndEmptyEnergyFilesReject() throws IOException {
        Files.writeString(set.resolve("energy.npy"), "garbage, not numpy");
        assertOneReject(RejectReason.PARSE_ERROR, "energy.npy", "bad magic");
        Files.write(set.resolve("energy.npy"), new byte[0]);
        assertOneReject(RejectReason.PARSE_ERROR, "energy.npy", "empty file");
    }

    @Test
    void coordWithOneColumnTooFewRejectsTheSet() throws IOException {
        NpyWriter.writeF8(set.resolve("coord.npy"), new long[] {15, 23}, new double[15 * 23]);
        assertOneReject(RejectReason.SHAPE_MISMATCH, "set.000", "23 values per frame, expected 24");
    }

    @Test
    void energyWithMoreRowsThanCoordRejectsNamingTheCounts() throws IOException {
        NpyWriter.writeF8(set.resolve("energy.npy"), new long[] {16}, new double[16]);
        assertOneReject(RejectReason.SHAPE_MISMATCH, "set.000/energy.npy", "16 rows", "coord.npy has 15 frames");
    }

    @Test
    void nanValuesComeThroughAsNan() throws IOException {
        NpyArray e = NpyReader.read(set.resolve("energy.npy"));
        double[] ev = e.values();
        ev[3] = Double.NaN;
        NpyWriter.writeF8(set.resolve("energy.npy"), e.shape(), ev);
        NpyArray f = NpyReader.read(set.resolve("force.npy"));
        double[] fv = f.values();
        fv[24 * 5 + 7] = Double.POSITIVE_INFINITY;
        NpyWriter.writeF8(set.resolve("force.npy"), f.shape(), fv);
        Records r = read();
        assertEquals(15, r.frames().size());
        assertEquals(List.of(), r.rejects());
        assertTrue(r.frames().get(3).energy().isNaN());
        assertEquals(Double.POSITIVE_INFINITY, r.frames().get(5).forces()[7]);
    }

    @Test
    void missingTypeRawIsOneReject() throws IOException {
        Files.delete(sys.resolve("type.raw"));
        assertEquals(1, new DeepmdNpyReader().plan(sys.toString(), ReadOptions.of("b")).size());
        assertOneReject(RejectReason.PARSE_ERROR, "type.raw is missing");
    }

    @Test
    void badTypeIndexAndUnknownNameReject() throws IOException {
        Files.writeString(sys.resolve("type.raw"), "1 1 1 0 0 0 0 x");
        assertOneReject(RejectReason.PARSE_ERROR, "'x'");
        Files.writeString(sys.resolve("type.raw"), "1 1 1 0 0 0 0 3");
        assertOneReject(RejectReason.UNKNOWN_ELEMENT, "type 3");
        Files.writeString(sys.resolve("type.raw"), "1 1 1 0 0 0 0 2");
        Files.writeString(sys.resolve("type_map.raw"), "C H Xx");
        assertOneReject(RejectReason.UNKNOWN_ELEMENT, "'Xx'");
    }

    @Test
    void missingEnergyGivesFramesWithNullEnergy() throws IOException {
        Files.delete(set.resolve("energy.npy"));
        Records r = read();
        assertEquals(15, r.frames().size());
        assertEquals(List.of(), r.rejects());
        r.frames().forEach(f -> assertNull(f.energy()));
    }

    @Test
    void periodicSystemWithoutBoxRejects() throws IOException {
        Files.delete(sys.resolve("nopbc"));
        assertOneReject(RejectReason.SHAPE_MISMATCH, "no box.npy");
    }

    @Test
    void aBadSetBetweenGoodSetsLosesOnlyItsFrames() throws IOException {
        copyTree(set, sys.resolve("set.001"));
        copyTree(set, sys.resolve("set.002"));
        Path bad = sys.resolve("set.001").resolve("force.npy");
        byte[] b = Files.readAllBytes(bad);
        Files.write(bad, Arrays.copyOf(b, 200));
        Files.createDirectories(sys.resolve("set.003"));
        Records r = read();
        assertEquals(30, r.frames().size());
        // set.000 frames 0..14, set.002 frames 30..44 (set.001 keeps its numbers 15..29)
        assertEquals(IntStream.concat(IntStream.range(0, 15), IntStream.range(30, 45)).boxed().toList(),
                r.frames().stream().map(Frame::sourceIndex).toList());
        assertEquals(2, r.rejects().size());
        Reject truncated = r.rejects().get(0);
        assertEquals(15, truncated.sourceIndex());
        assertTrue(truncated.message().contains("set.001/force.npy") && truncated.message().contains("truncated"),
                truncated.message());
        Reject empty = r.rejects().get(1);
        assertEquals(45, empty.sourceIndex());
        assertTrue(empty.message().contains("set.003 has no coord.npy"), empty.message());
    }

    @Test
    void noSetsIsOneReject() throws IOException {
        try (Stream<Path> s = Files.list(set)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(set);
        assertOneReject(RejectReason.EMPTY_FILE, "no set.*");
    }
}
