package org.dpspark.bench.featurize;

import org.dpspark.bench.PeakFlops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.DataSplit;
import org.dpspark.core.SparkSessions;
import org.dpspark.model.descriptor.BehlerParrinello;
import org.dpspark.model.descriptor.SymmetryFunctionSet;
import org.dpspark.model.env.SeAEnvironment;
import org.dpspark.model.env.SeAFrame;
import org.dpspark.featurize.job.FeaturizeJob;
import org.dpspark.featurize.job.FeaturizeRows;
import org.dpspark.featurize.job.FeaturizeSettings;
import org.dpspark.featurize.job.FrameInput;
import org.dpspark.model.TypeMap;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.ingest.job.IngestJob;
import org.dpspark.ingest.job.IngestSettings;

/**
 * Featurize benchmark on the shared water data (400 frames × 192 atoms, 12.44 Å box): single-core throughput of
 * neighbour list + se_e2_a environment matrix + derivatives (r_c 6 Å, r_s 0.5 Å, sel [46, 92]) and of
 * neighbour list + G2/G4 (the default symmetry functions), a FLOP count per atom, the fraction of the measured
 * one-core peak ({@link PeakFlops}), and the Spark speed-up of the whole featurize job from local[1] to local[2].
 */
public final class FeaturizeBench {
    private FeaturizeBench() {}

    /** Measured figures. */
    public record Result(double envAtomsPerSecond, double envFlopsPerAtom, double g24AtomsPerSecond,
                         double g24FlopsPerAtom, double peakGflops, double meanNeighbors, double candidatesPerAtom,
                         double pairsPerAtom, double oneCoreSeconds, double twoCoreSeconds, double load,
                         String peakKernel, double loadBefore, double oneCoreCpu, double twoCoreCpu,
                         double oneCoreTasks, double twoCoreTasks) {
        public double speedup() { return oneCoreSeconds / twoCoreSeconds; }
    }

