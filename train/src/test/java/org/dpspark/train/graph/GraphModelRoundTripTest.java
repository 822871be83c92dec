package org.dpspark.train.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.train.data.TrainFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graph weights → DeepPotModel → artifact on disk → loaded without DL4J by simulate's evaluator, and back into a
 * graph: identical predictions.
 */
class GraphModelRoundTripTest {
    @Test
    void changedGraphWeightsSurviveSaveAndLoad(@TempDir Path tmp) throws Exception {
        DeepPotModel m = GraphDerivativeTest.model();
        DeepPotGraph graph = new DeepPotGraph(m);
        double[] theta = graph.flatParams();
        java.util.Random r = new java.util.Random(5);
        for (int k = 0; k < theta.length; k++) theta[k] += 0.01 * r.nextGaussian(); // "trained" weights
        graph.setFlatParams(theta);
        DeepPotModel trained = GraphWeights.toModel(graph, m);
        trained.save(tmp.resolve("model"));
        DeepPotModel loaded = DeepPotModel.load(tmp.resolve("model"));
        TrainFrame f = TestData.water(3, 11);
        Prediction p = new GraphPredictor(graph, m).predict(List.of(f)).get(0);
        DeepPotResult q = new DeepPotEvaluator(loaded).evaluate(f.positions(), f.cell(), f.types());
        // graph vs reference evaluator: round-off only (see GraphConsistencyTest)
        assertEquals(q.energy(), p.energy(), 1e-9);
        for (int k = 0; k < p.forces().length; k++) assertEquals(q.forces()[k], p.forces()[k], 1e-10);
        // the artifact's weights are the graph's weights, bit for bit, so a graph built from it predicts identically
        assertArrayEquals(theta, new DeepPotGraph(loaded).flatParams());
        Prediction p2 = GraphPredictor.of(loaded).predict(List.of(f)).get(0);
        assertEquals(p.energy(), p2.energy(), 0.0);
        assertArrayEquals(p.forces(), p2.forces(), 0.0);
    }
}
