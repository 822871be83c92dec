package org.dpspark.train.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The Deep Potential loss as a DL4J loss function: labels [2, K] hold the targets (row 0) and weights (row 1) of the
 * packed prediction (energies, force components, virial components; the weight carries the prefactor p(t) and the 1/N²,
 * 1/(3N), 1/(9N²), 1/nframes normalisation of docs/physics.md#loss-and-schedules, see {@link DeepPotBatch}); the output
 * is [1, K] (one example: DL4J's loss layer divides the score by the rows of its input). L = Σ_k w_k (y_k − t_k)²,
 * ∂L/∂y_k = 2 w_k (y_k − t_k). Not averaged over a "minibatch" (one packed batch is one example).
 */
public class WeightedSquaredError implements ILossFunction {
    private static final long serialVersionUID = 1L;

    /**
     * DL4J 1.0.0-M2.1's SameDiff graph vertex returns twice the parameter gradient for the error it is given (seen:
     * its ∂L/∂θ = 2 × the central finite difference of the network score, for every parameter, on every call; tested in
     * DeepPotNetworkTest). The error handed to it is divided by this factor so the network's gradient is ∂L/∂θ.
     */
    static final double VERTEX_GRADIENT_FACTOR = 2.0;

    public WeightedSquaredError() {}

    private static INDArray[] split(INDArray labels, INDArray preOutput, IActivation fn) {
        INDArray y = fn.getActivation(preOutput.dup(), true);
        INDArray t = labels.get(NDArrayIndex.interval(0, 1), NDArrayIndex.all());
        INDArray w = labels.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all());
        return new INDArray[] {y.sub(t), w};
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask, boolean average) {
        return computeScoreArray(labels, preOutput, fn, mask).sumNumber().doubleValue();
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
        INDArray[] d = split(labels, preOutput, fn);
        return d[0].mul(d[0]).muli(d[1]);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
        INDArray[] d = split(labels, preOutput, fn);
        INDArray dLdy = d[0].mul(d[1]).muli(2.0 / VERTEX_GRADIENT_FACTOR);
        return fn.backprop(preOutput.dup(), dLdy).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask,
            boolean average) {
        return new Pair<>(computeScore(labels, preOutput, fn, mask, average), computeGradient(labels, preOutput, fn, mask));
    }

    @Override
    public String name() { return "deeppot-weighted-squared-error"; }

    @Override
    public boolean equals(Object o) { return o instanceof WeightedSquaredError; }

    @Override
    public int hashCode() { return 17; }

    @Override
    public String toString() { return name(); }
}
