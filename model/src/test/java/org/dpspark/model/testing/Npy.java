package org.dpspark.model.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal test-only .npy reader (little-endian f4/f8/i4/i8, C order) returning doubles. */
public final class Npy {
    public final int[] shape;
    public final double[] data;

    private Npy(int[] shape, double[] data) {
        this.shape = shape;
        this.data = data;
    }

    public static Npy read(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        if (all.length < 10 || (all[0] & 0xff) != 0x93 || all[1] != 'N') {
            throw new IOException("not an npy file: " + p);
        }
        int major = all[6];
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            start = 10;
        } else {
            headerLen = bb.getInt(8);
            start = 12;
        }
        String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = Pattern.compile("'descr':\\s*'([<>|]?)([a-z])(\\d)'").matcher(header);
        if (!d.find()) throw new IOException("no descr in " + header);
        if (header.contains("'fortran_order': True")) throw new IOException("fortran order unsupported");
        Matcher s = Pattern.compile("'shape':\\s*\\(([^)]*)\\)").matcher(header);
        if (!s.find()) throw new IOException("no shape in " + header);
        String[] parts = s.group(1).split(",");
        int count = 0;
        for (String x : parts) if (!x.isBlank()) count++;
        int[] shape = new int[count];
        long total = 1;
        int k = 0;
        for (String x : parts) {
            if (x.isBlank()) continue;
            shape[k] = Integer.parseInt(x.trim());
            total *= shape[k++];
        }
        if (d.group(1).equals(">")) throw new IOException("big-endian unsupported");
        char kind = d.group(2).charAt(0);
        int size = Integer.parseInt(d.group(3));
        bb.position(start + headerLen);
        double[] out = new double[(int) total];
        for (int i = 0; i < total; i++) {
            if (kind == 'f' && size == 4) out[i] = bb.getFloat();
            else if (kind == 'f' && size == 8) out[i] = bb.getDouble();
            else if (kind == 'i' && size == 4) out[i] = bb.getInt();
            else if (kind == 'i' && size == 8) out[i] = bb.getLong();
            else throw new IOException("unsupported dtype " + kind + size);
        }
        return new Npy(shape, out);
    }
}
