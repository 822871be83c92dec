package org.dpspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one peak is the better of its two kernels, each measured, and says which one reached it. */
class PeakFlopsTest {

    @Test
    void choosesTheBetterKernelAndNamesIt() {
        PeakFlops.Peak v = PeakFlops.choose(40.0, 70.0);
        assertEquals(70.0, v.gflops());
        assertTrue(v.kernel().startsWith("Vector API FMA"), v.kernel());
        PeakFlops.Peak b = PeakFlops.choose(80.0, 70.0);
        assertEquals(80.0, b.gflops());
        assertTrue(b.kernel().startsWith("ND4J/OpenBLAS dgemm"), b.kernel());
        PeakFlops.Peak noBlas = PeakFlops.choose(Double.NaN, 70.0);
        assertEquals(70.0, noBlas.gflops(), "a BLAS that did not load is not the peak");
        assertTrue(b.detail().contains("80.00") && b.detail().contains("70.00"), b.detail());
    }

    @Test
    void measuresBothKernels() {
        PeakFlops.Peak p = PeakFlops.measure(0.3);
        // a double-precision FMA core does at least 2 FLOPs per cycle at ≥ 0.5 GHz; a broken timing or FLOP count
        // (a kernel eliminated by the JIT, a unit error) lands far outside [1, 10⁴] GFLOP per CPU-second
        assertTrue(p.gflops() > 1 && p.gflops() < 1e4, p.describe());
        assertTrue(PeakFlops.vectorGflops(0.3) > 1, "Vector API kernel");
    }
}