    public static Result run(Path water, Path work, double seconds, int repeats, boolean kernels, boolean spark)
            throws IOException {
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        deleteTree(work);
        String table = work.resolve("frames").toString();
        SparkSession s0 = SparkSessions.getOrCreate("bench featurize", "local[2]");
        IngestJob.run(s0, IngestSettings.defaults(List.of(water.toString()), table, "", "dpspark bench featurize"));
        List<FrameInput> frames = s0.read().parquet(table).collectAsList().stream().map(FeaturizeRows::frame).toList();
        s0.stop();

        TypeMap tm = new TypeMap(List.of("O", "H"));
        int[][] types = frames.stream().map(f -> tm.types(f.typeLabels(), f.atomicNumbers(), f.frameId()))
                .toArray(int[][]::new);
        long atomsPerFrame = frames.get(0).natoms();
        NeighborListBuilder b = new NeighborListBuilder(6.0);
        NeighborList nl = new NeighborList();
        // Geometry for the FLOP count (water: every frame has the same box and density).
        FrameInput f0 = frames.get(0);
        b.build(f0.positions(), f0.cell(), f0.pbc(), nl);
        double meanNb = (double) nl.size() / nl.natoms();
        // NeighborListBuilder's half pair loop (small orthorhombic cell, as water's 12.44 Å box at r_c 6):
        // (n−1)/2 pairs per atom at 20 FLOPs (3 sub, 3 × 1/L, 3 rint, 3 mul + 3 add shift, 5 for r²)
        double candidates = (f0.natoms() - 1) / 2.0;
        long pairs = 0;
        for (int i = 0; i < nl.natoms(); i++) {
            for (int p = nl.start(i); p < nl.end(i); p++) {
                for (int q = p + 1; q < nl.end(i); q++) {
                    double dx = nl.vec(q, 0) - nl.vec(p, 0), dy = nl.vec(q, 1) - nl.vec(p, 1), dz = nl.vec(q, 2) - nl.vec(p, 2);
                    if (dx * dx + dy * dy + dz * dz < 36.0) pairs++;
                }
            }
        }
        double pairsPerAtom = (double) pairs / nl.natoms();
        // FLOPs (add, mul, div, sqrt = 1 each; exp/cos = 1 each, an undercount) read off the loops:
        // neighbour search 20 per pair examined + 1 sqrt per neighbour;
        // env slot 115 (switch 12, env row 8, switch derivative 12, 1/r powers 4, c0 4 + 3, 9 derivative entries × 8).
        double envFlops = candidates * 20 + meanNb * (1 + 115);
        // G2: per neighbour 8 × 6 (+ cutoff 6); G4: per (j,k) pair with r_jk < r_c: geometry and cutoff 20,
        // cos 6, 3 exp products 9, 24 parameters × (1 + λcos 2, ζ power ≤ 6, product and sum 3) = 264.
        double g24Flops = candidates * 20 + meanNb * (1 + 54) + pairsPerAtom * 299;

        double envRate = Double.NaN, g24Rate = Double.NaN;
        PeakFlops.Peak peak = PeakFlops.Peak.none();
        if (kernels) {
            SeAEnvironment env = new SeAEnvironment(6.0, 0.5, new int[] {46, 92});
            SeAFrame sf = new SeAFrame();
            BehlerParrinello bp = new BehlerParrinello(SymmetryFunctionSet.defaults(6.0), tm.names());
            timeEnv(frames, types, b, nl, env, sf, Math.min(2.0, seconds));
            envRate = 0;
            for (int r = 0; r < repeats; r++) {
                envRate = Math.max(envRate, timeEnv(frames, types, b, nl, env, sf, seconds) * atomsPerFrame);
            }
            timeG24(frames, types, b, nl, bp, Math.min(2.0, seconds));
            g24Rate = 0;
            for (int r = 0; r < repeats; r++) {
                g24Rate = Math.max(g24Rate, timeG24(frames, types, b, nl, bp, seconds) * atomsPerFrame);
            }
            peak = PeakFlops.measure(seconds);
        }
        double one = Double.NaN, two = Double.NaN, oneCpu = Double.NaN, twoCpu = Double.NaN;
        double oneTasks = Double.NaN, twoTasks = Double.NaN;
        if (spark) {
            one = Double.POSITIVE_INFINITY;
            two = Double.POSITIVE_INFINITY;
            // alternating runs, best of each: the machine is shared
            for (int r = 0; r < repeats; r++) {
                double[] a = sparkRun(table, work.resolve("out1").toString(), "local[1]");
                if (a[0] < one) {
                    one = a[0];
                    oneCpu = a[1];
                    oneTasks = a[2];
                }
                double[] b2 = sparkRun(table, work.resolve("out2").toString(), "local[2]");
                if (b2[0] < two) {
                    two = b2[0];
                    twoCpu = b2[1];
                    twoTasks = b2[2];
                }
            }
        }
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        deleteTree(work);
        return new Result(envRate, envFlops, g24Rate, g24Flops, peak.gflops(), meanNb, candidates, pairsPerAtom, one, two,
                load, peak.kernel() + "; " + peak.detail(), loadBefore, oneCpu, twoCpu, oneTasks, twoTasks);
    }

