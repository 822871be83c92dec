package org.dpspark.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.train.graph.BatchBuilder;
import org.dpspark.train.graph.TestData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * The dl4j-spark path with {@code train.precision = mixed}: the network's kernel vertex runs its nets in float32, its
 * configuration carries the flag through the JSON that SparkComputationGraph ships to executors, and its loss and
 * gradient equal the float64 network's to float32 round-off (bounds derived in
 * {@code org.dpspark.train.kernel.MixedPrecisionKernelTest}: the longest product here has K = M·M< = 32 inputs, the
 * ∂W sums at most 1,024 rows: γ = K·u, u = 2⁻²⁴), but not to float64 round-off (the flag took effect).
 */
class MixedPrecisionNetworkTest {
    private static final double U = Math.scalb(1.0, -24);

    @Test
    void mixedNetworkEqualsFloat64ToFloatRoundOff() throws Exception {
        DeepPotModel model = DeepPotModels.random(DeepPotNetworkTest.SPEC, 0.05, 0.1, 0.08, new double[] {-93.0, -187.0}, 5);
        Map<String, INDArray> ph = new BatchBuilder(model.seA()).build(List.of(TestData.water(0, 1), TestData.water(1, 2)),
                new double[] {0.3, 7.0, 0.05});
        MultiDataSet mds = DeepPotBatch.of(ph, model.ntypes(), model.descriptor().nnei(), new double[] {0.3, 7.0, 0.05});
        double[][] g = new double[2][];
        double[] score = new double[2];
        for (int k = 0; k < 2; k++) {
            ComputationGraph net = DeepPotNetwork.create(model, 1e-3, 0.9, 0.999, 1e-8, 1, true, k == 1);
            if (k == 1) {
                String json = net.getConfiguration().toJson();
                DeepPotVertex back = (DeepPotVertex) org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(json)
                        .getVertices().get(DeepPotNetwork.VERTEX);
                assertTrue(back.isMixedPrecision(), "the configuration JSON keeps train.precision = mixed");
            }
            net.setInputs(mds.getFeatures());
            net.setLabels(mds.getLabels());
            net.computeGradientAndScore();
            score[k] = net.score();
            g[k] = DeepPotNetworkTest.vertexGradient(net, model);
        }
        double gMax = 0, dMax = 0;
        for (int i = 0; i < g[0].length; i++) {
            gMax = Math.max(gMax, Math.abs(g[0][i]));
            dMax = Math.max(dMax, Math.abs(g[0][i] - g[1][i]));
        }
        System.out.printf("DL4J network mixed vs float64: loss %.9e vs %.9e, max|Δ∂L/∂θ| %.2e of max %.2e%n", score[1], score[0],
                dMax, gMax);
        // the loss is a sum of squared errors of outputs accurate to 6·γ_32 relative: its relative error is ≲ 2× that
        assertEquals(score[0], score[1], 2 * 6 * 32 * U * Math.abs(score[0]), "loss");
        assertTrue(dMax <= 1024 * U * gMax, "gradient max|Δ| " + dMax + " of " + gMax);
        assertTrue(dMax > 1e-9 * gMax, "gradient equal to float64's: the nets did not run in float32");
    }
}
