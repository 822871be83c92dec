package org.dpspark.ingest.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void readsLittleAndBigEndianFloat64InCOrder() throws IOException {
        double[] v = {1.5, -2.25, 3e-300, 4e300, Double.NaN, -0.0};
        Path le = file("le.npy", NpyBytes.of(1, NpyBytes.dict("<f8", false, "(2, 3)"),
                NpyBytes.doubles(ByteOrder.LITTLE_ENDIAN, v)));
        Path be = file("be.npy", NpyBytes.of(1, NpyBytes.dict(">f8", false, "(2, 3)"),
                NpyBytes.doubles(ByteOrder.BIG_ENDIAN, v)));
        for (Path p : new Path[] {le, be}) {
            NpyArray a = NpyReader.read(p);
            assertArrayEquals(new long[] {2, 3}, a.shape());
            assertArrayEquals(v, a.values());
            assertEquals(3, a.rowWidth());
            assertArrayEquals(new double[] {4e300, Double.NaN, -0.0}, a.row(1));
        }
    }

    @Test
    void readsIntegerBoolAndFloat32Dtypes() throws IOException {
        assertArrayEquals(new double[] {0.1f, -7.5f},
                NpyReader.read(file("f4.npy", NpyBytes.of(1, NpyBytes.dict("<f4", false, "(2,)"),
                        NpyBytes.floats(0.1f, -7.5f)))).values());
        Path i4 = file("i4.npy", NpyBytes.of(1, NpyBytes.dict("<i4", false, "(3,)"), NpyBytes.ints(-1, 0, 7)));
        assertArrayEquals(new double[] {-1, 0, 7}, NpyReader.read(i4).values());
        assertArrayEquals(new int[] {-1, 0, 7}, NpyReader.readInts(i4));
        Path i8 = file("i8.npy", NpyBytes.of(1, NpyBytes.dict("<i8", false, "(2,)"),
                NpyBytes.longs(Long.MAX_VALUE, -3)));
        assertArrayEquals(new long[] {Long.MAX_VALUE, -3}, NpyReader.readLongs(i8));
        assertThrows(NpyFormatException.class, () -> NpyReader.readInts(i8));
        Path u1 = file("u1.npy", NpyBytes.of(1, NpyBytes.dict("|u1", false, "(3,)"), new byte[] {0, 127, (byte) 255}));
        assertArrayEquals(new double[] {0, 127, 255}, NpyReader.read(u1).values());
        Path b1 = file("b1.npy", NpyBytes.of(1, NpyBytes.dict("|b1", false, "(3,)"), new byte[] {0, 1, 1}));
        assertArrayEquals(new long[] {0, 1, 1}, NpyReader.readLongs(b1));
        Path f8 = file("f8.npy", NpyBytes.of(1, NpyBytes.dict("<f8", false, "(1,)"),
                NpyBytes.doubles(ByteOrder.LITTLE_ENDIAN, 1.0)));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyReader.readLongs(f8));
        assertTrue(e.getMessage().contains("f8.npy"), e.getMessage());
    }

    @Test
    void transposesFortranOrder() throws IOException {
        // a[i][j] = 10 i + j, shape (2, 3), stored column-major: first axis fastest
        double[] fortran = {0, 10, 1, 11, 2, 12};
        Path p = file("f.npy", NpyBytes.of(1, NpyBytes.dict("<f8", true, "(2, 3)"),
                NpyBytes.doubles(ByteOrder.LITTLE_ENDIAN, fortran)));
        assertArrayEquals(new double[] {0, 1, 2, 10, 11, 12}, NpyReader.read(p).values());
        assertArrayEquals(new double[] {10, 11, 12}, NpyReader.readRows(p, 1, 2).values());
        assertArrayEquals(new double[] {2, 10}, NpyReader.readFlat(p, 2, 4));
        // 3-d: a[i][j][k] = 100 i + 10 j + k, shape (2, 3, 4) in Fortran order
        double[] f3 = new double[24];
        double[] c3 = new double[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    f3[i + 2 * j + 6 * k] = 100 * i + 10 * j + k;
                    c3[12 * i + 4 * j + k] = 100 * i + 10 * j + k;
                }
            }
        }
        Path p3 = file("f3.npy", NpyBytes.of(1, NpyBytes.dict("<f8", true, "(2, 3, 4)"),
                NpyBytes.doubles(ByteOrder.LITTLE_ENDIAN, f3)));
        assertArrayEquals(c3, NpyReader.read(p3).values());
        NpyArray row1 = NpyReader.readRows(p3, 1, 2);
        assertArrayEquals(new long[] {1, 3, 4}, row1.shape());
        assertArrayEquals(Arrays.copyOfRange(c3, 12, 24), row1.values());
        Path i3 = file("fi.npy", NpyBytes.of(1, NpyBytes.dict("<i4", true, "(2, 3)"), NpyBytes.ints(0, 10, 1, 11, 2, 12)));
        assertArrayEquals(new int[] {0, 1, 2, 10, 11, 12}, NpyReader.readInts(i3));
    }

    @Test
    void readsVersions2And3AndScalarAndEmptyShapes() throws IOException {
        for (int major : new int[] {2, 3}) {
            Path p = file("v" + major + ".npy", NpyBytes.of(major, NpyBytes.dict("<f8", false, "(1, 2)"),
                    NpyBytes.doubles(ByteOrder.LITTLE_ENDIAN, 5, 6)));
            assertEquals(major, NpyReader.header(p).major());
            assertArrayEquals(new double[] {5, 6}, NpyReader.read(p).values());
        }
        Path scalar = file("s.npy", NpyBytes.of(1, NpyBytes.dict("<f8", false, "()"),
                NpyBytes.doubles(ByteOrder.LITTLE_ENDIAN, 42)));
        NpyArray s = NpyReader.read(scalar);
        assertEquals(0, s.ndim());
        assertArrayEquals(new double[] {42}, s.values());
        Path empty = file("e.npy", NpyBytes.of(1, NpyBytes.dict("<f8", false, "(0, 3)"), new byte[0]));
        assertEquals(0, NpyReader.read(empty).size());
    }

    @Test
    void readsRowRangesAndFlatRangesWithoutTheRest() throws IOException {
        double[] v = new double[15];
        Arrays.setAll(v, i -> i);
        Path p = file("r.npy", NpyBytes.of(1, NpyBytes.dict("<f8", false, "(5, 3)"),
                NpyBytes.doubles(ByteOrder.LITTLE_ENDIAN, v)));
        NpyArray r = NpyReader.readRows(p, 2, 4);
        assertArrayEquals(new long[] {2, 3}, r.shape());
        assertArrayEquals(new double[] {6, 7, 8, 9, 10, 11}, r.values());
        assertEquals(0, NpyReader.readRows(p, 5, 5).size());
        assertArrayEquals(new double[] {4, 5, 6}, NpyReader.readFlat(p, 4, 7));
        assertThrows(IllegalArgumentException.class, () -> NpyReader.readRows(p, 3, 6));
    }

    @Test
    void brokenFilesFailNamingTheFileAndProblem() throws IOException {
        byte[] good = NpyBytes.of(1, NpyBytes.dict("<f8", false, "(2, 3)"),
                NpyBytes.doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6));
        Path truncated = file("trunc.npy", Arrays.copyOf(good, good.length - 1));
        assertFails(truncated, "truncated data section");
        // a row range that lies before the cut is still refused: the file is damaged
        assertThrows(NpyFormatException.class, () -> NpyReader.readRows(truncated, 0, 1));
        assertFails(file("head.npy", Arrays.copyOf(good, 20)), "truncated header");
        assertFails(file("empty.npy", new byte[0]), "empty file");
        assertFails(file("garbage.npy", "this is not numpy at all".getBytes()), "bad magic");
        assertFails(file("version.npy", NpyBytes.of(9, NpyBytes.dict("<f8", false, "(1,)"), new byte[8])), "version 9");
        assertFails(file("complex.npy", NpyBytes.of(1, NpyBytes.dict("<c16", false, "(1,)"), new byte[16])), "<c16");
        assertFails(file("struct.npy", NpyBytes.of(1,
                "{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (1,), }", new byte[8])), "structured");
        assertFails(file("shape.npy", NpyBytes.of(1, NpyBytes.dict("<f8", false, "(a, 3)"), new byte[8])), "bad shape");
        assertFails(file("nodict.npy", NpyBytes.of(1, "garbage", new byte[8])), "not a dict");
    }

    private static void assertFails(Path p, String problem) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyReader.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void readsRealDeepmdFloat32Files() throws IOException {
        // expected values printed once with numpy 2.4 (np.load(...)[idx]) from these exact files
        Path energy = SharedData.path("deepmd/water/data_0/set.000/energy.npy");
        NpyHeader h = NpyReader.header(energy);
        assertEquals("<f4", h.dtype().descr());
        assertFalse(h.fortranOrder());
        assertArrayEquals(new long[] {80}, h.shape());
        assertEquals(-29943.90625, NpyReader.read(energy).values()[0]);
        Path coord = SharedData.path("deepmd/water/data_1/set.001/coord.npy");
        NpyArray last = NpyReader.readRows(coord, 79, 80);
        assertArrayEquals(new long[] {1, 576}, last.shape());
        assertEquals(7.33017110824585, last.values()[575]);
        Path aparam = SharedData.path("deepmd/Be-multiset/set.002/aparam.npy");
        assertArrayEquals(new long[] {1, 5400}, NpyReader.header(aparam).shape());
        assertEquals(0.2585202753543854, NpyReader.readFlat(aparam, 5399, 5400)[0]);
    }
}
