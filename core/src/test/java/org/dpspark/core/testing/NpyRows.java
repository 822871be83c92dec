package org.dpspark.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny test-only .npy reader for the shared deepmd data: one row of a little-endian C-order float32/float64
 * array. Independent of ingest's reader on purpose, so tests of other modules do not rest on the code under test.
 */
public final class NpyRows {
    private NpyRows() {}

    /** Row {@code frame} (shape: width) of a 2-d array, as doubles. */
    public static double[] row(Path p, int frame, int width) throws IOException {
        byte[] all = Files.readAllBytes(p);
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int major = all[6];
        int hlen = major == 1 ? bb.getShort(8) & 0xffff : bb.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(all, start, hlen, StandardCharsets.ISO_8859_1);
        Matcher d = Pattern.compile("'descr':\\s*'<f(\\d)'").matcher(header);
        if (!d.find() || header.contains("'fortran_order': True")) {
            throw new IOException("unsupported npy header " + header);
        }
        int size = Integer.parseInt(d.group(1));
        int base = start + hlen + frame * width * size;
        double[] out = new double[width];
        for (int k = 0; k < width; k++) {
            out[k] = size == 4 ? bb.getFloat(base + 4 * k) : bb.getDouble(base + 8 * k);
        }
        return out;
    }
}
