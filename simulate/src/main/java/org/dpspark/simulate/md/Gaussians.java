package org.dpspark.simulate.md;

import java.util.SplittableRandom;

/**
 * Normal and chi-squared deviates from a {@link SplittableRandom}, with {@link StrictMath} so the numbers are
 * bitwise the same on every JVM and CPU (the trajectory's reproducibility rests on it).
 */
final class Gaussians {
    private Gaussians() {}

    /** Fills out[0..len) with independent standard normal deviates (Box–Muller, values used in pairs). */
    static void fill(SplittableRandom rng, double[] out, int len) {
        int k = 0;
        while (k < len) {
            double u1 = 1.0 - rng.nextDouble(); // (0, 1]
            double u2 = rng.nextDouble();
            double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
            double t = 2.0 * Math.PI * u2;
            out[k++] = r * StrictMath.cos(t);
            if (k < len) {
                out[k++] = r * StrictMath.sin(t);
            }
        }
    }

    /** One standard normal deviate (Box–Muller, the second value discarded). */
    static double next(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /**
     * Sum of {@code k} squared standard normals, i.e. a χ²(k) deviate, sampled exactly as in Bussi's reference
     * code ({@code sumnoises}): 0 for k = 0, g² for k = 1, 2·Gamma(k/2) for even k, 2·Gamma((k−1)/2) + g²
     * for odd k, with Gamma by Marsaglia–Tsang (exact rejection sampler).
     */
    static double chiSquared(SplittableRandom rng, int k) {
        if (k == 0) {
            return 0.0;
        }
        if (k == 1) {
            double g = next(rng);
            return g * g;
        }
        if (k % 2 == 0) {
            return 2.0 * gamma(rng, k / 2);
        }
        double g = next(rng);
        return 2.0 * gamma(rng, (k - 1) / 2) + g * g;
    }

    /** Gamma(shape, 1) for shape ≥ 1 (Marsaglia and Tsang 2000). */
    static double gamma(SplittableRandom rng, double shape) {
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / StrictMath.sqrt(9.0 * d);
        while (true) {
            double x = next(rng);
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x) {
                return d * v;
            }
            if (StrictMath.log(u) < 0.5 * x * x + d * (1.0 - v + StrictMath.log(v))) {
                return d * v;
            }
        }
    }
}
