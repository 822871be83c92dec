package org.dpspark.train.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel-equals-graph assertion of the kernel tests: the two compute the same functions in double precision with
 * different operation orders, so they agree to round-off (~1e-15 relative per operation, accumulated over at most
 * ~10⁴ terms per output: ~2e-12); 1e-11 of the largest component of the output is that bound with margin and far
 * below any modelling error (a wrong term or factor shows up at 1e-3 or more).
 */
final class GraphAgreement {
    private GraphAgreement() {}

    /** Tolerance relative to the largest |component| of the reference. */
    static final double RELATIVE = 1e-11;

    /** Asserts max|ref − got| ≤ {@link #RELATIVE}·max|ref| (and that ref is not all zero); prints the figures. */
    static void assertClose(double[] ref, double[] got, String what) {
        assertEquals(ref.length, got.length, what + " length");
        double max = 0, diff = 0;
        int worst = -1;
        for (int i = 0; i < ref.length; i++) {
            max = Math.max(max, Math.abs(ref[i]));
            double d = Math.abs(ref[i] - got[i]);
            if (d > diff) {
                diff = d;
                worst = i;
            }
        }
        System.out.printf("kernel vs graph, %s: max|Δ| %.2e of max %.2e (%d values, worst at %d)%n", what, diff, max, ref.length, worst);
        assertTrue(max > 0, what + ": all zero");
        assertTrue(diff <= RELATIVE * max, what + ": max|Δ| " + diff + " of " + max + " at " + worst);
    }
}
