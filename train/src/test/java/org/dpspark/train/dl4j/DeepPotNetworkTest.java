package org.dpspark.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.BatchBuilder;
import org.dpspark.train.graph.DeepPotGraph;
import org.dpspark.train.graph.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * The DL4J ComputationGraph (DeepPotVertex + WeightedSquaredError), with the vertex on the hand-written kernel and on
 * its SameDiff ops, computes the same loss and the same ∂loss/∂θ as {@link DeepPotGraph} on a mixed batch of real water frames (energy, force and virial terms), its parameters are laid
 * out as DeepPotGraph's, and its configuration survives the JSON round trip that ships it to Spark executors.
 */
class DeepPotNetworkTest {
    static final DeepPotModels.Spec SPEC = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92},
            new int[] {4, 8}, 4, false, true, new int[] {16, 16}, true, "tanh");

    @ParameterizedTest(name = "kernel = {0}")
    @ValueSource(booleans = {true, false})
    void networkLossAndGradientEqualTheGraphs(boolean kernel) throws Exception {
        DeepPotModel model = DeepPotModels.random(SPEC, 0.05, 0.1, 0.08, new double[] {-93.0, -187.0}, 5);
        TrainFrame a = TestData.water(0, 1), b0 = TestData.water(1, 2);
        double[] vir = {1.5, 0.2, -0.1, 0.2, 0.7, 0.3, -0.1, 0.3, -2.0}; // an arbitrary virial label (eV) so the term is live
        TrainFrame b = new TrainFrame(b0.dataset(), b0.system(), b0.types(), b0.positions(), b0.cell(), b0.pbc(), b0.energy(),
                b0.forces(), vir, b0.id());
        List<TrainFrame> batch = List.of(a, b);
        double[] pref = {0.3, 7.0, 0.05};
        DeepPotGraph graph = new DeepPotGraph(model);
        BatchBuilder bb = new BatchBuilder(model.seA());
        Map<String, INDArray> ph = bb.build(batch, pref);
        double[] loss = new double[4];
        double[] gRef = graph.gradient(ph, loss);

        ComputationGraph net = DeepPotNetwork.create(model, 1e-3, 0.9, 0.999, 1e-8, 1, kernel);
        assertEquals(graph.paramCount(), net.getVertex(DeepPotNetwork.VERTEX).params().length());
        double[] p = DeepPotNetwork.params(net), pRef = graph.flatParams();
        for (int i = 0; i < p.length; i++) assertEquals(pRef[i], p[i], 0.0, "parameter " + i);
        MultiDataSet mds = DeepPotBatch.of(ph, model.ntypes(), model.descriptor().nnei(), pref);
        net.setInputs(mds.getFeatures());
        net.setLabels(mds.getLabels());
        net.computeGradientAndScore();
        double score = net.score();
        double[] g = vertexGradient(net, model);
        // SameDiff vertex: the same ops in the same order on the same inputs, except the loss (DL4J's layer vs SameDiff's
        // sum); kernel: the same functions in another order (DeepPotKernelTest). Either way relative round-off ~1e-15 of
        // the loss, and of each gradient component relative to the largest one.
        assertEquals(loss[0], score, 1e-12 * Math.abs(loss[0]), "loss");
        // and it is the derivative of the score: central differences (h = 1e-6) on a few parameters; their truncation
        // (h²/6·∂³L) and round-off (1e-16·L/h ≈ 5e-10) errors are ~1e-9 here, so 1e-5 relative + 1e-9 absolute still
        // catches any factor (DL4J's vertex doubling, see WeightedSquaredError) by orders of magnitude.
        for (int q = 0; q < 2; q++) {
            double h = 1e-6;
            INDArray pv = net.getVertex(DeepPotNetwork.VERTEX).params();
            double p0 = pv.getDouble(q);
            pv.putScalar(q, p0 + h);
            double sp = net.score(mds);
            pv.putScalar(q, p0 - h);
            double sm = net.score(mds);
            pv.putScalar(q, p0);
            double fd = (sp - sm) / (2 * h);
            assertEquals(fd, g[q], 1e-5 * Math.abs(fd) + 1e-9, "∂L/∂θ_" + q + " vs finite difference");
        }
        double gMax = 0, dMax = 0;
        for (int i = 0; i < g.length; i++) {
            gMax = Math.max(gMax, Math.abs(gRef[i]));
            dMax = Math.max(dMax, Math.abs(g[i] - gRef[i]));
        }
        System.out.printf("DL4J network (kernel " + kernel + ") vs DeepPotGraph: loss %.6e vs %.6e, max|Δ∂L/∂θ| %.2e of max %.2e (%d parameters)%n",
                score, loss[0], dMax, gMax, g.length);
        assertTrue(dMax < 1e-10 * gMax, "gradient max|Δ| " + dMax + " of " + gMax);

        // configuration JSON round trip (what SparkComputationGraph ships) keeps the vertex, its model and Adam
        String json = net.getConfiguration().toJson();
        var back = org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(json);
        assertEquals(net.getConfiguration().getVertices().get(DeepPotNetwork.VERTEX), back.getVertices().get(DeepPotNetwork.VERTEX));
        // one fit step moves the parameters
        net.fit(mds);
        double[] p2 = DeepPotNetwork.params(net);
        double moved = 0;
        for (int i = 0; i < p2.length; i++) moved = Math.max(moved, Math.abs(p2[i] - p[i]));
        assertTrue(moved > 1e-5 && moved < 2e-3, "Adam's first step moves parameters by about lr: " + moved);
    }

    /** ∂L/∂θ of the model vertex, flattened in DeepPotGraph's order. */
    static double[] vertexGradient(ComputationGraph net, DeepPotModel model) {
        Map<String, INDArray> byName = net.gradient().gradientForVariable();
        java.util.List<Double> out = new java.util.ArrayList<>();
        for (String name : org.dpspark.train.graph.DeepPotOps.parameters(model).keySet()) {
            for (double x : byName.get(DeepPotNetwork.VERTEX + "_" + DeepPotVertex.key(name)).dup('c').data().asDouble()) out.add(x);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
