package org.dpspark.train.kernel;

import static org.dpspark.train.graph.GraphNames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.dpspark.train.kernel.GraphAgreement.assertClose;

import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.BatchBuilder;
import org.dpspark.train.graph.DeepPotGraph;
import org.dpspark.train.graph.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hand-written training step computes what the SameDiff graph computes: energies, forces and virials of a mixed
 * batch of real water frames (two frames of different systems, a virial label so every loss term is live), the loss,
 * and ∂loss/∂θ for every parameter, with timesteps (idt) and both skip kinds, for one embedding net per neighbour type
 * and per type pair. The graph's gradient is itself checked against finite differences (GraphDerivativeTest), so
 * agreement here makes the kernel's gradient the derivative of the loss.
 *
 * <p>Tolerances: both compute the same double-precision functions in different orders (BLAS blocking, sums over
 * slots), so results agree to round-off: ~1e-15 relative per operation, accumulated over a few thousand terms per
 * output; 1e-11 relative to the largest component is far below any modelling error (a wrong term or factor shows up at
 * 1e-3 and above).
 */
class DeepPotKernelTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void kernelEqualsTheGraph(boolean typeOneSide) throws Exception {
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92}, new int[] {4, 8, 16},
                4, typeOneSide, true, new int[] {20, 20}, true, "tanh");
        DeepPotModel model = DeepPotModels.random(spec, 0.05, 0.1, 0.08, new double[] {-93.0, -187.0}, 7);
        TrainFrame a = TestData.water(0, 1), b0 = TestData.water(1, 2);
        double[] vir = {1.5, 0.2, -0.1, 0.2, 0.7, 0.3, -0.1, 0.3, -2.0}; // an arbitrary virial label (eV) so the term is live
        TrainFrame b = new TrainFrame(b0.dataset(), b0.system(), b0.types(), b0.positions(), b0.cell(), b0.pbc(), b0.energy(),
                b0.forces(), vir, b0.id());
        double[] pref = {0.3, 7.0, 0.05};
        Map<String, INDArray> ph = new BatchBuilder(model.seA()).build(List.of(a, b), pref);
        DeepPotGraph graph = new DeepPotGraph(model);
        Map<String, INDArray> ref = graph.output(ph, ENERGY, FORCE, VIRIAL);
        double[] lossRef = new double[4];
        double[] gRef = graph.gradient(ph, lossRef);

        try (DeepPotKernel k = new DeepPotKernel(model)) {
            assertEquals(graph.paramCount(), k.paramCount());
            k.setParams(graph.flatParams());
            double[][] pred = k.forward(StepBatch.of(ph, model.ntypes()));
            assertClose(ref.get(ENERGY).dup('c').data().asDouble(), pred[0], "energy");
            assertClose(ref.get(FORCE).dup('c').data().asDouble(), pred[1], "force");
            assertClose(ref.get(VIRIAL).dup('c').data().asDouble(), pred[2], "virial");
            KernelLoss loss = KernelLoss.of(pred, ph);
            for (int i = 0; i < 4; i++) assertEquals(lossRef[i], loss.loss()[i], 1e-11 * Math.abs(lossRef[i]), "loss term " + i);
            double[] g = k.backward(loss.dE(), loss.dF(), loss.dV());
            assertClose(gRef, g, "∂L/∂θ");
            // a second step on the same kernel (buffers reused) gives the same gradient
            k.forward(StepBatch.of(ph, model.ntypes()));
            double[] g2 = k.backward(loss.dE(), loss.dF(), loss.dV());
            for (int i = 0; i < g.length; i++) assertEquals(g[i], g2[i], 0.0, "repeat, parameter " + i);
        }
    }
}
