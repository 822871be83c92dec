package org.dpspark.train.job;

import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.SeAttenDescriptor;
import org.dpspark.model.UnsupportedModelException;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.BatchBuilder;
import org.dpspark.train.graph.DeepPotGraph;
import org.dpspark.train.graph.GraphPredictor;
import org.dpspark.train.graph.Prediction;
import org.dpspark.train.graph.Predictor;
import org.dpspark.train.kernel.DeepPotKernel;
import org.dpspark.train.kernel.KernelLoss;
import org.dpspark.train.kernel.KernelPredictor;
import org.dpspark.train.kernel.ModelParams;
import org.dpspark.train.kernel.SeAttenFold;
import org.dpspark.train.kernel.StepBatch;
import org.dpspark.train.loss.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pure-Java (no Spark) training core of one worker: its parameters, an {@link Adam} state, the computation of
 * ∂loss/∂θ of a batch ({@link #gradient}) and predictions for validation ({@link #evaluate}), on the hand-written
 * {@link DeepPotKernel} ({@code train.compute = kernel}: no SameDiff graph is built) or the {@link DeepPotGraph}
 * (samediff). {@link #step} applies Adam; {@link #model} writes the parameters into a model artifact. Not thread-safe.
 *
 * <p>A se_atten template (attn_layer 0) trains on the kernel through {@link SeAttenFold}: the parameters and Adam's
 * state are the se_atten model's own, the kernel runs on their se_e2_a expansion and its gradient is reduced back.
 */
public final class Trainer {
    private final DeepPotModel template;
    /** The SameDiff graph (compute = samediff), or null (kernel). */
    private final DeepPotGraph graph;
    private final BatchBuilder batches;
    private final Predictor predictor;
    /** The kernel (compute = kernel), or null (samediff): training steps and, through {@link KernelPredictor}, validation. */
    private final DeepPotKernel kernel;
    /** The se_atten → se_e2_a fold (se_atten template), or null (se_e2_a). */
    private final SeAttenFold fold;
    private double[] params;
    private Adam adam;

    public Trainer(DeepPotModel template, TrainSettings s) {
        this.template = template;
        fold = template.descriptor() instanceof SeAttenDescriptor ? new SeAttenFold(template, s.model().sel().slots()) : null;
        DeepPotModel net = fold == null ? template : fold.expanded();
        batches = new BatchBuilder(net);
        if (s.parallel().kernel()) {
            graph = null;
            kernel = new DeepPotKernel(net, s.parallel().mixed());
            params = fold == null ? ModelParams.flat(template) : fold.flat(template);
            // validation predicts in float64 whatever the training precision, so that it equals `dpspark test`
            predictor = new KernelPredictor(s.parallel().mixed() ? new DeepPotKernel(net) : kernel, net, kernelParams());
        } else {
            if (fold != null) throw new UnsupportedModelException("se_atten trains with train.parallel.compute = kernel only");
            graph = new DeepPotGraph(template);
            kernel = null;
            params = graph.flatParams();
            predictor = new GraphPredictor(graph, template);
        }
        adam = new Adam(params.length, s.schedule().beta1(), s.schedule().beta2(), s.schedule().epsilon());
    }

    public double[] params() { return params; }

    public Adam adam() { return adam; }

    private void setParams(double[] p) {
        params = p;
        if (graph != null) graph.setFlatParams(params);
        else ((KernelPredictor) predictor).setParams(kernelParams());
    }

    /** The kernel's parameters: θ itself, or its se_e2_a expansion (se_atten). */
    private double[] kernelParams() {
        return fold == null ? params : fold.expand(params);
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
        kernel.setParams(kernelParams());
        KernelLoss loss = KernelLoss.of(kernel.forward(StepBatch.of(ph, template.ntypes())), ph);
        System.arraycopy(loss.loss(), 0, lastLoss, 0, 4);
        double[] g = kernel.backward(loss.dE(), loss.dF(), loss.dV());
        return fold == null ? g : fold.reduce(params, g);
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

    /** Predictions of the current parameters for frames, in batches of {@code batchFrames}. */
    public List<Prediction> predict(List<TrainFrame> frames, int batchFrames) {
        List<Prediction> out = new java.util.ArrayList<>(frames.size());
        for (int k = 0; k < frames.size(); k += batchFrames) {
            out.addAll(predictor.predict(frames.subList(k, Math.min(frames.size(), k + batchFrames))));
        }
        return out;
    }

    /** Error metrics of the current parameters on frames, in batches of {@code batchFrames}. */
    public Metrics evaluate(List<TrainFrame> frames, int batchFrames) {
        Metrics m = new Metrics();
        List<Prediction> p = predict(frames, batchFrames);
        for (int i = 0; i < frames.size(); i++) m.add(frames.get(i), p.get(i));
        return m;
    }

    /** The current weights as a model artifact (architecture, davg/dstd and biases of the template). */
    public DeepPotModel model() {
        return fold == null ? ModelParams.toModel(params, template) : fold.toModel(params);
    }
}
