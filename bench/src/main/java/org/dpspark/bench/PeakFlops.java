package org.dpspark.bench;

/**
 * The machine's measured double-precision peak on one core, as far as plain Java reaches it (no Vector API):
 * the best of (1) a cache-blocked matrix product C(32×32) += A·B, two rows of C per pass so each load of B
 * feeds two {@link Math#fma}s (A, B, C: 24 kB, in L1), whose inner loop C2 may vectorise, and (2) ten
 * independent scalar FMA chains (no memory traffic; bound by the FMA units' throughput and latency).
 * 2 FLOPs per multiply-add.
 */
public final class PeakFlops {
    private PeakFlops() {}

    private static final int N = 32;

    /** Measured peak. */
    public record Peak(double gflops, String kernel) {}

    /** Best GFLOP/s of the kernels, each timed for about {@code seconds} after a warm-up. */
    public static Peak measure(double seconds) {
        double[] a = new double[N * N], b = new double[N * N], c = new double[N * N];
        for (int k = 0; k < a.length; k++) {
            a[k] = 1.0 + 1e-3 * (k % 17);
            b[k] = 1.0 - 1e-3 * (k % 13);
        }
        double[] sink = new double[1];
        Runnable dgemm = () -> dgemm(a, b, c);
        Runnable chains = () -> sink[0] += chains();
        time(dgemm, 1, 0.5);
        time(chains, 1, 0.5);
        double g = time(dgemm, 2.0 * N * N * N, seconds);
        double s = time(chains, 2.0 * 10 * CHAIN, seconds);
        if (c[0] == 42 || sink[0] == 42) System.out.print("");
        return g >= s ? new Peak(g, "blocked dgemm 32×32") : new Peak(s, "10 scalar FMA chains");
    }

    private static double time(Runnable kernel, double flops, double seconds) {
        long reps = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (int r = 0; r < 32; r++) kernel.run();
            reps += 32;
        }
        return flops * reps / ((System.nanoTime() - t0) * 1e-9) / 1e9;
    }

    private static void dgemm(double[] a, double[] b, double[] c) {
        for (int i = 0; i < N; i += 2) {
            int c0 = i * N, c1 = c0 + N;
            for (int k = 0; k < N; k++) {
                double a0 = a[c0 + k], a1 = a[c1 + k];
                int bk = k * N;
                for (int j = 0; j < N; j++) {
                    double bj = b[bk + j];
                    c[c0 + j] = Math.fma(a0, bj, c[c0 + j]);
                    c[c1 + j] = Math.fma(a1, bj, c[c1 + j]);
                }
            }
        }
    }

    private static final int CHAIN = 4096;

    private static double chains() {
        double x0 = 1, x1 = 1, x2 = 1, x3 = 1, x4 = 1, x5 = 1, x6 = 1, x7 = 1, x8 = 1, x9 = 1;
        double m = 0.999999, c = 1e-7;
        for (int i = 0; i < CHAIN; i++) {
            x0 = Math.fma(x0, m, c); x1 = Math.fma(x1, m, c); x2 = Math.fma(x2, m, c); x3 = Math.fma(x3, m, c);
            x4 = Math.fma(x4, m, c); x5 = Math.fma(x5, m, c); x6 = Math.fma(x6, m, c); x7 = Math.fma(x7, m, c);
            x8 = Math.fma(x8, m, c); x9 = Math.fma(x9, m, c);
        }
        return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9;
    }
}
