package org.dpspark.simulate.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.model.DeepPotModel;
import org.dpspark.model.compress.Compression;
import org.dpspark.model.eval.BatchedDeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.simulate.dp.kernel.DeepPotKernelEvaluator;
import org.dpspark.simulate.dp.kernel.DeviceKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A compressed model on the Aparapi kernels ({@code TableEmbeddingKernel}: G and G′ from the quintic tables, the
 * net's reverse pass replaced by ∂E/∂s̃ = Σ ∂E/∂G·G′) gives the Java compressed evaluator's
 * ({@link BatchedDeepPotEvaluator} with the tables) energies, forces and virials, in the Java thread pool and on the
 * OpenCL CPU device, for the three models of {@link DeepPotKernelConsistencyTest} (one net per neighbour type, and
 * one per type pair with resnet timesteps) on real water frames, whole and in chunks; and counts the same
 * environments outside the tables, evaluated by the same linear continuation.
 *
 * <p>Tolerance: {@link DeepPotKernelConsistencyTest}'s 1e-10 + 1e-12·|x|. Both evaluate the same polynomials of the
 * same coefficients; the batched evaluator orders its sums differently (vector lanes, blocks; its own round-off bound
 * against a reordered evaluation is this one, {@code BatchedDeepPotEvaluatorTest}), and OpenCL may contract into fma:
 * round-off of sums of ~10⁴ O(1) terms, ≲ 1e-13 relative; an indexing or table-row error (≥ 1e-6) fails.
 */
class CompressedKernelConsistencyTest {

    @ParameterizedTest
    @EnumSource(value = DeviceKind.class, names = {"JTP", "OPENCL_CPU"})
    void sameAsJavaCompressedEvaluatorOnWaterFrames(DeviceKind kind) throws Exception {
        int m = 0;
        for (DeepPotModel plain : DeepPotKernelConsistencyTest.models()) {
            WaterFrame w0 = WaterFrame.load(0);
            double rmin = CompressedDeepPotEvaluatorTest.minDistance(w0.coord, w0.box) * 0.9; // frame 7 stays inside
            DeepPotModel model = plain.withCompression(Compression.build(plain.seA(), rmin, 0.01, 5, -1));
            BatchedDeepPotEvaluator ref = new BatchedDeepPotEvaluator(model);
            try (DeepPotKernelEvaluator ev = KernelModes.open(model, kind);
                    DeepPotKernelEvaluator chunked = new DeepPotKernelEvaluator(model, kind, 3L << 20)) {
                for (int f : new int[] {0, 7}) {
                    WaterFrame w = WaterFrame.load(f);
                    DeepPotResult r = ref.evaluate(w.coord, w.box, w.types);
                    DeepPotResult k = ev.evaluate(w.coord, w.box, w.types);
                    assertTrue(k.executionMode().endsWith(DeepPotKernelEvaluator.MODE_TABULATED), k.executionMode());
                    DeepPotKernelConsistencyTest.compare("compressed model " + m + " water frame " + f, k, r, false);
                    assertEquals(ref.lastTableOverflow(), ev.lastTableOverflow(), "overflow count");
                    DeepPotResult c = chunked.evaluate(w.coord, w.box, w.types);
                    assertTrue(chunked.chunkAtoms() < w.types.length, "several chunks");
                    DeepPotKernelConsistencyTest.compare("compressed model " + m + " frame " + f + " in chunks of "
                            + chunked.chunkAtoms(), c, r, false);
                }
            }
            m++;
        }
    }

    @ParameterizedTest
    @EnumSource(value = DeviceKind.class, names = {"JTP", "OPENCL_CPU"})
    void countsAndContinuesOutsideTheTablesAsTheJavaEvaluator(DeviceKind kind) throws Exception {
        // tables for neighbours no closer than 3 Å and no extrapolation sub-table (TableOverflowCheckTest's): the
        // water frame's O–H pairs lie beyond the table end
        DeepPotModel sea = DeepPotModel.importDeepmd(GoldenCase.modelPath());
        DeepPotModel narrow = sea.withCompression(Compression.build(sea.seA(), 3.0, 0.01, 1, -1));
        WaterFrame w = WaterFrame.load(0);
        BatchedDeepPotEvaluator ref = new BatchedDeepPotEvaluator(narrow);
        DeepPotResult r = ref.evaluate(w.coord, w.box, w.types);
        assertTrue(ref.lastTableOverflow() > 0, "the frame leaves the tables");
        try (DeepPotKernelEvaluator ev = KernelModes.open(narrow, kind)) {
            DeepPotResult k = ev.evaluate(w.coord, w.box, w.types);
            assertEquals(ref.lastTableOverflow(), ev.lastTableOverflow(), "the same environments counted");
            DeepPotKernelConsistencyTest.compare("narrow tables, linear continuation", k, r, false);
        }
    }
}
