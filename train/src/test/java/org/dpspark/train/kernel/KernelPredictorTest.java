package org.dpspark.train.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.dpspark.train.kernel.GraphAgreement.assertClose;

import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.BatchBuilder;
import org.dpspark.train.graph.GraphPredictor;
import org.dpspark.train.graph.Prediction;
import org.dpspark.train.graph.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link KernelPredictor} (the kernel's forward pass alone) predicts what {@link GraphPredictor} (the SameDiff graph)
 * predicts: energies, forces and virials of mixed batches of real frames — water (192 atoms), water-virial (384
 * atoms, another box) and DeePMD-kit's 6-atom golden frame — with timesteps (idt) and both skip kinds, one embedding
 * net per neighbour type and per type pair. The kernel first trains on a one-frame batch, so the prediction batch
 * (4 frames, 838 atoms) is larger than any it has seen and its buffers grow; a smaller batch after that reuses them.
 *
 * <p>Tolerance: both evaluate the same double-precision functions, in different orders (BLAS blocking, sums over
 * slots and atoms). Each output is a sum over at most a few thousand products (a frame's ≤ 384 atoms, N = 138 slots,
 * M = 16 columns), so round-off is bounded by ~10⁴·ε ≈ 2e-12 of the magnitudes summed; 1e-11 of the largest value of
 * each output in the batch is that bound with margin (DeepPotKernelTest's tolerance for the same functions; the
 * differences seen are ~1e-15), and far below any modelling error (a wrong term or factor shows at 1e-3 and above).
 */
public class KernelPredictorTest {
    /** DeepPotKernelTest's model: a random se_e2_a net with idt, both skip kinds, per-type energy bias −93/−187 eV. */
    public static DeepPotModel model(boolean typeOneSide) {
        return model(typeOneSide, new double[] {-93.0, -187.0});
    }

    static DeepPotModel model(boolean typeOneSide, double[] bias) {
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92}, new int[] {4, 8, 16},
                4, typeOneSide, true, new int[] {20, 20}, true, "tanh");
        return DeepPotModels.random(spec, 0.05, 0.1, 0.08, bias, 7);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void kernelPredictsWhatTheGraphPredicts(boolean typeOneSide) throws Exception {
        // no energy bias: the energies are the networks' alone (a bias of −93/−187 eV per atom would hide their round-off
        // behind its own); TrainerPredictionTest predicts with the bias
        DeepPotModel model = model(typeOneSide, new double[] {0, 0});
        GraphPredictor graph = GraphPredictor.of(model);
        List<TrainFrame> big = List.of(TestData.waterVirial(3), TestData.water(1, 2), TestData.goldenFrame(), TestData.water(2, 5));
        List<TrainFrame> small = List.of(TestData.goldenFrame(), TestData.water(0, 4));
        try (DeepPotKernel k = new DeepPotKernel(model)) {
            double[] p = ModelParams.flat(model);
            // a training step on one 192-atom frame first: the buffers are sized for it
            Map<String, INDArray> ph = new BatchBuilder(model.seA()).build(List.of(TestData.water(0, 1)), new double[] {1, 1, 1});
            k.setParams(p);
            KernelLoss loss = KernelLoss.of(k.forward(StepBatch.of(ph, model.ntypes())), ph);
            k.backward(loss.dE(), loss.dF(), loss.dV());

            KernelPredictor kp = new KernelPredictor(k, model, p);
            compare("larger batch", graph.predict(big), kp.predict(big));
            compare("smaller batch after it", graph.predict(small), kp.predict(small));
        }
    }

    /** Asserts kernel ≈ graph for each output over the batch (tolerance: see the class comment). */
    static void compare(String what, List<Prediction> ref, List<Prediction> got) {
        assertEquals(ref.size(), got.size());
        double[] eRef = new double[ref.size()], eGot = new double[got.size()];
        for (int i = 0; i < ref.size(); i++) {
            eRef[i] = ref.get(i).energy();
            eGot[i] = got.get(i).energy();
        }
        assertClose(eRef, eGot, what + ", energy");
        assertClose(concat(ref, true), concat(got, true), what + ", force");
        assertClose(concat(ref, false), concat(got, false), what + ", virial");
    }

    private static double[] concat(List<Prediction> ps, boolean forces) {
        int n = 0;
        for (Prediction p : ps) n += forces ? p.forces().length : 9;
        double[] out = new double[n];
        int o = 0;
        for (Prediction p : ps) {
            double[] a = forces ? p.forces() : p.virial();
            System.arraycopy(a, 0, out, o, a.length);
            o += a.length;
        }
        return out;
    }
}
