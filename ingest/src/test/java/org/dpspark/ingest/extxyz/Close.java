package org.dpspark.ingest.extxyz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Test helper: element-wise comparison with a relative tolerance (plus a tiny absolute floor for zeros). */
final class Close {
    private Close() {}

    static void assertClose(double expected, double actual, double relative, String what) {
        double tol = relative * Math.abs(expected) + 1e-300;
        if (!(Math.abs(actual - expected) <= tol)) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual
                    + " (relative tolerance " + relative + ")");
        }
    }

    static void assertClose(double[] expected, double[] actual, double relative, String what) {
        assertNotNull(actual, what + " is null");
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], relative, what + "[" + i + "]");
        }
    }
}
