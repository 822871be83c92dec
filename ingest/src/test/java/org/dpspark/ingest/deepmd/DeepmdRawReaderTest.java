package org.dpspark.ingest.deepmd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deepmd/raw on dpdata's conversions in shared/data; expected values parsed from the text in the test itself. */
class DeepmdRawReaderTest {
    private static final ReadOptions OH = new ReadOptions("h2o", List.of("O", "H"), Map.of(), Map.of());
    private final DeepmdRawReader reader = new DeepmdRawReader();

    @TempDir
    Path tmp;

    /** Row {@code line} (0-based) of a .raw file, split on whitespace: the independent check. */
    private static double[] row(Path file, int line) throws IOException {
        String[] tok = Files.readAllLines(file).get(line).trim().split("\\s+");
        return Arrays.stream(tok).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void vaspH2oConversionHasThreeFramesWithAllLabels() throws IOException {
        Path dir = SharedData.path("vasp/deepmd.h2o.md");
        Records r = Records.read(reader, dir, OH);
        assertEquals(List.of(), r.rejects());
        assertEquals(3, r.frames().size());
        for (int i = 0; i < 3; i++) {
            Frame f = r.frames().get(i);
            assertEquals(i, f.sourceIndex());
            assertArrayEquals(new String[] {"O", "O", "H", "H", "H", "H"}, f.typeLabels());
            assertEquals(row(dir.resolve("energy.raw"), i)[0], f.energy());
            assertArrayEquals(row(dir.resolve("force.raw"), i), f.forces());
            assertArrayEquals(row(dir.resolve("virial.raw"), i), f.virial());
            assertArrayEquals(row(dir.resolve("box.raw"), i), f.cell());
            assertArrayEquals(row(dir.resolve("coord.raw"), i), f.positions());
        }
        Frame f = r.frames().get(0);
        // first line of energy.raw is -2.838622624019999563e+01
        assertEquals(-28.386226240199996, f.energy());
        assertEquals(-0.0114090, f.cell()[3]);
    }

    @Test
    void withoutTypeMapRawAndWithoutOptionIsOneReject() throws IOException {
        Records r = Records.read(reader, SharedData.path("vasp/deepmd.h2o.md"), ReadOptions.of("h2o"));
        assertEquals(0, r.frames().size());
        assertTrue(r.onlyReject().message().contains("pass a type map"));
    }

    @Test
    void dpdataExtxyzReferencesReadWithTheirOwnTypeMaps() throws IOException {
        Path b1c9 = SharedData.path("extxyz/reference_deepmd_raw/B1C9");
        Records r = Records.read(reader, b1c9, ReadOptions.of("xyz"));
        assertEquals(List.of(), r.rejects());
        assertEquals(Files.readAllLines(b1c9.resolve("energy.raw")).size(), r.frames().size());
        assertEquals(2, r.frames().size());
        assertEquals("C9B", r.frames().get(0).formula()); // Hill order: C first
        assertEquals(row(b1c9.resolve("virial.raw"), 1)[4], r.frames().get(1).virial()[4]);
        Records nov = Records.read(reader, SharedData.path("extxyz/reference_deepmd_raw/B5C7_novirials"),
                ReadOptions.of("xyz"));
        assertEquals(1, nov.frames().size());
        assertNull(nov.frames().get(0).virial());
    }

    private Path brokenCopy() throws IOException {
        Path dir = tmp.resolve("h2o");
        DeepmdBrokenSystemsTest.copyTree(SharedData.path("vasp/deepmd.h2o.md"), dir);
        return dir;
    }

    @Test
    void aBadLineRejectsOnlyItsFrameWithTheLineNumber() throws IOException {
        Path dir = brokenCopy();
        List<String> force = Files.readAllLines(dir.resolve("force.raw"));
        force.set(1, force.get(1).replaceFirst("\\S+", "abc"));
        Files.write(dir.resolve("force.raw"), force);
        List<String> coord = Files.readAllLines(dir.resolve("coord.raw"));
        coord.set(2, coord.get(2).replaceFirst("\\S+\\s*$", ""));
        Files.write(dir.resolve("coord.raw"), coord);
        Records r = Records.read(reader, dir, OH);
        assertEquals(1, r.frames().size());
        assertEquals(0, r.frames().get(0).sourceIndex());
        assertEquals(2, r.rejects().size());
        Reject nan = r.rejects().get(0);
        assertEquals(RejectReason.PARSE_ERROR, nan.reason());
        assertEquals(1, nan.sourceIndex());
        assertEquals(2, nan.line());
        assertTrue(nan.message().contains("force.raw line 2") && nan.message().contains("'abc'"), nan.message());
        Reject shape = r.rejects().get(1);
        assertEquals(RejectReason.SHAPE_MISMATCH, shape.reason());
        assertEquals(2, shape.sourceIndex());
        assertTrue(shape.message().contains("coord.raw line 3: 17 values, expected 18"), shape.message());
    }

    @Test
    void frameCountMismatchRejectsTheSystemNamingTheCounts() throws IOException {
        Path dir = brokenCopy();
        List<String> e = Files.readAllLines(dir.resolve("energy.raw"));
        Files.write(dir.resolve("energy.raw"), e.subList(0, 2));
        Records r = Records.read(reader, dir, OH);
        assertEquals(0, r.frames().size());
        Reject rej = r.onlyReject();
        assertEquals(RejectReason.SHAPE_MISMATCH, rej.reason());
        assertTrue(rej.message().contains("energy.raw has 2 frames (lines) but coord.raw has 3"), rej.message());
    }

    @Test
    void nanInTextComesThroughAndEmptyCoordRejects() throws IOException {
        Path dir = brokenCopy();
        Files.write(dir.resolve("energy.raw"), List.of("nan", "-28.4", "-Inf"));
        Records r = Records.read(reader, dir, OH);
        assertEquals(3, r.frames().size());
        assertTrue(r.frames().get(0).energy().isNaN());
        assertEquals(Double.NEGATIVE_INFINITY, r.frames().get(2).energy());
        Files.write(dir.resolve("coord.raw"), new byte[0]);
        assertEquals(RejectReason.EMPTY_FILE, Records.read(reader, dir, OH).onlyReject().reason());
    }

    @Test
    void recognizesRawFoldersOnly() {
        assertTrue(reader.recognizes(InputProbe.of(SharedData.path("vasp/deepmd.h2o.md"))));
        assertFalse(reader.recognizes(InputProbe.of(SharedData.path("deepmd/water/data_0"))));
        assertFalse(reader.recognizes(InputProbe.of(SharedData.path("vasp/OUTCAR.h2o.md"))));
    }
}
