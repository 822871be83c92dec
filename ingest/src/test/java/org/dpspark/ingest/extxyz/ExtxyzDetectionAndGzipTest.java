package org.dpspark.ingest.extxyz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.job.InputDiscovery;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.ReaderRegistry;
import org.dpspark.ingest.text.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format auto} on xyz files as users have them: a comment line that is only {@code #} (i-PI's
 * {@code init.xyz} of its Zundel example, src/test/resources/ipi-tests/README.md), the same file gzipped
 * ({@code .xyz.gz}, and gzip without the suffix), and a gzip stream cut in the middle of a frame, whose I/O error
 * must be reported at the frame it interrupts.
 */
class ExtxyzDetectionAndGzipTest {
    @TempDir
    Path tmp;

    private static Path zundel() throws Exception {
        return Path.of(ExtxyzDetectionAndGzipTest.class.getResource("/ipi-tests/zundel-init.xyz").toURI());
    }

    private Path gzip(Path source, String name) throws Exception {
        Path out = tmp.resolve(name);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
            Files.copy(source, o);
        }
        return out;
    }

    private static String detected(Path p) {
        return ReaderRegistry.detect(InputProbe.of(p)).map(r -> r.format()).orElse("none");
    }

    @Test
    void hashCommentLineIsDetectedAndRead() throws Exception {
        assertEquals("extxyz", detected(zundel()));
        Records r = Records.read(new ExtxyzReader(), zundel());
        assertEquals(0, r.rejects().size(), r.describeRejects());
        assertEquals(2, r.frames().size());
        assertArrayEquals(new int[] {8, 8, 1, 1, 1, 1, 1}, r.frames().get(1).atomicNumbers());
        assertEquals(0.55642184, r.frames().get(1).positions()[0], 0.0);
        // the other '#' comment lines i-PI and hand-edited files carry: detection looks at the atom lines, not the comment
        for (String comment : new String[] {"# CELL(abcABC): 10.0 10.0 10.0 90.0 90.0 90.0 Step: 0 Bead: 0 positions{angstrom} cell{angstrom}",
                "#comment = with an equals sign", "# Properties=species:S:1:pos:R:3"}) {
            Path p = tmp.resolve("hash.xyz");
            Files.writeString(p, "2\n" + comment + "\nH 0.0 0.0 0.0\nH 0.0 0.0 0.74\n");
            assertEquals("extxyz", detected(p), comment);
        }
    }

    @Test
    void gzipIsDetectedByContentAndReadLikeThePlainFile() throws Exception {
        Records plain = Records.read(new ExtxyzReader(), zundel());
        for (String name : new String[] {"zundel.xyz.gz", "zundel-no-suffix"}) {
            Path gz = gzip(zundel(), name);
            assertEquals("extxyz", detected(gz), name);
            Records r = Records.read(new ExtxyzReader(), gz);
            assertEquals(0, r.rejects().size(), r.describeRejects());
            assertEquals(plain.frames().size(), r.frames().size());
            for (int i = 0; i < r.frames().size(); i++) {
                assertArrayEquals(plain.frames().get(i).positions(), r.frames().get(i).positions(), 0.0);
            }
        }
        // a folder holding it: discovery under --format auto takes it as extxyz, nothing unrecognised
        Files.createDirectories(tmp.resolve("in"));
        gzip(zundel(), "in/zundel.xyz.gz");
        InputDiscovery.Discovery d = InputDiscovery.discover(java.util.List.of(tmp.resolve("in").toString()), "auto");
        assertEquals(1, d.inputs().size(), d.toString());
        assertEquals(0, d.unrecognized().size(), d.toString());
    }

    @Test
    void gzipOfAFormatThatCannotReadGzipIsNotOfferedToIt() throws Exception {
        Path h5 = tmp.resolve("fake.h5");
        Files.write(h5, new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0});
        assertEquals("none", detected(gzip(h5, "fake.h5.gz")));
    }

    /** 300 frames gzipped, the compressed file cut in half: the frames before the cut are kept, the cut frame is the reject. */
    @Test
    void truncatedGzipRejectsTheFrameItCuts() throws Exception {
        byte[] one = Files.readAllBytes(zundel());
        byte[] frame = Arrays.copyOf(one, one.length / 2); // the first 7-atom frame (9 lines)
        assertTrue(new String(frame, StandardCharsets.US_ASCII).endsWith("0.09228101\n"));
        Path big = tmp.resolve("big.xyz");
        try (OutputStream o = Files.newOutputStream(big)) {
            for (int i = 0; i < 300; i++) {
                o.write(frame);
            }
        }
        Path gz = gzip(big, "big.xyz.gz");
        byte[] z = Files.readAllBytes(gz);
        Path cut = tmp.resolve("cut.xyz.gz");
        Files.write(cut, Arrays.copyOf(z, z.length / 2));

        Records r = Records.read(new ExtxyzReader(), cut);
        int good = r.frames().size();
        assertTrue(good > 0 && good < 300, "frames before the cut: " + good);
        for (int i = 0; i < good; i++) {
            assertEquals(i, r.frames().get(i).sourceIndex());
        }
        assertEquals(1, r.rejects().size(), r.describeRejects());
        Reject cutFrame = r.rejects().get(0);
        assertTrue(cutFrame.reason() == RejectReason.IO_ERROR || cutFrame.reason() == RejectReason.PARSE_ERROR,
                cutFrame.describe());
        // the frame being read when the stream broke is frame number `good` (0-based), the one after the last kept
        assertEquals(good, cutFrame.sourceIndex(), cutFrame.describe());
    }
}
