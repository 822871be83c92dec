package org.dpspark.ingest.extxyz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real file (TiAl, 33 frames, 2 and 128 atoms, quoted values, an extra {@code tags} column) broken
 * in the ways real files break. Each case asserts the exact number of frames and rejects, that every
 * good frame before and after the damage comes back unchanged (same content id, same index), and
 * where the reject points (frame index, line).
 */
class ExtxyzBrokenCorpusTest {
    @TempDir
    Path tmp;

    private byte[] original;
    private List<String> lines;
    private List<Frame> good;
    /** 0-based line index of each frame's count line. */
    private final List<Integer> frameStart = new ArrayList<>();

    @BeforeEach
    void load() throws IOException {
        Path p = SharedData.path("extxyz/TiAl_tutorial_DB_tenth.xyz");
        original = Files.readAllBytes(p);
        lines = List.of(new String(original, StandardCharsets.UTF_8).split("\n", -1));
        good = Records.read(p).frames();
        assertEquals(33, good.size());
        int i = 0;
        while (i < lines.size() && !lines.get(i).isBlank()) {
            frameStart.add(i);
            i += Integer.parseInt(lines.get(i).strip()) + 2;
        }
        assertEquals(33, frameStart.size());
    }

    private Records readBytes(String name, byte[] content) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, content);
        return Records.read(f);
    }

    private Records readLines(String name, List<String> content) throws IOException {
        return readBytes(name, String.join("\n", content).getBytes(StandardCharsets.UTF_8));
    }

    /** Frames other than {@code skip} equal the undamaged ones, index by index. */
    private void assertOthersIntact(Records r, int skip, int indexShift) {
        List<Frame> frames = r.frames();
        assertEquals(good.size() - (skip >= 0 ? 1 : 0), frames.size(), "frames");
        int k = 0;
        for (int i = 0; i < good.size(); i++) {
            if (i == skip) {
                continue;
            }
            Frame f = frames.get(k++);
            assertEquals(good.get(i).id(), f.id(), "content of frame " + i);
            assertEquals(i + indexShift, f.sourceIndex(), "index of frame " + i);
        }
    }

    private static Reject onlyReject(Records r) {
        assertEquals(1, r.rejects().size(), () -> "rejects: " + r.rejects());
        return r.rejects().get(0);
    }

    @Test
    void truncatedAtRandomPoints() throws IOException {
        // byte offsets of each frame: start, and the start/end of the last token of its last line
        long[] start = new long[33];
        long[] lastTokenStart = new long[33];
        long[] contentEnd = new long[33];
        long offset = 0;
        int frame = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int len = line.getBytes(StandardCharsets.UTF_8).length;
            if (frame < 33 && i == frameStart.get(frame)) {
                start[frame] = offset;
            }
            int last = frame < 33 ? frameStart.get(frame) + Integer.parseInt(lines.get(frameStart.get(frame)).strip()) + 1 : -1;
            if (i == last) {
                String trimmed = line.stripTrailing();
                contentEnd[frame] = offset + trimmed.length();
                lastTokenStart[frame] = offset + trimmed.lastIndexOf(' ') + 1;
                frame++;
            }
            offset += len + 1;
        }
        Random random = new Random(20240601);
        int tested = 0;
        while (tested < 12) {
            int cut = 1 + random.nextInt(original.length - 1);
            int complete = 0;
            boolean ambiguous = false;
            for (int f = 0; f < 33; f++) {
                if (contentEnd[f] <= cut) {
                    complete++;
                }
                // a cut inside the last number of a frame leaves a shorter, valid number: skip it
                ambiguous |= cut > lastTokenStart[f] && cut < contentEnd[f];
            }
            if (ambiguous) {
                continue;
            }
            tested++;
            String partial = complete < 33 ? new String(original, (int) start[complete],
                    (int) Math.max(0, cut - start[complete]), StandardCharsets.UTF_8) : "";
            int expectedRejects = complete < 33 && cut > start[complete] && !partial.isBlank() ? 1 : 0;
            Records r = readBytes("cut" + cut + ".xyz", Arrays.copyOf(original, cut));
            assertEquals(complete, r.frames().size(), "frames before cut at byte " + cut);
            for (int f = 0; f < complete; f++) {
                assertEquals(good.get(f).id(), r.frames().get(f).id());
            }
            assertEquals(expectedRejects, r.rejects().size(), "rejects for cut at byte " + cut + ": " + r.rejects());
            if (expectedRejects == 1) {
                assertEquals(complete, r.rejects().get(0).sourceIndex(), "the cut frame's index");
                assertTrue(r.rejects().get(0).reason() == RejectReason.PARSE_ERROR, r.rejects().toString());
            }
        }
    }

    @Test
    void garbagePrepended() throws IOException {
        byte[] garbage = garbage(new Random(7), 300);
        Records r = readBytes("pre.xyz", concat(garbage, original));
        Reject j = onlyReject(r);
        assertEquals(0, j.sourceIndex());
        assertEquals(1, j.line());
        assertEquals(RejectReason.PARSE_ERROR, j.reason());
        assertEquals(0, r.all().indexOf(r.all().stream().filter(x -> !x.isFrame()).findFirst().orElseThrow()));
        assertOthersIntact(r, -1, 1);
    }

    @Test
    void garbageAppended() throws IOException {
        byte[] garbage = garbage(new Random(11), 300);
        Records r = readBytes("post.xyz", concat(original, garbage));
        Reject j = onlyReject(r);
        assertEquals(33, j.sourceIndex());
        assertEquals(lines.size(), j.line(), "first garbage line follows the file's last newline");
        assertOthersIntact(r, -1, 0);
    }

    @Test
    void garbageBetweenFrames() throws IOException {
        List<String> damaged = new ArrayList<>(lines);
        damaged.add(frameStart.get(10), "#### not xyz \u0001\u0002 ####");
        damaged.add(frameStart.get(10) + 1, "E=mc^2");
        Records r = readLines("between.xyz", damaged);
        Reject j = onlyReject(r);
        assertEquals(10, j.sourceIndex());
        assertEquals(frameStart.get(10) + 1, j.line());
        List<Frame> frames = r.frames();
        assertEquals(33, frames.size());
        for (int i = 0; i < 33; i++) {
            assertEquals(good.get(i).id(), frames.get(i).id());
            assertEquals(i < 10 ? i : i + 1, frames.get(i).sourceIndex(), "the garbage takes one index");
        }
    }

    @Test
    void nanAndInfValuesComeThroughAsFrames() throws IOException {
        List<String> damaged = new ArrayList<>(lines);
        int f3 = frameStart.get(3);
        damaged.set(f3 + 1, damaged.get(f3 + 1).replaceFirst(" energy=\\S+", " energy=nan"));
        damaged.set(f3 + 2, "Ti NaN 1.0 inf -Infinity 0.5 -inf 0");
        Records r = readLines("nan.xyz", damaged);
        assertEquals(List.of(), r.rejects());
        assertEquals(33, r.frames().size());
        Frame f = r.frames().get(3);
        assertTrue(Double.isNaN(f.energy()));
        assertTrue(Double.isNaN(f.positions()[0]));
        assertEquals(Double.POSITIVE_INFINITY, f.positions()[2]);
        assertEquals(Double.NEGATIVE_INFINITY, f.forces()[0]);
        assertEquals(Double.NEGATIVE_INFINITY, f.forces()[2]);
        assertOthersIntactExcept(r, 3);
    }

    private void assertOthersIntactExcept(Records r, int changed) {
        for (int i = 0; i < 33; i++) {
            if (i != changed) {
                assertEquals(good.get(i).id(), r.frames().get(i).id(), "frame " + i);
            }
        }
    }

    @Test
    void emptyFile() throws IOException {
        for (byte[] content : new byte[][] {new byte[0], " \n\n\t\n".getBytes(StandardCharsets.US_ASCII)}) {
            Records r = readBytes("empty.xyz", content);
            Reject j = onlyReject(r);
            assertEquals(RejectReason.EMPTY_FILE, j.reason());
            assertEquals(-1, j.sourceIndex());
            assertNull(j.line());
            assertEquals(List.of(), r.frames());
        }
    }

    @Test
    void atomCountTooSmall() throws IOException {
        List<String> damaged = new ArrayList<>(lines);
        damaged.set(frameStart.get(5), "1");
        Records r = readLines("small.xyz", damaged);
        Reject j = onlyReject(r);
        assertEquals(5, j.sourceIndex());
        assertEquals(RejectReason.SHAPE_MISMATCH, j.reason());
        assertEquals(frameStart.get(5) + 4, j.line(), "the extra atom line");
        assertOthersIntact(r, 5, 0);
    }

    @Test
    void atomCountTooLarge() throws IOException {
        List<String> damaged = new ArrayList<>(lines);
        damaged.set(frameStart.get(5), "3");
        Records r = readLines("large.xyz", damaged);
        Reject j = onlyReject(r);
        assertEquals(5, j.sourceIndex());
        assertEquals(RejectReason.SHAPE_MISMATCH, j.reason());
        assertEquals(frameStart.get(6) + 1, j.line(), "the next frame's count line");
        assertOthersIntact(r, 5, 0);
    }

    @Test
    void atomCountLineIsGarbage() throws IOException {
        List<String> damaged = new ArrayList<>(lines);
        damaged.set(frameStart.get(7), "two");
        Records r = readLines("count.xyz", damaged);
        Reject j = onlyReject(r);
        assertEquals(7, j.sourceIndex());
        assertEquals(frameStart.get(7) + 1, j.line());
        assertTrue(j.message().contains("'two'"), j.message());
        assertOthersIntact(r, 7, 0);
    }

    @Test
    void frameMissingItsLastAtomLine() throws IOException {
        List<String> damaged = new ArrayList<>(lines);
        damaged.remove(frameStart.get(8) + 3);
        Records r = readLines("short.xyz", damaged);
        Reject j = onlyReject(r);
        assertEquals(8, j.sourceIndex());
        assertEquals(RejectReason.SHAPE_MISMATCH, j.reason());
        assertOthersIntact(r, 8, 0);
    }

    @Test
    void nonNumericField() throws IOException {
        List<String> damaged = new ArrayList<>(lines);
        int line = frameStart.get(12) + 3;
        String[] tokens = damaged.get(line).strip().split("\\s+");
        tokens[2] = "1.2.3";   // the y position
        damaged.set(line, String.join(" ", tokens));
        Records r = readLines("nonnum.xyz", damaged);
        Reject j = onlyReject(r);
        assertEquals(12, j.sourceIndex());
        assertEquals(line + 1, j.line());
        assertEquals(RejectReason.PARSE_ERROR, j.reason());
        assertTrue(j.message().contains("pos") && j.message().contains("'1.2.3'"), j.message());
        assertOthersIntact(r, 12, 0);
    }

    @Test
    void unknownElement() throws IOException {
        List<String> damaged = new ArrayList<>(lines);
        int line = frameStart.get(32) + 50;   // inside the 128-atom frame
        damaged.set(line, damaged.get(line).replaceFirst("^\\s*\\S+", "Qq"));
        Records r = readLines("element.xyz", damaged);
        Reject j = onlyReject(r);
        assertEquals(32, j.sourceIndex());
        assertEquals(line + 1, j.line());
        assertEquals(RejectReason.UNKNOWN_ELEMENT, j.reason());
        assertTrue(j.message().contains("'Qq'"), j.message());
        assertOthersIntact(r, 32, 0);
    }

    @Test
    void wrongNumberOfColumns() throws IOException {
        List<String> damaged = new ArrayList<>(lines);
        int line = frameStart.get(0) + 2;
        damaged.set(line, damaged.get(line).replaceFirst("\\s+\\S+\\s*$", ""));   // drop the tags column
        Records r = readLines("columns.xyz", damaged);
        Reject j = onlyReject(r);
        assertEquals(0, j.sourceIndex());
        assertEquals(line + 1, j.line());
        assertTrue(j.message().contains("7 columns") && j.message().contains("declares 8"), j.message());
        assertOthersIntact(r, 0, 0);
    }

    @Test
    void severalBadFramesInOneFile() throws IOException {
        List<String> damaged = new ArrayList<>(lines);
        damaged.set(frameStart.get(2) + 1, damaged.get(frameStart.get(2) + 1).replace("Lattice=\"", "Lattice=\"1 "));
        damaged.set(frameStart.get(4) + 2, "Ti 1 2");
        damaged.set(frameStart.get(30), "-4");
        Records r = readLines("several.xyz", damaged);
        assertEquals(3, r.rejects().size(), r.rejects().toString());
        assertEquals(List.of(2, 4, 30), r.rejects().stream().map(Reject::sourceIndex).toList());
        assertEquals(30, r.frames().size());
        assertTrue(r.rejects().get(0).message().contains("Lattice has 10 values"), r.rejects().get(0).message());
    }

    /** Random bytes without digits (so no line is an atom count), ending with a newline. */
    private static byte[] garbage(Random random, int n) {
        byte[] g = new byte[n];
        for (int i = 0; i < n; i++) {
            byte b;
            do {
                b = (byte) random.nextInt(256);
            } while (b >= '0' && b <= '9');
            g[i] = b;
        }
        g[0] = '#';
        g[n - 1] = '\n';
        return g;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
