package org.dpspark.train.dl4j;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.nd4j.linalg.learning.config.NoOp;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dpspark.model.DeepPotModel;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J {@link ComputationGraph} that trains a Deep Potential: inputs → {@link DeepPotVertex} ("deeppot", the
 * whole se_e2_a + energy model in SameDiff) → {@link LossLayer} with {@link WeightedSquaredError} ("loss").
 * Double precision, no minibatch division (the label weights normalise), Adam ({@link StepAdam}).
 * The model vertex's parameters are laid out as {@code DeepPotGraph.flatParams()} (same names, order, C-order), and
 * the updater state view is Adam's [m | v] over them (the guard layer's NoOp updater has no state).
 */
public final class DeepPotNetwork {
    private DeepPotNetwork() {}

    public static final String VERTEX = "deeppot";

    /** The network with the model vertex computing steps by the hand-written kernel. */
    public static ComputationGraph create(DeepPotModel model, double lr, double beta1, double beta2, double eps, long seed) {
        return create(model, lr, beta1, beta2, eps, seed, true);
    }

    /** @param kernel the vertex computes steps by {@code DeepPotKernel} (true) or by its SameDiff ops */
    public static ComputationGraph create(DeepPotModel model, double lr, double beta1, double beta2, double eps, long seed,
            boolean kernel) {
        return create(model, lr, beta1, beta2, eps, seed, kernel, false);
    }

    /** @param mixed the kernel runs its nets in float32 ({@code train.precision = mixed}; needs {@code kernel}) */
    public static ComputationGraph create(DeepPotModel model, double lr, double beta1, double beta2, double eps, long seed,
            boolean kernel, boolean mixed) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        List<String> inputs = DeepPotVertex.inputNames(model.ntypes());
        DeepPotVertex v = new DeepPotVertex(model);
        v.setKernel(kernel);
        v.setMixedPrecision(mixed);
        List<String> vertexInputs = new java.util.ArrayList<>(inputs);
        vertexInputs.add(DeepPotVertex.GUARD);
        v.setUpdater(new StepAdam(lr, beta1, beta2, eps));
        v.setName(VERTEX);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(seed).miniBatch(false)
                .updater(new StepAdam(lr, beta1, beta2, eps))
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder()
                .addInputs(inputs.toArray(new String[0]))
                // DL4J M2.1's ComputationGraph.fit returns at once when its layers hold no parameters (numParams()
                // counts layers, not vertices): a 3-parameter layer that never changes (NoOp updater) on the header,
                // entering the model with weight 0, keeps it training.
                .addLayer(DeepPotVertex.GUARD, new DenseLayer.Builder().nIn(2).nOut(1).activation(Activation.IDENTITY)
                        .updater(new NoOp()).build(), "header")
                .addVertex(VERTEX, v, vertexInputs.toArray(new String[0]))
                .addLayer("loss", new LossLayer.Builder(new WeightedSquaredError()).activation(Activation.IDENTITY).build(), VERTEX)
                .setOutputs("loss")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** The Adam configuration of the model vertex (learning rate and step offset are set on it before each round). */
    public static StepAdam adam(ComputationGraph net) {
        return (StepAdam) ((DeepPotVertex) net.getConfiguration().getVertices().get(VERTEX)).getUpdater();
    }

    /** Sets parameters (DeepPotGraph layout) and, when non-null, Adam's m and v. */
    public static void load(ComputationGraph net, double[] params, double[] m, double[] v) {
        INDArray view = net.getVertex(VERTEX).params();
        view.assign(Nd4j.create(params, view.shape(), 'c'));
        if (m != null) {
            INDArray st = net.getUpdater().getStateViewArray();
            double[] mv = new double[m.length + v.length];
            System.arraycopy(m, 0, mv, 0, m.length);
            System.arraycopy(v, 0, mv, m.length, v.length);
            st.assign(Nd4j.create(mv, st.shape(), 'c'));
        }
    }

    /** The model's parameters (DeepPotGraph layout; the guard layer's are not included). */
    public static double[] params(ComputationGraph net) { return net.getVertex(VERTEX).params().dup('c').data().asDouble(); }

    /** Adam's {m, v} from the updater state view. */
    public static double[][] adamState(ComputationGraph net) {
        double[] mv = net.getUpdater().getStateViewArray().dup('c').data().asDouble();
        int n = mv.length / 2;
        double[] m = new double[n], v = new double[n];
        System.arraycopy(mv, 0, m, 0, n);
        System.arraycopy(mv, n, v, 0, n);
        return new double[][] {m, v};
    }
}
