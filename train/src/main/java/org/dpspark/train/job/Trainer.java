package org.dpspark.train.job;

import java.util.List;
import java.util.Map;
import org.dpspark.featurize.dpmodel.DeepPotModel;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.BatchBuilder;
import org.dpspark.train.graph.DeepPotGraph;
import org.dpspark.train.kernel.DeepPotKernel;
import org.dpspark.train.kernel.KernelLoss;
import org.dpspark.train.kernel.StepBatch;
import org.dpspark.train.graph.GraphNames;
import org.dpspark.train.graph.GraphPredictor;
import org.dpspark.train.graph.GraphWeights;
import org.dpspark.train.graph.Prediction;
import org.dpspark.train.loss.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pure-Java (no Spark) training core of one worker: its parameters, an {@link Adam} state, and the computation of
 * ∂loss/∂θ of a batch ({@link #gradient}): the hand-written {@link DeepPotKernel} ({@code train.compute = kernel}) or
 * the {@link DeepPotGraph} (samediff; the graph also serves validation predictions and the model export, and gets the
 * current parameters before those). {@link #step} applies Adam. Not thread-safe.
 */
public final class Trainer {
    private final DeepPotModel template;
    private final DeepPotGraph graph;
    private final BatchBuilder batches;
    private final GraphPredictor predictor;
    private final DeepPotKernel kernel;
    private double[] params;
    private boolean graphStale;
    private Adam adam;

    public Trainer(DeepPotModel template, TrainSettings s) {
        this.template = template;
        graph = new DeepPotGraph(template);
        batches = new BatchBuilder(template.descriptor());
        predictor = new GraphPredictor(graph, template);
        params = graph.flatParams();
        kernel = s.kernel() ? new DeepPotKernel(template) : null;
        adam = new Adam(params.length, s.beta1(), s.beta2(), s.epsilon());
    }

    public double[] params() { return params; }

    public Adam adam() { return adam; }

    /** The graph, with the current parameters. */
    public DeepPotGraph graph() {
        syncGraph();
        return graph;
    }

    private void setParams(double[] p) {
        params = p;
        if (kernel == null) graph.setFlatParams(params);
        else graphStale = true;
    }

    private void syncGraph() {
        if (graphStale) graph.setFlatParams(params);
        graphStale = false;
    }

    public BatchBuilder batches() { return batches; }

    /** Replaces parameters and optimizer state (from the driver's average or a checkpoint). */
    public void load(double[] p, Adam state) {
        adam = state;
        setParams(p.clone());
    }

    /** Loss terms {loss, loss_e, loss_f, loss_v} of the last {@link #gradient} call. */
    private final double[] lastLoss = new double[4];

    public double[] lastLoss() { return lastLoss.clone(); }

    /** ∂loss/∂θ of a batch with prefactors {p_e, p_f, p_v}; also records the loss terms. */
    public double[] gradient(List<TrainFrame> batch, double[] prefactors) {
        Map<String, INDArray> ph = batches.build(batch, prefactors);
        if (kernel == null) return graph.gradient(ph, lastLoss);
        kernel.setParams(params);
        KernelLoss loss = KernelLoss.of(kernel.forward(StepBatch.of(ph, template.ntypes())), ph);
        System.arraycopy(loss.loss(), 0, lastLoss, 0, 4);
        return kernel.backward(loss.dE(), loss.dF(), loss.dV());
    }

    /** One Adam step on a batch at learning rate {@code lr}. */
    public void step(List<TrainFrame> batch, double[] prefactors, double lr) {
        double[] g = gradient(batch, prefactors);
        adam.step(params, g, lr);
        setParams(params);
    }

    /** Applies an externally averaged gradient (gradient-averaging mode). */
    public void apply(double[] g, double lr) {
        adam.step(params, g, lr);
        setParams(params);
    }

    /** Error metrics of the current parameters on frames, in batches of {@code batchFrames}. */
    public Metrics evaluate(List<TrainFrame> frames, int batchFrames) {
        syncGraph();
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
        syncGraph();
        return GraphWeights.toModel(graph, template);
    }
}
