package org.dpspark.bench;

import java.util.Locale;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one measured double-precision peak of one core that every benchmark of dpspark divides by ({@code bench
 * simulate}, {@code bench featurize}, {@code bench train}): the best of
 * <ol>
 *   <li>a BLAS dgemm C(256×256) = A·B through ND4J (OpenBLAS), limited to one thread (ND4J's and OpenBLAS's own
 *       thread count; 2·256³ FLOPs per call), and</li>
 *   <li>a Vector API ({@code jdk.incubator.vector}, the preferred species: 8 doubles with AVX-512, 4 with AVX2)
 *       FMA kernel of {@value #ACC} independent accumulators x ← x·m + c in registers (no memory traffic; enough
 *       independent chains to cover the FMA latency × the number of FMA units, 4 cycles × 2 on current x86), i.e.
 *       the throughput limit of the FMA units as Java code reaches it (2 FLOPs per lane and FMA).</li>
 * </ol>
 * Each kernel is warmed up (JIT, OpenBLAS's buffers), then timed as the best of windows of 0.25 s of the measuring
 * thread's CPU time over {@code seconds} (the least disturbed by other processes on a shared machine): GFLOP per
 * CPU-second, the unit of the benchmarks' per-core figures (a loaded machine stretches the wall time, not the CPU
 * time; it does slow the CPU time when another thread shares the core's FMA units, which is why the peak is
 * measured in the same run as the figures it divides).
 */
public final class PeakFlops {
    private PeakFlops() {}

    /** Independent accumulators of the Vector API kernel. */
    static final int ACC = 12;
    private static final int STEPS = 2048;
    private static final int N = 256;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /**
     * The measured peak.
     *
     * @param gflops the best kernel's GFLOP/s
     * @param kernel the kernel that reached it
     * @param detail every kernel's figure, for the log
     */
    public record Peak(double gflops, String kernel, String detail) {
        /** Not measured. */
        public static Peak none() { return new Peak(Double.NaN, "-", "not measured"); }

        /** "P GFLOP/s (kernel; all kernels' figures)". */
        public String describe() {
            return String.format(Locale.ROOT, "%.2f GFLOP/s (%s; %s)", gflops, kernel, detail);
        }
    }

    /** Best GFLOP per CPU-second of the kernels, each timed for about {@code seconds} after a warm-up. */
    public static Peak measure(double seconds) {
        return choose(blasGflops(seconds), vectorGflops(seconds));
    }

    /** The better of the two kernels' figures (NaN: the kernel did not run), named. */
    static Peak choose(double blas, double vec) {
        String blasName = "ND4J/OpenBLAS dgemm 256³, 1 thread";
        String vecName = String.format(Locale.ROOT, "Vector API FMA, %d×%d-lane accumulators", ACC, S.length());
        String detail = String.format(Locale.ROOT, "%s %.2f, %s %.2f GFLOP/s", blasName, blas, vecName, vec);
        return blas >= vec || Double.isNaN(vec) ? new Peak(blas, blasName, detail) : new Peak(vec, vecName, detail);
    }

    /** ND4J dgemm on one thread; NaN when ND4J's native backend does not load. */
    static double blasGflops(double seconds) {
        try {
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.factory().blas().setMaxThreads(1); // OpenBLAS's own thread count (ND4J's setting does not reach it)
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            INDArray a = Nd4j.rand(DataType.DOUBLE, N, N);
            INDArray b = Nd4j.rand(DataType.DOUBLE, N, N);
            INDArray c = Nd4j.zeros(DataType.DOUBLE, N, N);
            return best(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0), 2.0 * N * N * N, seconds);
        } catch (RuntimeException | LinkageError e) {
            return Double.NaN;
        }
    }

    /** The Vector API FMA kernel. */
    static double vectorGflops(double seconds) {
        double[] sink = new double[1];
        return best(() -> sink[0] += fmaChains(), 2.0 * ACC * S.length() * STEPS, seconds);
    }

    /** GFLOP per CPU-second of the best 0.25 s window (of the thread's CPU time) within {@code seconds}, after a
     * 0.5 s warm-up. */
    private static double best(Runnable kernel, double flopsPerCall, double seconds) {
        window(kernel, flopsPerCall, 0.5);
        double best = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            best = Math.max(best, window(kernel, flopsPerCall, 0.25));
        } while (System.nanoTime() < end);
        return best;
    }

    private static double window(Runnable kernel, double flopsPerCall, double cpuSeconds) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long calls = 0;
        long c0 = mx.getCurrentThreadCpuTime(), c;
        do {
            kernel.run();
            calls++;
            c = mx.getCurrentThreadCpuTime();
        } while (c - c0 < cpuSeconds * 1e9);
        return flopsPerCall * calls / ((c - c0) * 1e-9) / 1e9;
    }

    /** {@value #ACC} independent FMA chains of vectors; returns their sum (so that the JIT keeps the work). */
    private static double fmaChains() {
        DoubleVector m = DoubleVector.broadcast(S, 0.999999), c = DoubleVector.broadcast(S, 1e-7);
        DoubleVector x0 = DoubleVector.broadcast(S, 1.0), x1 = x0.add(1e-3), x2 = x0.add(2e-3), x3 = x0.add(3e-3),
                x4 = x0.add(4e-3), x5 = x0.add(5e-3), x6 = x0.add(6e-3), x7 = x0.add(7e-3), x8 = x0.add(8e-3),
                x9 = x0.add(9e-3), x10 = x0.add(1e-2), x11 = x0.add(1.1e-2);
        for (int i = 0; i < STEPS; i++) {
            x0 = x0.fma(m, c); x1 = x1.fma(m, c); x2 = x2.fma(m, c); x3 = x3.fma(m, c);
            x4 = x4.fma(m, c); x5 = x5.fma(m, c); x6 = x6.fma(m, c); x7 = x7.fma(m, c);
            x8 = x8.fma(m, c); x9 = x9.fma(m, c); x10 = x10.fma(m, c); x11 = x11.fma(m, c);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).add(x8).add(x9).add(x10).add(x11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
