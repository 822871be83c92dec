package org.dpspark.train.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DenseNet;
import org.dpspark.model.NetLayer;
import org.dpspark.train.graph.DeepPotGraph;
import org.dpspark.train.graph.GraphWeights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ModelParams} has the SameDiff graph's parameter layout: a model's flat vector is the graph's
 * {@code flatParams()}, and a vector written back into the template gives the model that {@link GraphWeights} reads
 * from a graph holding that vector (exact copies: no arithmetic, so equality is bit for bit).
 */
class ModelParamsTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void layoutIsTheGraphs(boolean typeOneSide) {
        DeepPotModel model = KernelPredictorTest.model(typeOneSide);
        DeepPotGraph graph = new DeepPotGraph(model);
        double[] flat = ModelParams.flat(model);
        assertArrayEquals(graph.flatParams(), flat, "initial parameters");

        SplittableRandom r = new SplittableRandom(11);
        double[] p = new double[flat.length];
        for (int i = 0; i < p.length; i++) p[i] = r.nextDouble(-1, 1);
        graph.setFlatParams(p);
        DeepPotModel fromGraph = GraphWeights.toModel(graph, model), fromFlat = ModelParams.toModel(p, model);
        assertArrayEquals(p, ModelParams.flat(fromFlat), "round trip");
        List<DenseNet> a = nets(fromGraph), b = nets(fromFlat);
        assertEquals(a.size(), b.size());
        for (int n = 0; n < a.size(); n++) {
            for (int l = 0; l < a.get(n).layers().size(); l++) {
                NetLayer x = a.get(n).layers().get(l), y = b.get(n).layers().get(l);
                assertArrayEquals(x.w(), y.w(), "net " + n + " layer " + l + " w");
                assertArrayEquals(x.b(), y.b(), "net " + n + " layer " + l + " b");
                assertArrayEquals(x.idt(), y.idt(), "net " + n + " layer " + l + " idt");
            }
        }
        assertArrayEquals(model.seA().davg(), fromFlat.seA().davg());
        assertArrayEquals(model.fitting().biasAtomE(), fromFlat.fitting().biasAtomE());
    }

    private static List<DenseNet> nets(DeepPotModel m) {
        List<DenseNet> out = new ArrayList<>(m.seA().embeddings());
        out.addAll(m.fitting().nets());
        return out;
    }
}
