package org.dpspark.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The parameter statistics as DeePMD-kit's compute_input_stats defines them: fparam mean and population standard
 * deviation over frames, aparam over all atoms of all frames, σ raised to 1e-2; sums merged across partitions equal
 * one pass.
 */
class FrameParamStatsTest {
    private static TrainFrame frame(String id, int natoms, double[] fparam, double[] aparam) {
        return new TrainFrame("d", "s", new int[natoms], new double[3 * natoms], null, null, 0.0, null, null, id, fparam, aparam);
    }

    @Test
    void meanAndPopulationStdWithProtection() {
        // fparam: (1, 5), (3, 5), (8, 5) → means 4 and 5; σ₀ = √(((1−4)² + (3−4)² + (8−4)²)/3) = √(26/3), σ₁ = 0 → 1e-2
        // aparam over 2 + 3 atoms: 0, 1 | 2, 3, 4 → mean 2, σ = √2
        TrainFrame a = frame("a", 2, new double[] {1, 5}, new double[] {0, 1});
        TrainFrame b = frame("b", 3, new double[] {3, 5}, new double[] {2, 3, 4});
        TrainFrame c = frame("c", 3, new double[] {8, 5}, null);
        FrameParamStats f = new FrameParamStats(2, 0).add(a).add(b).add(c);
        assertArrayEquals(new double[] {4, 5}, f.fparamAvg(), 1e-15);
        assertEquals(1 / Math.sqrt(26.0 / 3), f.fparamInvStd()[0], 1e-15);
        assertEquals(1 / FrameParamStats.PROTECTION, f.fparamInvStd()[1], 1e-12, "a constant parameter: 1/protection");
        FrameParamStats ap = new FrameParamStats(0, 1).add(a).add(b);
        assertEquals(2.0, ap.aparamAvg()[0], 1e-15);
        assertEquals(1 / Math.sqrt(2.0), ap.aparamInvStd()[0], 1e-15);
        assertEquals(null, ap.fparamAvg());
        // two partitions merged = one pass
        FrameParamStats p1 = new FrameParamStats(2, 0).add(a), p2 = new FrameParamStats(2, 0).add(b).add(c);
        assertArrayEquals(f.fparamInvStd(), p1.merge(p2).fparamInvStd(), 1e-15);
    }

    @Test
    void aFrameWithoutTheParametersIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FrameParamStats(0, 2).add(frame("f7", 3, null, new double[] {1, 2, 3})));
        assertTrue(e.getMessage().contains("f7") && e.getMessage().contains("numb_aparam = 2"), e.getMessage());
    }
}
