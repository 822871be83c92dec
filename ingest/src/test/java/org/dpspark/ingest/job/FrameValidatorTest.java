package org.dpspark.ingest.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.junit.jupiter.api.Test;

class FrameValidatorTest {
    private static Frame.Builder water() {
        return Frame.builder().dataset("d").sourceFile("f.xyz").sourceIndex(4).atomicNumbers(new int[] {8, 1, 1})
                .positions(new double[] {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0}).energy(-14.2).forces(new double[9]);
    }

    private static Reject reject(Frame f) {
        return FrameValidator.check(f, "extxyz").orElseThrow();
    }

    @Test
    void goodFramesPass() {
        assertTrue(FrameValidator.check(water().build(), "extxyz").isEmpty());
    }

    @Test
    void everyProblemNamesItsFieldAndPlace() {
        assertEquals(RejectReason.MISSING_ENERGY, reject(water().energy(null).build()).reason());
        assertEquals(RejectReason.MISSING_FORCES, reject(water().forces(null).build()).reason());
        Reject e = reject(water().energy(Double.NaN).build());
        assertEquals(RejectReason.NAN_OR_INF, e.reason());
        assertEquals("energy is NaN", e.message());
        double[] f = new double[9];
        f[7] = Double.POSITIVE_INFINITY;
        Reject r = reject(water().forces(f).build());
        assertEquals("forces[row 2, component 1] is Infinity", r.message());
        assertEquals("f.xyz", r.sourceFile());
        assertEquals(4, r.sourceIndex());
        double[] pos = {0, 0, 0, Double.NaN, 0, 0, 0, 0, 0};
        assertEquals("positions[row 1, component 0] is NaN", reject(water().positions(pos).build()).message());
        double[] virial = new double[9];
        virial[4] = Double.NaN;
        assertEquals("virial[row 1, component 1] is NaN", reject(water().virial(virial).build()).message());
    }
}
