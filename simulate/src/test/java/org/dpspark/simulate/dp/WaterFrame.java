package org.dpspark.simulate.dp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dpspark.core.testing.SharedData;

/** One frame of DeePMD-kit's water example data (deepmd/water/data_0: 192 atoms, O=0, H=1, 12.44 Å cubic box). */
final class WaterFrame {
    final double[] coord;
    final double[] box;
    final int[] types;

    private WaterFrame(double[] coord, double[] box, int[] types) {
        this.coord = coord;
        this.box = box;
        this.types = types;
    }

    static WaterFrame load(int frame) throws IOException {
        Path dir = SharedData.path("deepmd/water/data_0");
        String[] t = Files.readString(dir.resolve("type.raw")).trim().split("\\s+");
        int[] types = new int[t.length];
        for (int i = 0; i < t.length; i++) types[i] = Integer.parseInt(t[i]);
        double[] c = row(dir.resolve("set.000/coord.npy"), frame, 3 * types.length);
        double[] b = row(dir.resolve("set.000/box.npy"), frame, 9);
        return new WaterFrame(c, b, types);
    }

    /** Row {@code frame} of a little-endian C-order float32/float64 2-d .npy (tiny test-only reader). */
    static double[] row(Path p, int frame, int width) throws IOException {
        byte[] all = Files.readAllBytes(p);
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int major = all[6];
        int hlen = major == 1 ? bb.getShort(8) & 0xffff : bb.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(all, start, hlen, StandardCharsets.ISO_8859_1);
        Matcher d = Pattern.compile("'descr':\\s*'<f(\\d)'").matcher(header);
        if (!d.find() || header.contains("'fortran_order': True")) throw new IOException("unsupported npy header " + header);
        int size = Integer.parseInt(d.group(1));
        int base = start + hlen + frame * width * size;
        double[] out = new double[width];
        for (int k = 0; k < width; k++) out[k] = size == 4 ? bb.getFloat(base + 4 * k) : bb.getDouble(base + 8 * k);
        return out;
    }
}
