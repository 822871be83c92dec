package org.dpspark.bench.ingest;

import org.dpspark.ingest.extxyz.ExtxyzReader;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.dpspark.core.Frame;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;

/**
 * Parse-speed benchmark of {@link ExtxyzReader} (a main class, not a test). Generates an extxyz file of
 * water-like frames formatted as ASE writes them ({@code %16.8f} columns, Lattice, energy, virial,
 * forces), then reads it several times and prints the best and median time, frames/s and MB/s, in
 * wall-clock time and in CPU time of the reading thread (which a loaded machine distorts less).
 * {@code bench/extxyz-vs-ase.sh} runs it next to ASE on the same file.
 *
 * <pre>
 * java -cp core/target/classes:ingest/target/classes org.dpspark.bench.ingest.ExtxyzParseBench \
 *     [--frames 20000] [--atoms 192] [--runs 5] [--file PATH] [--generate-only]
 * </pre>
 * The file is kept, and reused when it already exists.
 */
public final class ExtxyzParseBench {
    private ExtxyzParseBench() {}

    public static void main(String[] args) throws IOException {
        int frames = 20_000;
        int atoms = 192;
        int runs = 5;
        Path file = null;
        boolean generateOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--frames" -> frames = Integer.parseInt(args[++i]);
                case "--atoms" -> atoms = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                case "--generate-only" -> generateOnly = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--frames N] [--atoms N (multiple of 3)] [--runs N] [--file PATH] [--generate-only]");
            }
        }
        if (atoms % 3 != 0 || atoms < 3) {
            throw new IllegalArgumentException("--atoms must be a positive multiple of 3 (water molecules)");
        }
        if (file == null) {
            file = Path.of(System.getProperty("java.io.tmpdir"), "dpspark-extxyz-bench-" + frames + "x" + atoms + ".xyz");
        }
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            generate(file, frames, atoms, 42);
            System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", file, (System.nanoTime() - t0) / 1e9);
        }
        long bytes = Files.size(file);
        System.out.printf(Locale.ROOT, "file: %s, %.1f MB, %d frames x %d atoms%n", file, bytes / 1e6, frames, atoms);
        if (generateOnly) {
            return;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] seconds = new double[runs];
        double[] cpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long[] counts = readAll(file);
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            if (counts[1] != 0 || counts[0] != frames) {
                throw new IllegalStateException("read " + counts[0] + " frames and " + counts[1] + " rejects, expected "
                        + frames + " frames");
            }
            System.out.printf(Locale.ROOT, "run %d: %.3f s wall, %.3f s cpu (%.0f frames/s, %.1f MB/s wall)%n", r + 1,
                    seconds[r], cpu[r], frames / seconds[r], bytes / 1e6 / seconds[r]);
        }
        double best = best(seconds);
        double median = median(seconds);
        System.out.printf(Locale.ROOT, "dpspark extxyz (wall): best %.3f s, median %.3f s; best %.0f frames/s, %.1f MB/s;"
                + " median %.0f frames/s, %.1f MB/s%n", best, median, frames / best, bytes / 1e6 / best,
                frames / median, bytes / 1e6 / median);
        System.out.printf(Locale.ROOT, "dpspark extxyz (cpu of the reading thread): best %.3f s, median %.3f s%n",
                best(cpu), median(cpu));
        System.out.printf(Locale.ROOT, "RESULT best_s=%.4f median_s=%.4f best_cpu_s=%.4f median_cpu_s=%.4f frames=%d"
                + " atoms=%d bytes=%d%n", best, median, best(cpu), median(cpu), frames, atoms, bytes);
    }

    private static double best(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Reads every record; returns {frames, rejects}. Touches the values so nothing is optimised away. */
    static long[] readAll(Path file) throws IOException {
        long frames = 0;
        long rejects = 0;
        double checksum = 0;
        try (RecordStream s = new ExtxyzReader().read(InputSplit.whole(file.toString(), "extxyz"),
                ReadOptions.of("bench"))) {
            while (s.hasNext()) {
                ReadRecord r = s.next();
                if (r.isFrame()) {
                    Frame f = r.frame();
                    frames++;
                    checksum += f.energy() + f.natoms();
                } else {
                    rejects++;
                }
            }
        }
        if (checksum == 42.4242) {
            System.out.println("(checksum)");
        }
        return new long[] {frames, rejects};
    }

    /** Writes {@code frames} water boxes of {@code atoms} atoms (density ~1 g/cm³) as ASE formats them. */
    static void generate(Path file, int frames, int atoms, long seed) throws IOException {
        Random random = new Random(seed);
        int molecules = atoms / 3;
        double box = Math.cbrt(molecules * 29.9);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder sb = new StringBuilder(1 << 16);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            for (int f = 0; f < frames; f++) {
                sb.setLength(0);
                sb.append(atoms).append('\n');
                sb.append(String.format(Locale.ROOT, "Lattice=\"%.8f 0.0 0.0 0.0 %.8f 0.0 0.0 0.0 %.8f\" "
                        + "Properties=species:S:1:pos:R:3:forces:R:3 energy=%.8f virial=\"", box, box, box,
                        -14.2 * molecules + random.nextGaussian()));
                double[] v = new double[6];
                for (int k = 0; k < 6; k++) {
                    v[k] = random.nextGaussian() * 5;
                }
                double[] full = {v[0], v[5], v[4], v[5], v[1], v[3], v[4], v[3], v[2]};
                for (int k = 0; k < 9; k++) {
                    sb.append(k == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.8f", full[k]));
                }
                sb.append("\" pbc=\"T T T\"\n");
                for (int m = 0; m < molecules; m++) {
                    double ox = random.nextDouble() * box;
                    double oy = random.nextDouble() * box;
                    double oz = random.nextDouble() * box;
                    atomLine(sb, "O", ox, oy, oz, random);
                    atomLine(sb, "H", ox + 0.757, oy + 0.586 + random.nextGaussian() * 0.02, oz, random);
                    atomLine(sb, "H", ox - 0.757, oy + 0.586 + random.nextGaussian() * 0.02, oz, random);
                }
                out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void atomLine(StringBuilder sb, String symbol, double x, double y, double z, Random random) {
        sb.append(symbol).append(symbol.length() == 1 ? " " : "");
        fixed(sb, x);
        fixed(sb, y);
        fixed(sb, z);
        for (int k = 0; k < 3; k++) {
            fixed(sb, random.nextGaussian());
        }
        sb.append('\n');
    }

    /** Appends {@code " %16.8f"} of v without String.format (which would make generation slow). */
    private static void fixed(StringBuilder sb, double v) {
        long scaled = Math.round(Math.abs(v) * 1e8);
        boolean negative = v < 0 && scaled != 0;
        String digits = Long.toString(scaled);
        if (digits.length() < 9) {
            digits = "000000000".substring(digits.length()) + digits;
        }
        String s = (negative ? "-" : "") + digits.substring(0, digits.length() - 8) + "."
                + digits.substring(digits.length() - 8);
        sb.append(' ');
        for (int pad = s.length(); pad < 16; pad++) {
            sb.append(' ');
        }
        sb.append(s);
    }
}
