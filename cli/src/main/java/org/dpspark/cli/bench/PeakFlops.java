package org.dpspark.cli.bench;

/**
 * The machine's measured double-precision peak on one core, as far as Java reaches it: a register- and
 * cache-blocked matrix product C(64×64) += A(64×64)·B(64×64) whose inner loop C2 compiles to vector FMAs
 * ({@link Math#fma}; plain a·b + c is also timed, since the JIT may not fuse it). 2 FLOPs per multiply-add.
 */
public final class PeakFlops {
    private PeakFlops() {}

    private static final int N = 64;

    /** Best GFLOP/s over the two kernels, each timed for about {@code seconds} after a warm-up. */
    public static double measure(double seconds) {
        double[] a = new double[N * N], b = new double[N * N], c = new double[N * N];
        for (int k = 0; k < a.length; k++) {
            a[k] = 1.0 + 1e-3 * (k % 17);
            b[k] = 1.0 - 1e-3 * (k % 13);
        }
        time(a, b, c, 0.5, true);
        time(a, b, c, 0.5, false);
        double fma = time(a, b, c, seconds, true);
        double plain = time(a, b, c, seconds, false);
        if (c[0] == 42) System.out.print(""); // keep c alive
        return Math.max(fma, plain);
    }

    private static double time(double[] a, double[] b, double[] c, double seconds, boolean fma) {
        long reps = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (int r = 0; r < 16; r++) {
                if (fma) kernelFma(a, b, c); else kernelPlain(a, b, c);
            }
            reps += 16;
        }
        double s = (System.nanoTime() - t0) * 1e-9;
        return 2.0 * N * N * N * reps / s / 1e9;
    }

    private static void kernelFma(double[] a, double[] b, double[] c) {
        for (int i = 0; i < N; i++) {
            int ci = i * N;
            for (int k = 0; k < N; k++) {
                double aik = a[ci + k];
                int bk = k * N;
                for (int j = 0; j < N; j++) {
                    c[ci + j] = Math.fma(aik, b[bk + j], c[ci + j]);
                }
            }
        }
    }

    private static void kernelPlain(double[] a, double[] b, double[] c) {
        for (int i = 0; i < N; i++) {
            int ci = i * N;
            for (int k = 0; k < N; k++) {
                double aik = a[ci + k];
                int bk = k * N;
                for (int j = 0; j < N; j++) {
                    c[ci + j] += aik * b[bk + j];
                }
            }
        }
    }
}
