package org.dpspark.bench.ingest;

import io.jhdf.HdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.WritableHdfFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.ReaderRegistry;
import org.dpspark.ingest.read.RecordStream;

/**
 * Single-thread throughput of the OUTCAR and HDF5 (ANI-1x layout) readers against reading the same bytes
 * from disk with a plain {@link FileChannel} (both with a warm page cache: the second and later runs).
 */
public final class ReaderThroughput {
    private ReaderThroughput() {}

    /** One reader's figures. */
    public record Result(String format, long bytes, long frames, double readerSeconds, double rawSeconds) {
        public double readerMBps() { return bytes / 1e6 / readerSeconds; }
        public double rawMBps() { return bytes / 1e6 / rawSeconds; }
    }

    /** Generates both files of about {@code targetMB} each under {@code dir}, times them, deletes them. */
    public static List<Result> run(Path dir, Path sharedOutcar, int targetMB, int repeats) throws IOException {
        Files.createDirectories(dir);
        List<Result> out = new ArrayList<>();
        Path outcar = dir.resolve("OUTCAR.big");
        writeOutcar(sharedOutcar, outcar, targetMB);
        out.add(measure("vasp/outcar", outcar, repeats));
        Path h5 = dir.resolve("ani1x-big.h5");
        writeAni1x(h5, targetMB);
        out.add(measure("ani1x", h5, repeats));
        Files.deleteIfExists(outcar);
        Files.deleteIfExists(h5);
        return out;
    }

    private static Result measure(String format, Path file, int repeats) throws IOException {
        FrameReader reader = ReaderRegistry.get(format);
        ReadOptions options = ReadOptions.of("bench");
        double best = Double.POSITIVE_INFINITY;
        double bestRaw = Double.POSITIVE_INFINITY;
        long frames = 0;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            frames = 0;
            for (InputSplit split : reader.plan(file.toString(), options)) {
                try (RecordStream s = reader.read(split, options)) {
                    while (s.hasNext()) {
                        ReadRecord rec = s.next();
                        if (!rec.isFrame()) {
                            throw new IllegalStateException("bench input rejected: " + rec.reject().describe());
                        }
                        frames++;
                    }
                }
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            bestRaw = Math.min(bestRaw, rawRead(file));
        }
        return new Result(format, Files.size(file), frames, best, bestRaw);
    }

    /** Seconds to read every byte of the file through a 1 MiB buffer. */
    private static double rawRead(Path file) throws IOException {
        long t0 = System.nanoTime();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        long sum = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) > 0) {
                buf.flip();
                sum += buf.get(0);
                buf.clear();
            }
        }
        if (sum == Long.MIN_VALUE) {
            System.out.print("");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * A long OUTCAR: the shared 3-step water MD run with its second ionic step repeated (and renumbered) until
     * the file has about {@code targetMB} MB (every repeat is a valid, complete ionic step).
     */
    static void writeOutcar(Path shared, Path target, int targetMB) throws IOException {
        List<String> lines = Files.readAllLines(shared, java.nio.charset.StandardCharsets.ISO_8859_1);
        int step2 = indexOf(lines, "Iteration    2(   1)");
        int step3 = indexOf(lines, "Iteration    3(   1)");
        List<String> block = lines.subList(step2, step3);
        long blockBytes = block.stream().mapToLong(l -> l.length() + 1).sum();
        long repeats = Math.max(1, targetMB * 1_000_000L / blockBytes);
        try (BufferedWriter w = Files.newBufferedWriter(target, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            for (String l : lines.subList(0, step2)) {
                w.write(l);
                w.newLine();
            }
            for (long r = 0; r < repeats; r++) {
                String step = String.format(Locale.ROOT, "Iteration %4d(", r + 2);
                for (String l : block) {
                    w.write(l.replace("Iteration    2(", step));
                    w.newLine();
                }
            }
            String last = String.format(Locale.ROOT, "Iteration %4d(", repeats + 2);
            for (String l : lines.subList(step3, lines.size())) {
                w.write(l.replace("Iteration    3(", last));
                w.newLine();
            }
        }
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i;
            }
        }
        throw new IllegalStateException("marker not found in the shared OUTCAR: " + marker);
    }

    /** An ANI-1x-layout file: groups of 24-atom conformers with wb97x_dz energies and forces (float64). */
    static void writeAni1x(Path target, int targetMB) throws IOException {
        int atoms = 24;
        int conformers = 2000;
        long perGroup = (long) conformers * atoms * 3 * 8 * 2;
        int groups = (int) Math.max(1, targetMB * 1_000_000L / perGroup);
        SplittableRandom rnd = new SplittableRandom(7);
        try (WritableHdfFile f = HdfFile.write(target)) {
            for (int g = 0; g < groups; g++) {
                WritableGroup grp = f.putGroup(String.format("C8H16N%d", g));
                byte[] z = new byte[atoms];
                for (int a = 0; a < atoms; a++) {
                    z[a] = (byte) (a < 8 ? 6 : a < 22 ? 1 : 7);
                }
                double[][][] xyz = new double[conformers][atoms][3];
                double[][][] force = new double[conformers][atoms][3];
                double[] energy = new double[conformers];
                for (int c = 0; c < conformers; c++) {
                    energy[c] = -400.0 + rnd.nextDouble();
                    for (int a = 0; a < atoms; a++) {
                        for (int k = 0; k < 3; k++) {
                            xyz[c][a][k] = rnd.nextDouble() * 6.0;
                            force[c][a][k] = rnd.nextGaussian() * 0.05;
                        }
                    }
                }
                grp.putDataset("atomic_numbers", z);
                grp.putDataset("coordinates", xyz);
                grp.putDataset("wb97x_dz.energy", energy);
                grp.putDataset("wb97x_dz.forces", force);
            }
        }
    }

    public static String render(List<Result> results) {
        StringBuilder sb = new StringBuilder("reader throughput, one thread, warm page cache:\n");
        sb.append(String.format(Locale.ROOT, "%-12s %9s %9s %12s %12s %8s%n", "format", "MB", "frames",
                "reader MB/s", "raw MB/s", "ratio"));
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "%-12s %9.0f %9d %12.1f %12.1f %8.3f%n", r.format(), r.bytes() / 1e6,
                    r.frames(), r.readerMBps(), r.rawMBps(), r.readerMBps() / r.rawMBps()));
        }
        return sb.append("raw = reading the same bytes with a FileChannel; ratio = reader / raw.\n").toString();
    }
}
