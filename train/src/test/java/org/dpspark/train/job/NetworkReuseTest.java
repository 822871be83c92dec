package org.dpspark.train.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.dpspark.core.JobConfig;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.train.data.TrainFrame;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dpspark.train.dl4j.DeepPotNetwork;
import org.dpspark.train.dl4j.DeepPotVertex;
import org.dpspark.train.graph.DeepPotGraph;
import org.dpspark.train.graph.TestData;
import org.dpspark.train.loss.Adam;
import org.junit.jupiter.api.Test;

/**
 * dl4j-spark parameter averaging with workers that keep their network between rounds ({@link NetworkReusingMaster})
 * trains exactly as dl4j-spark's stock workers that build a new network every round: same parameters and Adam state
 * after three rounds of two workers on real water frames, with the learning rate and Adam's step offset changing
 * between rounds (what the reused network must pick up from the broadcast configuration).
 */
class NetworkReuseTest {
    @Test
    void reusedWorkerNetworksTrainAsFreshOnes() throws Exception {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext());
        TrainSettings s = TrainSettings.from(JobConfig.load(null, List.of("model.type-map=[O,H]", "model.sel=[46,92]",
                "train.parallel.averaging-frequency=2")));
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92}, new int[] {4, 8}, 4,
                false, true, new int[] {16, 16}, true, "tanh");
        DeepPotModel model = DeepPotModels.random(spec, 0.05, 0.1, 0.08, new double[] {-93.0, -187.0}, 5);
        List<TrainFrame> frames = new ArrayList<>();
        for (int k = 0; k < 4; k++) frames.add(TestData.water(0, k));
        JavaRDD<TrainFrame> train = jsc.parallelize(frames, 2).cache();
        double[] p0 = new DeepPotGraph(model).flatParams();
        double[][] fresh = run(jsc, model, s, train, p0, false, () -> {}), reused = run(jsc, model, s, train, p0, true, () -> {});
        // workers that first meet the model after round 1 (new executors) build it from the configuration broadcast
        // once, then take the round's parameters, Adam state and updater settings
        int built0 = NetworkReusingWorker.networksBuilt();
        double[][] rebuilt = run(jsc, model, s, train, p0, true, NetworkReusingWorker::forgetNetworks);
        assertTrue(NetworkReusingWorker.networksBuilt() - built0 >= 3, "a network built in every round");
        boolean moved = false;
        for (int i = 0; i < p0.length; i++) moved |= fresh[0][i] != p0[i];
        assertTrue(moved, "training changed the parameters");
        // The same ops on the same arrays in the same order: bitwise equal (a stale learning rate, step offset or
        // Adam state in a reused network would differ by far more than round-off).
        for (int q = 0; q < 3; q++) {
            for (int i = 0; i < fresh[q].length; i++) {
                assertEquals(fresh[q][i], reused[q][i], 0.0, "array " + q + " element " + i);
                assertEquals(fresh[q][i], rebuilt[q][i], 0.0, "rebuilt networks: array " + q + " element " + i);
            }
        }
        train.unpersist();
    }

    @Test
    void roundBroadcastLeavesTheModelYamlOut() throws Exception {
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92}, new int[] {10, 20, 40}, 4,
                false, false, new int[] {120, 120, 120}, true, "tanh");
        DeepPotModel model = DeepPotModels.random(spec, 0.05, 0.1, 0.08, new double[] {-93.0, -187.0}, 5);
        ComputationGraph net = DeepPotNetwork.create(model, 1e-3, 0.9, 0.999, 1e-8, 1, true);
        ComputationGraphConfiguration full = net.getConfiguration(), light = NetworkReusingMaster.withoutModel(full);
        int vertices = 0;
        for (var e : full.getVertices().entrySet()) {
            if (!(e.getValue() instanceof DeepPotVertex d)) continue;
            vertices++;
            DeepPotVertex l = (DeepPotVertex) light.getVertices().get(e.getKey());
            assertNotNull(d.getModelYaml(), "the network's own configuration keeps its model");
            assertNull(l.getModelYaml());
            assertEquals(d.getUpdater(), l.getUpdater(), "the round's updater settings travel");
        }
        assertEquals(1, vertices);
        long fullBytes = serialisedSize(full), lightBytes = serialisedSize(light);
        // the library-default net's YAML (~4 MB of weights as text) was nearly all of the configuration
        assertTrue(lightBytes * 50 < fullBytes, lightBytes + " bytes of " + fullBytes);
    }

    private static long serialisedSize(Object o) throws java.io.IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.size();
    }

    /**
     * {parameters, Adam m, Adam v} after three rounds of 2 steps on 2 workers, learning rate and prefactors varying;
     * {@code beforeRound} runs before each round.
     */
    private static double[][] run(JavaSparkContext jsc, DeepPotModel model, TrainSettings s, JavaRDD<TrainFrame> train, double[] p0,
            boolean reuse, Runnable beforeRound) {
        try (SparkGraphEngine e = SparkGraphEngine.create(jsc, model, s, 2, train, p0, null, reuse)) {
            double[] lr = {1e-3, 5e-4, 2e-4};
            for (int r = 0; r < 3; r++) {
                beforeRound.run();
                e.round(s, 2L * r, 2, lr[r], new double[] {0.02 + r, 1000 - 100 * r, 0});
            }
            Adam a = e.adam(s, 6);
            return new double[][] {e.params(), a.m(), a.v()};
        }
    }
}
