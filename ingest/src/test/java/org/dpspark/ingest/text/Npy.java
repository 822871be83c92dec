package org.dpspark.ingest.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helper: the smallest NumPy {@code .npy} reader that the reference files need: little-endian
 * float64 ({@code <f8}) or float32 ({@code <f4}), C order; returns the flat values.
 */
public final class Npy {
    private Npy() {}

    public static double[] read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length < 10 || (b[0] & 0xff) != 0x93 || b[1] != 'N') {
            throw new IOException("not an npy file: " + file);
        }
        int major = b[6];
        int headerLen;
        int start;
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            start = 10;
        } else {
            headerLen = bb.getInt(8);
            start = 12;
        }
        String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
        if (header.contains("'fortran_order': True")) {
            throw new IOException("fortran order not supported: " + file);
        }
        int data = start + headerLen;
        if (header.contains("'<f8'")) {
            double[] out = new double[(b.length - data) / 8];
            for (int i = 0; i < out.length; i++) {
                out[i] = bb.getDouble(data + 8 * i);
            }
            return out;
        }
        if (header.contains("'<f4'")) {
            double[] out = new double[(b.length - data) / 4];
            for (int i = 0; i < out.length; i++) {
                out[i] = bb.getFloat(data + 4 * i);
            }
            return out;
        }
        throw new IOException("unsupported dtype in " + file + ": " + header);
    }
}
