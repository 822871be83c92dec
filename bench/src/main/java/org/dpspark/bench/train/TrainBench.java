package org.dpspark.bench.train;

import org.dpspark.bench.PeakFlops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dpspark.core.JobConfig;
import org.dpspark.core.SparkSessions;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.ingest.job.IngestJob;
import org.dpspark.ingest.job.IngestSettings;
import org.dpspark.train.data.FrameSource;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.dl4j.DeepPotBatch;
import org.dpspark.train.dl4j.DeepPotNetwork;
import org.dpspark.train.graph.BatchBuilder;
import org.dpspark.train.graph.DeepPotGraph;
import org.dpspark.train.kernel.DeepPotKernel;
import org.dpspark.train.kernel.KernelLoss;
import org.dpspark.train.kernel.ModelParams;
import org.dpspark.train.kernel.StepBatch;
import org.dpspark.train.job.RddEngine;
import org.dpspark.train.job.SparkGraphEngine;
import org.dpspark.train.job.TrainSettings;
import org.dpspark.train.loss.Adam;
import org.dpspark.train.loss.LearningRate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code dpspark bench train}: training steps per second on one core for the library-default and the water-example
 * networks on a water frame (192 atoms, batch 1 = DeePMD's auto batch for 192 atoms), through the SameDiff graph
 * ({@link DeepPotGraph}, {@code train.compute = samediff}), the hand-written {@link DeepPotKernel} (the default, as
 * the rdd engine runs it) and the DL4J ComputationGraph with the kernel vertex (as the dl4j-spark engine runs it); FLOPs per step (counted, see {@link #flopsPerAtom}) against the measured peak; memory of a water
 * batch; the speed-up of dl4j-spark parameter averaging from 1 worker (local[1]) to 2 workers (local[2]).
 */
public final class TrainBench {
    private TrainBench() {}

    /** One network's figures. Step times in seconds: wall clock and the calling thread's CPU time (see {@link #time}). */
    public record Net(String name, int[] neuron, int axis, int[] fitting, long params, double graphStepSeconds,
            double kernelStepSeconds, double networkStepSeconds, double graphStepCpuSeconds, double kernelStepCpuSeconds,
            double networkStepCpuSeconds, double mixedStepSeconds, double mixedStepCpuSeconds, double flopsPerStep,
            long heapBytes, long offHeapBytes) {}

    /** peak: the one measured peak ({@link PeakFlops}, GFLOP per CPU-second) every % of peak divides by; nd4jPeak,
     * nd4jPeakCpu: a 256³ dgemm's GFLOP/s of wall and thread CPU time (printed for the log); sgemmPeakCpu: a 256³ sgemm's
     * GFLOP per thread CPU-second (the float32 peak that train.precision = mixed is also compared with); scaling: 1 → 2
     * workers per network (empty without --spark) at averagingFrequency steps per round. */
    public record Result(PeakFlops.Peak peak, double nd4jPeak, double nd4jPeakCpu, double sgemmPeakCpu, List<Net> nets,
            List<Scaling> scaling,
            int averagingFrequency, int atoms, double loadBefore, double loadAfter) {}

    /** One network's training frames/s with 1 and 2 workers: dl4j-spark and engine rdd. */
    public record Scaling(String net, Fps dl4jOne, Fps dl4jTwo, Fps rddOne, Fps rddTwo) {}

    /**
     * Training frames/s over the timed rounds, and of the fastest of them (the least disturbed by other processes on
     * a shared machine, as the step timings take the best window).
     */
    public record Fps(double mean, double bestRound) {
    }

    /** The two networks timed: name, embedding widths, axis neurons, fitting widths. */
    private record Spec(String name, int[] neuron, int axis, int[] fitting) {}

    private static final List<Spec> NETS = List.of(
            new Spec("library default", new int[] {10, 20, 40}, 4, new int[] {120, 120, 120}),
            new Spec("water example", new int[] {25, 50, 100}, 16, new int[] {240, 240, 240}));

    /**
     * @param averagingFrequency steps per worker and round of the speed-up measurement; 0: the configured default
     *        ({@code train.parallel.averaging-frequency})
     */
    public static Result run(Path water, Path work, double seconds, boolean spark, int averagingFrequency) throws IOException {
        int freq = averagingFrequency > 0 ? averagingFrequency
                : TrainSettings.from(JobConfig.load(null, List.of("model.type-map=[O,H]"))).parallel().averagingFrequency();
        double load0 = load();
        deleteTree(work);
        String table = work.resolve("frames").toString();
        SparkSession s0 = SparkSessions.getOrCreate("bench train", "local[2]");
        IngestJob.run(s0, IngestSettings.defaults(List.of(water.resolve("data_0").toString()), table, "", "dpspark bench train"));
        List<TrainFrame> frames = FrameSource.frames(FrameSource.select(s0, table, List.of(), List.of()), List.of("O", "H")).take(4);
        s0.stop();
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.factory().blas().setMaxThreads(1); // OpenBLAS's own thread count (ND4J's setting does not reach it)
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        PeakFlops.Peak jp = PeakFlops.measure(Math.min(seconds, 3));
        double[] np = nd4jPeak(seconds, org.nd4j.linalg.api.buffer.DataType.DOUBLE); // the dgemm alone (for the log)
        double[] sp = nd4jPeak(seconds, org.nd4j.linalg.api.buffer.DataType.FLOAT); // the float32 peak
        List<Net> nets = new ArrayList<>();
        for (Spec n : NETS) nets.add(net(n, frames, seconds));
        List<Scaling> scaling = new ArrayList<>();
        if (spark) {
            for (Spec n : NETS) {
                scaling.add(new Scaling(n.name(), sparkFps(table, n, freq, "local[1]", 1, seconds, true),
                        sparkFps(table, n, freq, "local[2]", 2, seconds, true), sparkFps(table, n, freq, "local[1]", 1, seconds, false),
                        sparkFps(table, n, freq, "local[2]", 2, seconds, false)));
            }
        }
        return new Result(jp, np[0], np[1], sp[1], nets, scaling, freq, frames.get(0).natoms(), load0, load());
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static DeepPotModel model(int[] neuron, int axis, int[] fitting) {
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92}, neuron, axis, false,
                false, fitting, true, "tanh");
        return DeepPotModels.random(spec, 0.05, 0.1, 0.08, new double[] {-93.0, -187.0}, 7);
    }

    private static Net net(Spec spec, List<TrainFrame> frames, double seconds) {
        DeepPotModel m = model(spec.neuron(), spec.axis(), spec.fitting());
        DeepPotGraph g = new DeepPotGraph(m);
        BatchBuilder bb = new BatchBuilder(m.seA());
        double[] pref = {0.02, 1000, 0};
        var ph = bb.build(List.of(frames.get(0)), pref);
        double[] tg = time(() -> g.gradient(ph), seconds);
        double[] tk = kernelStep(m, g.flatParams(), ph, false, seconds);
        double[] tm = kernelStep(m, g.flatParams(), ph, true, seconds);
        ComputationGraph net = DeepPotNetwork.create(m, 1e-3, 0.9, 0.999, 1e-8, 1);
        MultiDataSet mds = DeepPotBatch.of(ph, m.ntypes(), m.descriptor().nnei(), pref);
        System.gc();
        long heap0 = usedHeap();
        long off0 = org.bytedeco.javacpp.Pointer.physicalBytes();
        double[] tn = time(() -> net.fit(mds), seconds);
        long heap = Math.max(0, usedHeap() - heap0);
        long off = Math.max(0, org.bytedeco.javacpp.Pointer.physicalBytes() - off0);
        int[] count = new int[2];
        for (int t : frames.get(0).types()) count[t]++;
        double flops = 0;
        for (int t = 0; t < 2; t++) flops += count[t] * flopsPerAtom(m, t);
        return new Net(spec.name(), spec.neuron(), spec.axis(), spec.fitting(), g.paramCount(), tg[0], tk[0], tn[0], tg[1], tk[1], tn[1], tm[0], tm[1], 3 * flops,
                heap, off);
    }

    /** {wall, CPU} seconds of what Trainer does per step after building the batch (train.compute = kernel). */
    private static double[] kernelStep(DeepPotModel m, double[] p0, java.util.Map<String, INDArray> ph, boolean mixed,
            double seconds) {
        try (DeepPotKernel k = new DeepPotKernel(m, mixed)) {
            return time(() -> {
                k.setParams(p0);
                KernelLoss l = KernelLoss.of(k.forward(StepBatch.of(ph, m.ntypes())), ph);
                k.backward(l.dE(), l.dF(), l.dV());
            }, seconds);
        }
    }

    /**
     * Multiply-add FLOPs (2 per multiply-add) of the forward graph per centre atom of type t, including the explicit
     * force ops, counting only products the model needs: the embedding net over N slots (Σ nIn·nOut) and its
     * forward-mode derivative (the same without the first layer, whose dz/ds is W itself), R̃ᵀG (4NM), the descriptor
     * (4·M·M&lt;), the fitting net forward and its written-out reverse pass (2 × Σ nIn·nOut), ∂E/∂gr (2 products of
     * 4·M·M&lt;; the graph's padding product by the M&lt;×M identity block is not counted), ∂E/∂R̃ and R̃·∂E/∂gr
     * (2 × 4NM), the s̃ contraction (NM), ∂R̃/∂r (12N) and the virial (9N). Element-wise ops (activations, adds) are
     * not counted. A training step is counted as 3 × forward (forward + reverse-mode backward ≈ 2 × forward), the
     * usual estimate; work an implementation adds is not counted: the SameDiff vertex's second forward pass (see
     * DeepPotGraphVertex) and the kernel's fitting net's reverse over dual numbers (7 products per layer executed where
     * the count has 6; its embedding layers execute the 6 counted).
     */
    static double flopsPerAtom(DeepPotModel m, int t) {
        var d = m.seA();
        int n = d.nnei(), mm = d.embeddingWidth(), ax = d.axisNeuron();
        double emb = 0, embDeriv = 0;
        // every embedding net has the same widths: take net 0
        var layers = d.embeddings().get(0).layers();
        for (int l = 0; l < layers.size(); l++) {
            double macs = (double) layers.get(l).nIn() * layers.get(l).nOut();
            emb += macs;
            if (l > 0) embDeriv += macs;
        }
        double fit = 0;
        for (var l : m.fitting().nets().get(t).layers()) fit += (double) l.nIn() * l.nOut();
        double macs = (emb + embDeriv) * n + 4.0 * n * mm + 4.0 * mm * ax + 2 * fit + 2 * 4.0 * mm * ax + 2 * 4.0 * n * mm + n * mm
                + 12.0 * n + 9.0 * n;
        return 2 * macs;
    }

    /** {wall, thread-CPU} GFLOP/s of a 256³ gemm (dgemm for DOUBLE, sgemm for FLOAT). */
    private static double[] nd4jPeak(double seconds, org.nd4j.linalg.api.buffer.DataType type) {
        INDArray a = Nd4j.rand(type, 256, 256);
        INDArray b = Nd4j.rand(type, 256, 256);
        INDArray c = Nd4j.zeros(type, 256, 256);
        double[] t = time(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0), seconds);
        return new double[] {2.0 * 256 * 256 * 256 / t[0] / 1e9, 2.0 * 256 * 256 * 256 / t[1] / 1e9};
    }

    /**
     * Seconds per call: best of the 1-second (or shorter, at most 20 calls) windows within {@code seconds}, after one
     * warm-up call. ND4J's off-heap arrays are freed only when their Java objects are collected, and a step allocates
     * far more off-heap than heap, so every window ends with a full GC (outside the timing); without it the bench's
     * resident size grew without bound (measurements: docs/benchmarks.md#the-benchmarks-themselves).
     * Returns {wall, CPU} seconds per call: the CPU time is the calling thread's (ND4J limited to one thread runs its
     * ops and OpenBLAS in the caller), which is what a step costs when other jobs share the cores (and the wall time
     * does not).
     */
    private static double[] time(Runnable r, double seconds) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        r.run();
        double best = Double.MAX_VALUE, bestCpu = Double.MAX_VALUE;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            long t0 = System.nanoTime(), c0 = threads.getCurrentThreadCpuTime();
            int k = 0;
            do {
                r.run();
                k++;
            } while (System.nanoTime() - t0 < 1e9 && k < 20);
            best = Math.min(best, (System.nanoTime() - t0) * 1e-9 / k);
            bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - c0) * 1e-9 / k);
            System.gc();
        } while (System.nanoTime() < end);
        return new double[] {best, bestCpu};
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * Untimed rounds before the timed ones: the first builds the executors' networks; the JIT compiles the training
     * path during the next ones, slowing 2 workers more than 1 (whose compiler threads have the second core), so
     * without these rounds the speed-up measures JIT warm-up (measurements:
     * docs/benchmarks.md#the-benchmarks-themselves).
     */
    private static final int WARM_UP_ROUNDS = 3;

    /**
     * Runs rounds 0, 1, … of {@code steps} steps per worker: untimed ones for at least {@link #WARM_UP_ROUNDS} rounds and
     * {@code seconds}, then timed ones for at least 3 rounds and 2·{@code seconds}: rounds are short, and a fixed count
     * of them scattered between runs (measurements: docs/benchmarks.md#the-benchmarks-themselves).
     */
    private static Fps timeRounds(java.util.function.IntConsumer round, int steps, int workers, double seconds) {
        int r = 0;
        long warmEnd = System.nanoTime() + (long) (seconds * 1e9);
        while (r < WARM_UP_ROUNDS || System.nanoTime() < warmEnd) round.accept(r++);
        long t0 = System.nanoTime(), end = t0 + (long) (2 * seconds * 1e9);
        int timed = 0;
        double best = Double.MAX_VALUE;
        while (timed < 3 || System.nanoTime() < end) {
            long r0 = System.nanoTime();
            round.accept(r++);
            timed++;
            best = Math.min(best, (System.nanoTime() - r0) * 1e-9);
        }
        return new Fps((double) timed * steps * workers / ((System.nanoTime() - t0) * 1e-9), (double) steps * workers / best);
    }

    /**
     * Training frames per second of parameter averaging every {@code freq} steps on {@code master} with {@code workers}
     * workers (network {@code spec}, batch 1, rounds timed by {@link #timeRounds}):
     * dl4j-spark ({@link SparkGraphEngine}) or the rdd engine ({@link RddEngine}), as {@code dpspark train} runs them.
     */
    private static Fps sparkFps(String table, Spec spec, int freq, String master, int workers, double seconds, boolean dl4j) {
        SparkSession spark = SparkSessions.getOrCreate("bench train " + master, master);
        try {
            TrainSettings s = TrainSettings.from(JobConfig.load(null, List.of("model.type-map=[O,H]",
                    "model.sel=[46,92]", "train.parallel.averaging-frequency=" + freq)));
            JavaRDD<TrainFrame> train = FrameSource.frames(FrameSource.select(spark, table, List.of(), List.of()), List.of("O", "H"))
                    .repartition(workers).cache();
            train.count();
            DeepPotModel m = model(spec.neuron(), spec.axis(), spec.fitting());
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            double[] pref = {0.02, 1000, 0};
            double[] params0 = ModelParams.flat(m); // the flat layout of the graph and the kernel, no graph built
            if (dl4j) {
                try (SparkGraphEngine e = SparkGraphEngine.create(jsc, m, s, workers, train, params0, null)) {
                    return timeRounds(r -> e.round(s, (long) freq * r, freq, 1e-3, pref), freq, workers, seconds);
                }
            }
            Object[] state = {params0, new Adam(params0.length, s.schedule().beta1(), s.schedule().beta2(), s.schedule().epsilon())}; // parameters, Adam
            LearningRate lr = new LearningRate(1e-3, 1e-3, 1000, 1000);
            try (RddEngine e = new RddEngine(jsc, m, train)) {
                return timeRounds(r -> {
                    RddEngine.Round out = e.round(s, (double[]) state[0], (Adam) state[1], (long) freq * r, freq, false, lr, 1.0);
                    state[0] = out.params();
                    state[1] = out.adam();
                }, freq, workers, seconds);
            }
        } finally {
            spark.stop();
        }
    }

    public static String render(Result r) {
        StringBuilder sb = new StringBuilder();
        double peak = r.peak().gflops();
        sb.append(String.format(Locale.ROOT, "bench train (water frame, %d atoms, batch 1; load average %.1f before, %.1f after;"
                + " ND4J limited to 1 thread)%n", r.atoms(), r.loadBefore(), r.loadAfter()));
        sb.append(String.format(Locale.ROOT, "  measured one-core peak: %s%n", r.peak().describe()));
        sb.append(String.format(Locale.ROOT, "  (ND4J dgemm 256³ on its own: %.2f GFLOP/s of wall time, %.2f per CPU-second;"
                + " float32 peak, sgemm 256³: %.2f GFLOP per CPU-second)%n", r.nd4jPeak(), r.nd4jPeakCpu(), r.sgemmPeakCpu()));
        for (Net n : r.nets()) {
            sb.append(String.format(Locale.ROOT, "  %s net (embedding %s, axis %d, fitting %s; %d parameters), %.2f GFLOP per step:%n",
                    n.name(), java.util.Arrays.toString(n.neuron()), n.axis(), java.util.Arrays.toString(n.fitting()), n.params(),
                    n.flopsPerStep() / 1e9));
            String[] rows = {"SameDiff graph (compute samediff)", "kernel (compute kernel, engine rdd)",
                "DL4J network, kernel vertex (dl4j-spark)"};
            for (int k = 0; k < 3; k++) {
                double t = k == 0 ? n.graphStepSeconds() : k == 1 ? n.kernelStepSeconds() : n.networkStepSeconds();
                double tc = k == 0 ? n.graphStepCpuSeconds() : k == 1 ? n.kernelStepCpuSeconds() : n.networkStepCpuSeconds();
                sb.append(String.format(Locale.ROOT, "    %-42s %.3f s/step  %.2f frames/s  %.0f atom-frames/s per core  %.2f GFLOP/s"
                        + " = %.1f %% of peak; thread CPU %.3f s/step = %.1f %% of peak%n", rows[k],
                        t, 1 / t, r.atoms() / t, n.flopsPerStep() / t / 1e9, 100 * n.flopsPerStep() / t / 1e9 / peak,
                        tc, 100 * n.flopsPerStep() / tc / 1e9 / peak));
            }
            double tm = n.mixedStepCpuSeconds();
            sb.append(String.format(Locale.ROOT, "    %-42s %.3f s/step  %.2f frames/s; thread CPU %.3f s/step = %.1f %% of the"
                    + " float64 peak, %.1f %% of the float32 peak; speed-up over float64 (thread CPU) %.2f×%n",
                    "kernel, train.precision = mixed", n.mixedStepSeconds(), 1 / n.mixedStepSeconds(), tm,
                    100 * n.flopsPerStep() / tm / 1e9 / peak, 100 * n.flopsPerStep() / tm / 1e9 / r.sgemmPeakCpu(),
                    n.kernelStepCpuSeconds() / tm));
            sb.append(String.format(Locale.ROOT, "    memory growth while fitting a water batch: heap %.0f MB, ND4J off-heap (physical) %.0f MB%n",
                    n.heapBytes() / 1e6, n.offHeapBytes() / 1e6));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        for (Scaling sc : r.scaling()) {
            sb.append(String.format(Locale.ROOT, "  parameter averaging every %d steps, %s net, 1 → 2 workers (local[1] → local[2]"
                    + " on %d cores%s; ND4J threads = the task's cores):%n", r.averagingFrequency(), sc.net(), cores,
                    cores <= 2 ? ": 2 workers leave the driver no core of its own" : ""));
            for (int k = 0; k < 2; k++) {
                Fps one = k == 0 ? sc.dl4jOne() : sc.rddOne(), two = k == 0 ? sc.dl4jTwo() : sc.rddTwo();
                double sp = two.mean() / one.mean(), spBest = two.bestRound() / one.bestRound();
                sb.append(String.format(Locale.ROOT, "    %-22s %.2f → %.2f frames/s: speed-up %.2f×, efficiency %.0f %% (target >= 85 %%);"
                        + " best rounds %.2f → %.2f frames/s, efficiency %.0f %%%n",
                        k == 0 ? "engine dl4j-spark" : "engine rdd", one.mean(), two.mean(), sp, 50 * sp, one.bestRound(),
                        two.bestRound(), 50 * spBest));
            }
        }
        return sb.toString();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
