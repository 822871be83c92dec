package org.dpspark.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CellMathTest {
    @Test
    void fractionalCartesianRoundTripInATriclinicCell() {
        double[] h = CellMath.fromLengthsAndAngles(5.0, 6.0, 7.0, 80.0, 95.0, 110.0);
        double[] s = {0.1, 0.2, 0.3, 0.9, 0.5, 0.25};
        // Two 3×3 products in double: round-off of a few ulps of numbers of order 1.
        assertArrayEquals(s, CellMath.cartesianToFractional(CellMath.fractionalToCartesian(s, h), h), 1e-14);
        double[] identity = multiply(h, CellMath.inverse(h));
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, identity, 1e-14);
        assertEquals(5.0, Math.sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]), 1e-14);
        assertEquals(7.0, Math.sqrt(h[6] * h[6] + h[7] * h[7] + h[8] * h[8]), 1e-14);
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
                }
            }
        }
        return c;
    }
}
