package org.dpspark.bench.featurize;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dpspark.model.env.SeAEnvironment;
import org.dpspark.model.env.SeAFrame;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;

/**
 * Single-thread throughput of neighbour list + se_e2_a environment matrix + derivatives on the shared water
 * data (deepmd/npy, 192 atoms, 12.44 Å box, r_c 6, r_s 0.5, sel [46, 92]).
 *
 * <p>Usage: {@code java -cp ... org.dpspark.bench.featurize.EnvironmentBench [system dir] [seconds]};
 * default system {@code ../shared/data/deepmd/water/data_0}, 5 s of timing after 2 s of warm-up.
 */
public final class EnvironmentBench {
    private EnvironmentBench() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/deepmd/water/data_0");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5.0;
        String[] tok = Files.readString(dir.resolve("type.raw")).trim().split("\\s+");
        int n = tok.length;
        int[] types = new int[n];
        for (int i = 0; i < n; i++) types[i] = Integer.parseInt(tok[i]);
        double[] coord = readFloats(dir.resolve("set.000/coord.npy"));
        double[] box = readFloats(dir.resolve("set.000/box.npy"));
        int nf = coord.length / (3 * n);
        NeighborListBuilder builder = new NeighborListBuilder(6.0);
        NeighborList nl = new NeighborList();
        SeAEnvironment env = new SeAEnvironment(6.0, 0.5, new int[] {46, 92});
        SeAFrame frame = new SeAFrame();
        double[] pos = new double[3 * n], cell = new double[9];
        run(2.0, nf, n, coord, box, pos, cell, builder, nl, env, frame, types, false);
        long[] r = run(seconds, nf, n, coord, box, pos, cell, builder, nl, env, frame, types, true);
        double secs = r[1] * 1e-9;
        System.out.printf("EnvironmentBench: %d frames × %d atoms in %.2f s on one thread: %.0f atoms/s "
                + "(%.2f ms/frame; neighbour list %.0f%%, env matrix + derivatives %.0f%%); nnei %d%n",
                r[0], n, secs, r[0] * n / secs, 1e3 * secs / r[0], 100.0 * r[2] / r[1], 100.0 * (r[1] - r[2]) / r[1], env.nnei());
    }

    private static long[] run(double seconds, int nf, int n, double[] coord, double[] box, double[] pos, double[] cell,
            NeighborListBuilder builder, NeighborList nl, SeAEnvironment env, SeAFrame frame, int[] types, boolean timed) {
        long frames = 0, total = 0, nlTime = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            int f = (int) (frames % nf);
            System.arraycopy(coord, f * 3 * n, pos, 0, 3 * n);
            System.arraycopy(box, f * 9, cell, 0, 9);
            long t0 = System.nanoTime();
            builder.build(pos, cell, null, nl);
            long t1 = System.nanoTime();
            env.computeFrame(types, nl, frame);
            long t2 = System.nanoTime();
            nlTime += t1 - t0;
            total += t2 - t0;
            frames++;
        }
        return new long[] {frames, total, nlTime};
    }

    /** Minimal little-endian float32/float64 .npy reader (C order). */
    static double[] readFloats(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int major = all[6];
        int hl = major == 1 ? bb.getShort(8) & 0xffff : bb.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(all, start, hl, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("'descr':\\s*'<f(\\d)'").matcher(header);
        if (!m.find()) throw new IOException("expected little-endian float npy: " + header);
        int size = Integer.parseInt(m.group(1));
        bb.position(start + hl);
        int count = (all.length - start - hl) / size;
        double[] out = new double[count];
        for (int i = 0; i < count; i++) out[i] = size == 4 ? bb.getFloat() : bb.getDouble();
        return out;
    }
}
