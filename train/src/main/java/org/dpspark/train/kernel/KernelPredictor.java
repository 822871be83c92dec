package org.dpspark.train.kernel;

import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.BatchBuilder;
import org.dpspark.train.graph.Prediction;
import org.dpspark.train.graph.Predictor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Energies, forces and virials of frames by {@link DeepPotKernel#forward} alone (pass 1: embedding and fitting nets,
 * ∂E/∂R̃, forces and virials; no loss, no gradient pass), with the parameters of a flat vector (the graph's layout,
 * {@link ModelParams}). The same functions as {@code GraphPredictor} (the SameDiff graph) to round-off, faster
 * (measurements: docs/benchmarks.md#training-kernel).
 *
 * <p>The kernel may be shared (a {@code Trainer}'s, or the thread's from {@link KernelCache}): every {@link #predict}
 * sets this predictor's parameters into it first, and a training step after it sets its own and runs its own forward
 * pass, so a prediction in between changes nothing of the step (the kernel's buffers grow to the largest batch seen
 * and are otherwise reused; KernelPredictorTest checks the gradient bit for bit). Not thread-safe (nor is the kernel).
 */
public final class KernelPredictor implements Predictor {
    private final DeepPotKernel kernel;
    private final BatchBuilder batches;
    private final int ntypes;
    private double[] params;

    /**
     * @param kernel a kernel for {@code model}'s architecture (not closed here)
     * @param params the parameters to predict with (kept by reference; see {@link #setParams})
     */
    public KernelPredictor(DeepPotKernel kernel, DeepPotModel model, double[] params) {
        this.kernel = kernel;
        this.batches = new BatchBuilder(model);
        this.ntypes = model.ntypes();
        setParams(params);
    }

    /**
     * A predictor with {@code model}'s own weights on the current thread's cached kernel for its architecture
     * ({@link KernelCache}: an executor thread reuses the kernel's buffers from task to task).
     */
    public static KernelPredictor cached(DeepPotModel model, String key) {
        DeepPotKernel k = KernelCache.get(key, () -> new DeepPotKernel(model));
        return new KernelPredictor(k, model, ModelParams.flat(model));
    }

    /** Predicts with {@code p} from now on (kept by reference: the caller may update it in place between calls). */
    public void setParams(double[] p) {
        if (p.length != kernel.paramCount()) throw new IllegalArgumentException("need " + kernel.paramCount() + " parameters, got " + p.length);
        params = p;
    }

    /** The batch builder (neighbour lists, environments; its count of neighbours dropped beyond sel). */
    public BatchBuilder batches() { return batches; }

    /** Predictions of a batch of frames: one kernel forward pass over all of them. */
    @Override
    public List<Prediction> predict(List<TrainFrame> frames) {
        Map<String, INDArray> ph = batches.build(frames, new double[] {0, 0, 0});
        kernel.setParams(params);
        double[][] out = kernel.forward(StepBatch.of(ph, ntypes));
        return Prediction.perFrame(frames, out[0], out[1], out[2]);
    }
}