    private static double timeEnv(List<FrameInput> frames, int[][] types, NeighborListBuilder b, NeighborList nl,
                                  SeAEnvironment env, SeAFrame sf, double seconds) {
        long count = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            int k = (int) (count % frames.size());
            FrameInput f = frames.get(k);
            b.build(f.positions(), f.cell(), f.pbc(), nl);
            env.computeFrame(types[k], nl, sf);
            count++;
        }
        return count / ((System.nanoTime() - t0) * 1e-9);
    }

    private static double timeG24(List<FrameInput> frames, int[][] types, NeighborListBuilder b, NeighborList nl,
                                  BehlerParrinello bp, double seconds) {
        long count = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        double sink = 0;
        while (System.nanoTime() < end) {
            int k = (int) (count % frames.size());
            FrameInput f = frames.get(k);
            b.build(f.positions(), f.cell(), f.pbc(), nl);
            sink += bp.computeAll(types[k], nl)[0];
            count++;
        }
        if (sink == 42) System.out.print("");
        return count / ((System.nanoTime() - t0) * 1e-9);
    }

    /**
     * Wall seconds, process CPU seconds and summed task wall seconds (Spark listener) of one featurize job on a fresh
     * session. Task seconds / wall seconds = how many tasks ran at once on average, whatever CPU they got.
     */
    private static double[] sparkRun(String table, String out, String master) {
        SparkSession spark = SparkSessions.getOrCreate("bench featurize " + master, master);
        FeaturizeSettings s = FeaturizeSettings.fromConfig(org.dpspark.core.JobConfig.load(null,
                        List.of("model.type-map=[O,H]", "featurize.partitions=8")), table, out,
                "dpspark bench featurize", "{}");
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] taskSeconds = new double[1];
        spark.sparkContext().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                synchronized (taskSeconds) {
                    taskSeconds[0] += end.taskInfo().duration() * 1e-3;
                }
            }
        });
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        FeaturizeJob.run(spark, s);
        double secs = (System.nanoTime() - t0) * 1e-9;
        double cpu = (os.getProcessCpuTime() - c0) * 1e-9;
        spark.stop();
        synchronized (taskSeconds) {
            return new double[] {secs, cpu, taskSeconds[0]};
        }
    }

    public static String render(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append("featurize benchmark: shared water (deepmd/water, 400 frames × 192 atoms), one core unless stated\n");
        if (!Double.isNaN(r.envAtomsPerSecond())) {
        sb.append(String.format(Locale.ROOT, "  neighbour list + se_e2_a env matrix + derivatives (r_c 6, sel [46, 92]):"
                + " %,.0f atoms/s per core (target >= 100,000)%n", r.envAtomsPerSecond()));
        sb.append(String.format(Locale.ROOT, "  neighbour list + G2/G4 (8 G2 + 24 G4 per element/pair, dim 88):"
                + " %,.0f atoms/s per core%n", r.g24AtomsPerSecond()));
        sb.append(String.format(Locale.ROOT, "  geometry: %.1f neighbours within r_c, %.1f pairs examined by the neighbour search, %.0f"
                + " neighbour pairs within r_c per atom%n", r.meanNeighbors(), r.candidatesPerAtom(), r.pairsPerAtom()));
        sb.append(String.format(Locale.ROOT, "  FLOPs per atom (counted from the loops; +,×,/,√ and each exp/cos = 1):"
                + " env+derivs %.0f, G2/G4 %.0f%n", r.envFlopsPerAtom(), r.g24FlopsPerAtom()));
        double envG = r.envAtomsPerSecond() * r.envFlopsPerAtom() / 1e9;
        double g24G = r.g24AtomsPerSecond() * r.g24FlopsPerAtom() / 1e9;
        sb.append(String.format(Locale.ROOT, "  measured one-core peak (%s): %.2f GFLOP/s;"
                + " achieved: env+derivs %.2f GFLOP/s (%.1f %%), G2/G4 %.2f GFLOP/s (%.1f %%)%n", r.peakKernel(), r.peakGflops(),
                envG, 100 * envG / r.peakGflops(), g24G, 100 * g24G / r.peakGflops()));
        }
        if (!Double.isNaN(r.oneCoreSeconds())) {
            sb.append(String.format(Locale.ROOT, "  Spark featurize job (stats + G2/G4 descriptors table, 8 partitions):"
                    + " local[1] %.1f s, local[2] %.1f s, speed-up %.2f× (target >= 1.8)%n", r.oneCoreSeconds(),
                    r.twoCoreSeconds(), r.speedup()));
            sb.append(String.format(Locale.ROOT, "    tasks running at once (Σ task time / wall): local[1] %.2f, local[2] %.2f;"
                    + " CPU the process got: local[1] %.2f cores, local[2] %.2f cores (below the task count: the cores"
                    + " were shared with other work)%n", r.oneCoreTasks() / r.oneCoreSeconds(),
                    r.twoCoreTasks() / r.twoCoreSeconds(), r.oneCoreCpu() / r.oneCoreSeconds(),
                    r.twoCoreCpu() / r.twoCoreSeconds()));
            double serial = Math.max(0, 1 - r.oneCoreTasks() / r.oneCoreSeconds());
            sb.append(String.format(Locale.ROOT, "    outside tasks (driver, scheduling) in local[1]: %.0f %% of the wall time;"
                    + " Amdahl's bound for 2 free cores: %.2f× (a prediction, not a measurement)%n", 100 * serial,
                    1 / (serial + (1 - serial) / 2)));
        }
        sb.append(String.format(Locale.ROOT, "  system load average: %.2f at the start, %.2f at the end, on %d cores (shared machine:"
                + " figures are best of the repeats)%n", r.loadBefore(), r.load(), Runtime.getRuntime().availableProcessors()));
        return sb.toString();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
