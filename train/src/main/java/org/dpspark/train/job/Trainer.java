package org.dpspark.train.job;

import java.util.List;
import java.util.Map;
import org.dpspark.featurize.dpmodel.DeepPotModel;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.BatchBuilder;
import org.dpspark.train.graph.DeepPotGraph;
import org.dpspark.train.graph.GraphNames;
import org.dpspark.train.graph.GraphPredictor;
import org.dpspark.train.graph.GraphWeights;
import org.dpspark.train.graph.Prediction;
import org.dpspark.train.loss.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pure-Java (no Spark) training core of one worker: a {@link DeepPotGraph}, its parameters and an {@link Adam}
 * state. {@link #gradient} gives ∂loss/∂θ of a batch; {@link #step} applies Adam. Not thread-safe.
 */
public final class Trainer {
    private final DeepPotModel template;
    private final DeepPotGraph graph;
    private final BatchBuilder batches;
    private final GraphPredictor predictor;
    private double[] params;
    private Adam adam;

    public Trainer(DeepPotModel template, TrainSettings s) {
        this.template = template;
        graph = new DeepPotGraph(template);
        batches = new BatchBuilder(template.descriptor());
        predictor = new GraphPredictor(graph, template);
        params = graph.flatParams();
        adam = new Adam(params.length, s.beta1(), s.beta2(), s.epsilon());
    }

    public double[] params() { return params; }

    public Adam adam() { return adam; }

    public DeepPotGraph graph() { return graph; }

    public BatchBuilder batches() { return batches; }

    /** Replaces parameters and optimizer state (from the driver's average or a checkpoint). */
    public void load(double[] p, Adam state) {
        params = p.clone();
        adam = state;
        graph.setFlatParams(params);
    }

    /** Loss terms {loss, loss_e, loss_f, loss_v} of the last {@link #gradient} call. */
    private final double[] lastLoss = new double[4];

    public double[] lastLoss() { return lastLoss.clone(); }

    /** ∂loss/∂θ of a batch with prefactors {p_e, p_f, p_v}; also records the loss terms. */
    public double[] gradient(List<TrainFrame> batch, double[] prefactors) {
        Map<String, INDArray> ph = batches.build(batch, prefactors);
        return graph.gradient(ph, lastLoss);
    }

    /** One Adam step on a batch at learning rate {@code lr}. */
    public void step(List<TrainFrame> batch, double[] prefactors, double lr) {
        double[] g = gradient(batch, prefactors);
        adam.step(params, g, lr);
        graph.setFlatParams(params);
    }

    /** Applies an externally averaged gradient (gradient-averaging mode). */
    public void apply(double[] g, double lr) {
        adam.step(params, g, lr);
        graph.setFlatParams(params);
    }

    /** Error metrics of the current parameters on frames, in batches of {@code batchFrames}. */
    public Metrics evaluate(List<TrainFrame> frames, int batchFrames) {
        Metrics m = new Metrics();
        for (int k = 0; k < frames.size(); k += batchFrames) {
            List<TrainFrame> b = frames.subList(k, Math.min(frames.size(), k + batchFrames));
            List<Prediction> p = predictor.predict(b);
            for (int i = 0; i < b.size(); i++) m.add(b.get(i), p.get(i));
        }
        return m;
    }

    /** The current weights as a model artifact (architecture, davg/dstd and biases of the template). */
    public DeepPotModel model() {
        return GraphWeights.toModel(graph, template);
    }
}
