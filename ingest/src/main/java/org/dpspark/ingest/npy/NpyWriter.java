package org.dpspark.ingest.npy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * Writes C-order {@code .npy} arrays of {@code <f8} (float64) or {@code <i4} (int32), format 1.0 (2.0 only
 * if the header would not fit), header padded to a multiple of 64 bytes as NumPy does.
 */
public final class NpyWriter {
    private NpyWriter() {}

    /** Writes a float64 array; {@code values} row-major, length = product of {@code shape}. */
    public static void writeF8(Path file, long[] shape, double[] values) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeF8(out, shape, values);
        }
    }

    /** Writes an int32 array; {@code values} row-major, length = product of {@code shape}. */
    public static void writeI4(Path file, long[] shape, int[] values) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeI4(out, shape, values);
        }
    }

    public static void writeF8(OutputStream out, long[] shape, double[] values) throws IOException {
        checkSize(shape, values.length);
        out.write(header(NpyDtype.F8, shape));
        ByteBuffer bb = ByteBuffer.allocate(8 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (!bb.hasRemaining()) {
                out.write(bb.array(), 0, bb.position());
                bb.clear();
            }
            bb.putDouble(v);
        }
        out.write(bb.array(), 0, bb.position());
    }

    public static void writeI4(OutputStream out, long[] shape, int[] values) throws IOException {
        checkSize(shape, values.length);
        out.write(header(NpyDtype.I4, shape));
        ByteBuffer bb = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            if (!bb.hasRemaining()) {
                out.write(bb.array(), 0, bb.position());
                bb.clear();
            }
            bb.putInt(v);
        }
        out.write(bb.array(), 0, bb.position());
    }

    /** The header bytes (magic, version, length, dict padded with spaces and ending in a newline). */
    static byte[] header(NpyDtype dtype, long[] shape) {
        StringJoiner dims = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (long d : shape) {
            dims.add(Long.toString(d));
        }
        String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': " + dims + ", }";
        boolean v2 = dict.length() + 11 > 65535;
        int pre = v2 ? 12 : 10;
        int total = (pre + dict.length() + 1 + 63) / 64 * 64;
        String padded = dict + " ".repeat(total - pre - dict.length() - 1) + "\n";
        int len = padded.length();
        ByteBuffer bb = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(NpyHeader.MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
        if (v2) {
            bb.putInt(len);
        } else {
            bb.putShort((short) len);
        }
        bb.put(padded.getBytes(StandardCharsets.ISO_8859_1));
        return bb.array();
    }

    private static void checkSize(long[] shape, int n) {
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d);
            }
            size *= d;
        }
        if (size != n) {
            throw new IllegalArgumentException("shape mismatch: " + n + " values for shape "
                    + java.util.Arrays.toString(shape));
        }
    }
}
