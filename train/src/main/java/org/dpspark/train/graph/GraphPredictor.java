package org.dpspark.train.graph;

import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.train.data.TrainFrame;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Energies, forces and virials of frames from a {@link DeepPotGraph} (inference through the training graph; the
 * reference of {@code KernelPredictor}, and the predictor of {@code train.compute = samediff}).
 */
public final class GraphPredictor implements Predictor {
    private final DeepPotGraph graph;
    private final BatchBuilder batches;

    public GraphPredictor(DeepPotGraph graph, DeepPotModel model) {
        this.graph = graph;
        this.batches = new BatchBuilder(model.seA());
    }

    /** Builds a graph from {@code model} and predicts with it. */
    public static GraphPredictor of(DeepPotModel model) {
        return new GraphPredictor(new DeepPotGraph(model), model);
    }

    public DeepPotGraph graph() { return graph; }

    public BatchBuilder batches() { return batches; }

    /** Predictions of a batch of frames (one graph evaluation). */
    @Override
    public List<Prediction> predict(List<TrainFrame> frames) {
        Map<String, INDArray> ph = batches.build(frames, new double[] {0, 0, 0});
        Map<String, INDArray> out = graph.output(ph, GraphNames.ENERGY, GraphNames.FORCE, GraphNames.VIRIAL);
        double[] e = out.get(GraphNames.ENERGY).dup('c').data().asDouble();
        double[] f = out.get(GraphNames.FORCE).dup('c').data().asDouble();
        double[] v = out.get(GraphNames.VIRIAL).dup('c').data().asDouble();
        return Prediction.perFrame(frames, e, f, v);
    }
}
