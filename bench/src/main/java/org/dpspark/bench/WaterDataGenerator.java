package org.dpspark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.dpspark.ingest.npy.NpyWriter;

/**
 * Writes a synthetic water-sized dataset as deepmd/npy systems for benchmarks: 64 O + 128 H per frame in a
 * 12.44 Å cubic box (the DeePMD-kit water example's size), random positions, forces and energies (float64).
 * The numbers are not physical; only the sizes and formats matter for I/O throughput.
 */
public final class WaterDataGenerator {
    private WaterDataGenerator() {}

    public static final int ATOMS = 192;
    private static final double BOX = 12.44;

    /** Writes {@code systems} systems of {@code framesPerSystem} frames under {@code dir}; returns bytes written. */
    public static long write(Path dir, int systems, int framesPerSystem, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        long bytes = 0;
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < ATOMS; i++) {
            types.append(i < ATOMS / 3 ? 0 : 1).append('\n');
        }
        for (int s = 0; s < systems; s++) {
            Path sys = dir.resolve(String.format("sys_%04d", s));
            Path set = sys.resolve("set.000");
            Files.createDirectories(set);
            Files.writeString(sys.resolve("type.raw"), types);
            Files.writeString(sys.resolve("type_map.raw"), "O\nH\n");
            int n = framesPerSystem;
            double[] coord = new double[n * ATOMS * 3];
            double[] force = new double[n * ATOMS * 3];
            double[] energy = new double[n];
            double[] box = new double[n * 9];
            for (int f = 0; f < n; f++) {
                energy[f] = -29950.0 + rnd.nextDouble() * 10.0;
                box[9 * f] = box[9 * f + 4] = box[9 * f + 8] = BOX;
            }
            for (int k = 0; k < coord.length; k++) {
                coord[k] = rnd.nextDouble() * BOX;
                force[k] = rnd.nextGaussian() * 1.5;
            }
            NpyWriter.writeF8(set.resolve("coord.npy"), new long[] {n, ATOMS * 3}, coord);
            NpyWriter.writeF8(set.resolve("force.npy"), new long[] {n, ATOMS * 3}, force);
            NpyWriter.writeF8(set.resolve("energy.npy"), new long[] {n}, energy);
            NpyWriter.writeF8(set.resolve("box.npy"), new long[] {n, 9}, box);
            bytes += 8L * (coord.length + force.length + energy.length + box.length);
        }
        return bytes;
    }
}
