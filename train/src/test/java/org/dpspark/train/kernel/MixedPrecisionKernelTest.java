package org.dpspark.train.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.BatchBuilder;
import org.dpspark.train.graph.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code train.precision = mixed}: the kernel with its nets in float32 computes the float64 kernel's energies, forces,
 * virials and ∂loss/∂θ to float32 round-off, on real water frames (two frames of different systems, a virial label so
 * every loss term is live), with timesteps, both skip kinds, and per-type-pair embedding nets.
 *
 * <p>Bounds, from float32's unit round-off u = 2⁻²⁴ ≈ 6.0e-8. A float dot product of length K has a relative error
 * of at most γ_K = K·u (worst case; typically √K·u). Outputs (E, F, Ξ): the longest products inside the nets have
 * K = M·M< inputs (64 or 160 here), through 3 embedding and 3 fitting layers whose tanh is 1-Lipschitz and whose
 * weights have norms ≲ 1, so |ΔE|/|E_nets| ≲ 6·γ_K (2.3e-5 or 5.7e-5) of the nets' output scale; the E assertion is relative to the largest
 * atomic-energy *variation* the nets produce (not the −93 eV bias, which is exact in double). Gradient: each ∂W is one
 * SGEMM sum over a block of at most {@link DeepPotKernel#CHUNK_ROWS} rows (then summed in double), γ_1024 ≈ 6.1e-5,
 * relative to the gradient's largest component. A result equal to float64 to 1e-9 would mean the nets did not run in
 * float32 at all: that is asserted against too.
 */
class MixedPrecisionKernelTest {
    private static final double U = Math.scalb(1.0, -24);

    /**
     * Two shapes: embedding [4, 8, 16], fitting [20, 20] (M·M&lt; = 64); and embedding [6, 20, 40], fitting [24, 24]
     * (M·M&lt; = 160), whose widths 20, 40 (a doubling skip of two 20-column segments) and 24 are not whole vectors of
     * 8 or 16 float lanes: the rows' overlapping last vectors ({@link FloatLayerLanes}) run.
     */
    @ParameterizedTest
    @CsvSource({"false, false", "true, false", "false, true"})
    void mixedEqualsFloat64ToFloatRoundOff(boolean typeOneSide, boolean tails) throws Exception {
        int[] neuron = tails ? new int[] {6, 20, 40} : new int[] {4, 8, 16};
        int[] fitting = tails ? new int[] {24, 24} : new int[] {20, 20};
        int kMax = neuron[neuron.length - 1] * 4; // the longest float products: M·M< inputs of the fitting net's first layer
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92}, neuron,
                4, typeOneSide, true, fitting, true, "tanh");
        DeepPotModel model = DeepPotModels.random(spec, 0.05, 0.1, 0.08, new double[] {-93.0, -187.0}, 7);
        TrainFrame a = TestData.water(0, 1), b0 = TestData.water(1, 2);
        double[] vir = {1.5, 0.2, -0.1, 0.2, 0.7, 0.3, -0.1, 0.3, -2.0}; // an arbitrary virial label (eV): the term is live
        TrainFrame b = new TrainFrame(b0.dataset(), b0.system(), b0.types(), b0.positions(), b0.cell(), b0.pbc(), b0.energy(),
                b0.forces(), vir, b0.id());
        Map<String, INDArray> ph = new BatchBuilder(model.seA()).build(List.of(a, b), new double[] {0.3, 7.0, 0.05});
        double[] params = ModelParams.flat(model);
        double[][] ref, mix;
        double[] gRef, gMix;
        double nets;
        try (DeepPotKernel k = new DeepPotKernel(model)) {
            k.setParams(params);
            ref = copy(k.forward(StepBatch.of(ph, model.ntypes())));
            KernelLoss loss = KernelLoss.of(ref, ph);
            gRef = k.backward(loss.dE(), loss.dF(), loss.dV());
            // the nets' own energy scale: the frame energy minus its exact bias part, per atom
            nets = Math.abs(ref[0][0] - (64 * -93.0 + 128 * -187.0)) / 192;
        }
        try (DeepPotKernel k = new DeepPotKernel(model, true)) {
            assertTrue(k.mixedPrecision());
            k.setParams(params);
            mix = copy(k.forward(StepBatch.of(ph, model.ntypes())));
            KernelLoss loss = KernelLoss.of(ref, ph); // the same loss derivatives, so only the kernels differ
            gMix = k.backward(loss.dE(), loss.dF(), loss.dV());
            // repeat on the same buffers: bitwise the same
            k.forward(StepBatch.of(ph, model.ntypes()));
            double[] again = k.backward(loss.dE(), loss.dF(), loss.dV());
            for (int i = 0; i < gMix.length; i++) assertEquals(gMix[i], again[i], 0.0, "repeat, parameter " + i);
        }
        double outBound = 6 * kMax * U;
        for (int f = 0; f < ref[0].length; f++) {
            double perAtom = Math.abs(ref[0][f] - mix[0][f]) / 192;
            System.out.printf("mixed vs float64: frame %d energy per atom %.3e of the nets' scale %.3e (bound %.1e)%n", f,
                    perAtom / nets, nets, outBound);
            assertTrue(perAtom <= outBound * nets, "energy, frame " + f + ": " + perAtom);
        }
        assertRelative(ref[1], mix[1], outBound, "forces");
        assertRelative(ref[2], mix[2], outBound, "virials");
        assertRelative(gRef, gMix, 1024 * U, "∂L/∂θ");
    }

    private static void assertRelative(double[] ref, double[] got, double bound, String what) {
        double max = 0, diff = 0;
        for (int i = 0; i < ref.length; i++) {
            max = Math.max(max, Math.abs(ref[i]));
            diff = Math.max(diff, Math.abs(ref[i] - got[i]));
        }
        System.out.printf("mixed vs float64: %s largest difference %.3e relative (bound %.1e)%n", what, diff / max, bound);
        assertTrue(diff <= bound * max, what + ": " + diff / max + " > " + bound);
        assertTrue(diff > 1e-9 * max, what + ": equal to float64 to " + diff / max + ": the nets did not run in float32");
    }

    private static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) c[i] = x[i].clone();
        return c;
    }
}
