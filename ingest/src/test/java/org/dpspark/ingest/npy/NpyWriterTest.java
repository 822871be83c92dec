package org.dpspark.ingest.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesNumpyCompatibleFloat64Header() throws IOException {
        Path p = dir.resolve("a.npy");
        NpyWriter.writeF8(p, new long[] {2, 3}, new double[] {1, 2, 3, 4, 5, Double.NaN});
        byte[] b = Files.readAllBytes(p);
        // NumPy: magic, version 1.0, little-endian header length, dict padded to 64 bytes, ending in '\n'
        int len = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(0, (10 + len) % 64);
        assertEquals('\n', b[10 + len - 1]);
        String dict = new String(b, 10, len, StandardCharsets.ISO_8859_1).trim();
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", dict);
        assertEquals(10 + len + 6 * 8, b.length);
        NpyArray a = NpyReader.read(p);
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, Double.NaN}, a.values());
    }

    @Test
    void writesInt32AndOneDimensionalAndScalarShapes() throws IOException {
        Path p = dir.resolve("t.npy");
        NpyWriter.writeI4(p, new long[] {4}, new int[] {0, 1, 1, -5});
        assertEquals("<i4", NpyReader.header(p).dtype().descr());
        assertTrue(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains("'shape': (4,)"));
        assertArrayEquals(new int[] {0, 1, 1, -5}, NpyReader.readInts(p));
        Path s = dir.resolve("s.npy");
        NpyWriter.writeF8(s, new long[0], new double[] {7});
        assertEquals(0, NpyReader.header(s).ndim());
        assertArrayEquals(new double[] {7}, NpyReader.read(s).values());
        assertThrows(IllegalArgumentException.class, () -> NpyWriter.writeF8(s, new long[] {2}, new double[3]));
    }

    @Test
    void npzStoredAndDeflatedRoundTripWithRowRanges() throws IOException {
        double[] r = new double[4 * 6];
        Arrays.setAll(r, i -> i * 0.5);
        for (boolean deflate : new boolean[] {false, true}) {
            Path p = dir.resolve("x" + deflate + ".npz");
            try (NpzWriter w = new NpzWriter(p, deflate)) {
                w.putF8("R", new long[] {4, 2, 3}, r).putI4("z", new long[] {2}, new int[] {6, 8});
            }
            try (NpzReader z = new NpzReader(p)) {
                assertEquals(java.util.List.of("R", "z"), z.keys());
                assertArrayEquals(r, z.read("R").values());
                assertArrayEquals(new double[] {6, 8}, z.read("z").values());
                NpyArray rows = z.readRows("R", 2, 4);
                assertArrayEquals(new long[] {2, 2, 3}, rows.shape());
                assertArrayEquals(Arrays.copyOfRange(r, 12, 24), rows.values());
                NpyFormatException e = assertThrows(NpyFormatException.class, () -> z.read("E"));
                assertTrue(e.getMessage().contains("no array 'E'"), e.getMessage());
            }
        }
        Path bad = Files.writeString(dir.resolve("bad.npz"), "not a zip");
        assertThrows(NpyFormatException.class, () -> new NpzReader(bad));
    }
}
