package org.dpspark.ingest.extxyz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.dpspark.core.Frame;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader streams: bounded look-ahead on an endless input, split ranges, gzip. */
class ExtxyzStreamingTest {
    @TempDir
    Path tmp;

    /** An endless extxyz file: the same 3-atom frame again and again; counts the bytes handed out. */
    private static final class EndlessFrames extends InputStream {
        private final byte[] frame = ("3\nLattice=\"9 0 0 0 9 0 0 0 9\" Properties=species:S:1:pos:R:3:forces:R:3 "
                + "energy=-14.25 pbc=\"T T T\"\n"
                + "O 0.00000000 0.00000000 0.11926200 0.01 0.02 -0.03\n"
                + "H 0.00000000 0.76323900 -0.47704700 -0.01 0.00 0.02\n"
                + "H 0.00000000 -0.76323900 -0.47704700 0.00 -0.02 0.01\n").getBytes(StandardCharsets.US_ASCII);
        long served;

        @Override
        public int read() {
            return frame[(int) (served++ % frame.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = frame[(int) (served++ % frame.length)];
            }
            return len;
        }

        int frameBytes() {
            return frame.length;
        }
    }

    @Test
    void readsAnEndlessInputWithBoundedLookAhead() throws IOException {
        EndlessFrames in = new EndlessFrames();
        ExtxyzFrameSource source = new ExtxyzFrameSource(new ByteLineReader(in), "endless.xyz", "t", Map.of(),
                null, null);
        int n = 30_000;
        for (int i = 0; i < n; i++) {
            ReadRecord r = source.next();
            assertTrue(r.isFrame());
            assertEquals(i, r.frame().sourceIndex());
            assertEquals(-14.25, r.frame().energy());
        }
        // what was read beyond the frames returned is at most the line buffer (1 MiB) and one refill
        long ahead = in.served - (long) n * in.frameBytes();
        assertTrue(ahead >= 0 && ahead <= 2L << 20, "read ahead " + ahead + " bytes");
        source.close();
    }

    @Test
    void splitRangeSelectsFramesByIndex() throws IOException {
        Path p = SharedData.path("extxyz/TiAl_tutorial_DB_tenth.xyz");
        List<Frame> all = Records.read(p).frames();
        List<Frame> part = new ArrayList<>();
        try (RecordStream s = new ExtxyzReader().read(new InputSplit(p.toString(), "extxyz", "", 5, 10),
                ReadOptions.of("test"))) {
            s.forEachRemaining(r -> part.add(r.frame()));
        }
        assertEquals(all.subList(5, 10), part);
    }

    @Test
    void gzipFilesAreDecompressedOnTheFly() throws IOException {
        Path p = SharedData.path("extxyz/xyz_unittest.xyz");
        Path gz = tmp.resolve("xyz_unittest.xyz.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(p));
        }
        List<Frame> plain = Records.read(p).frames();
        List<Frame> unzipped = Records.read(gz).frames();
        assertEquals(3, unzipped.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(plain.get(i).id(), unzipped.get(i).id());
        }
    }

    @Test
    void missingFileIsOneIoErrorReject() throws IOException {
        Records r = Records.read(tmp.resolve("nope.xyz"));
        assertEquals(1, r.all().size());
        assertEquals(org.dpspark.core.RejectReason.IO_ERROR, r.rejects().get(0).reason());
    }
}
