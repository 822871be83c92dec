package org.dpspark.train.dl4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.samediff.SameDiffGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dpspark.train.graph.DeepPotOps;
import org.dpspark.train.graph.StepArena;
import org.dpspark.train.kernel.DeepPotKernel;
import org.dpspark.train.kernel.KernelCache;
import org.dpspark.train.kernel.StepBatch;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime vertex of {@link DeepPotVertex}: DL4J M2.1's {@link SameDiffGraphVertex} with a forward and a backward
 * pass that cost what the model needs.
 *
 * <p>The stock vertex spent about half of a step allocating op outputs (a fresh {@code DL4JSameDiffMemoryMgr} per call,
 * nothing reused between steps; measurements: docs/benchmarks.md#samediff-graph-path), and its backward pass
 * differentiated w.r.t. every vertex input (the env/deriv/rij data arrays, which nothing upstream needs: they are
 * network inputs; the only layer before the vertex is the frozen guard, whose output enters with weight 0). Here:
 * <ul>
 *   <li>both passes run on a {@link StepArena} per session, so the arrays of one step are reused by the next;</li>
 *   <li>the backward pass asks SameDiff for ∂L/∂θ of the parameters only; the epsilons handed back for the vertex
 *   inputs are zeros (exact for the guard input; the data inputs have no trainable layer before them).</li>
 * </ul>
 * The forward pass still runs twice per step (DL4J's loss layer needs the output before the vertex gets ∂L/∂output,
 * and SameDiff's gradient call recomputes the forward ops).
 *
 * <p>With {@link DeepPotVertex#isKernel()} (the default, {@code train.compute = kernel}) neither pass uses SameDiff:
 * the forward pass is {@link DeepPotKernel#forward} (energies, forces, virials packed as the vertex output) and the
 * backward pass {@link DeepPotKernel#backward} from the loss layer's ∂L/∂output, on the state the forward pass kept
 * (no second forward; no SameDiff graph is built, so a network rebuilt every averaging round costs nothing). The kernel
 * is the thread's ({@link KernelCache}).
 */
public class DeepPotGraphVertex extends SameDiffGraphVertex {
    public DeepPotGraphVertex(DeepPotVertex config, ComputationGraph graph, String name, int vertexIndex, INDArray paramsView,
            boolean initParams, DataType dataType) {
        super(config, graph, name, vertexIndex, paramsView, initParams, dataType);
    }

    private DeepPotKernel kernel;
    private java.util.List<String> paramKeys;
    /** The env input of this vertex's last kernel forward pass, and the batch it gave the (per-thread, shared) kernel. */
    private INDArray kernelInput;
    private StepBatch kernelBatch;

    private boolean useKernel() { return ((DeepPotVertex) config).isKernel(); }

    private DeepPotKernel kernel() {
        if (kernel == null) {
            DeepPotVertex v = (DeepPotVertex) config;
            kernel = KernelCache.get(v.getModelYaml() + (v.isMixedPrecision() ? "#mixed" : ""),
                    () -> new DeepPotKernel(v.model(), v.isMixedPrecision()));
        }
        return kernel;
    }

    /** Kernel forward: the packed prediction row [1, K] (energies nf, forces 3·natoms, virials 9·nf). */
    private INDArray kernelForward() {
        DeepPotKernel k = kernel();
        k.setParams(params);
        kernelBatch = StepBatch.ofVertexInputs(inputs, ((DeepPotVertex) config).model().ntypes());
        double[][] p = k.forward(kernelBatch);
        kernelInput = inputs[1];
        double[] row = new double[p[0].length + p[1].length + p[2].length];
        System.arraycopy(p[0], 0, row, 0, p[0].length);
        System.arraycopy(p[1], 0, row, p[0].length, p[1].length);
        System.arraycopy(p[2], 0, row, p[0].length + p[1].length, p[2].length);
        return Nd4j.create(row, new long[] {1, row.length}, 'c');
    }

    /**
     * Kernel backward from the loss layer's error (∂L/∂output divided by {@link WeightedSquaredError#VERTEX_GRADIENT_FACTOR},
     * which compensates the SameDiff vertex's doubling; multiplied back here) into the gradient view.
     */
    private void kernelBackward() {
        // the kernel keeps the state of its last forward; another vertex on this thread may have used it since
        if (kernelInput != inputs[1] || kernel().batch() != kernelBatch) kernelForward();
        int nf = (int) Math.round(inputs[0].getDouble(0, 1)), natoms = (int) Math.round(inputs[0].getDouble(0, 0));
        double[] e = epsilon.dup('c').data().asDouble();
        double[] dE = new double[nf], dF = new double[3 * natoms], dV = new double[9 * nf];
        double f = WeightedSquaredError.VERTEX_GRADIENT_FACTOR;
        for (int i = 0; i < nf; i++) dE[i] = f * e[i];
        for (int i = 0; i < dF.length; i++) dF[i] = f * e[nf + i];
        for (int i = 0; i < dV.length; i++) dV[i] = f * e[nf + dF.length + i];
        kernel().backwardInPlace(dE, dF, dV);
        if (paramKeys == null) {
            Map<String, INDArray> ps = DeepPotOps.parameters(((DeepPotVertex) config).model());
            paramKeys = ps.keySet().stream().map(DeepPotVertex::key).toList();
        }
        int o = 0;
        for (String key : paramKeys) { // the kernel's flat layout is DeepPotOps.parameters' order, each C-order
            INDArray view = gradTable.get(key);
            kernel.gradientInto(o, view);
            o += (int) view.length();
        }
    }

    private Map<String, INDArray> placeholders() {
        config.validateInput(inputs);
        List<String> names = config.getVertexParams().getInputs();
        Map<String, INDArray> ph = new HashMap<>();
        for (int i = 0; i < inputs.length; i++) ph.put(names.get(i), inputs[i]);
        return ph;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray result;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (useKernel()) return workspaceMgr.dup(ArrayType.ACTIVATIONS, kernelForward());
            if (sameDiff == null) doInit();
            Map<String, INDArray> ph = placeholders();
            StepArena arena = StepArena.install(sameDiff);
            INDArray out = sameDiff.outputSingle(ph, outputKey);
            result = out.dup();
            arena.endStep();
            sameDiff.clearPlaceholders(true);
            sameDiff.clearOpInputs();
        }
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, result);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        Gradient g = new DefaultGradient();
        INDArray[] dLdIns = new INDArray[inputs.length];
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (useKernel()) {
                kernelBackward();
                for (String s : paramTable.keySet()) g.gradientForVariable().put(s, gradTable.get(s));
            } else {
                sameDiffBackward(g);
            }
            for (int i = 0; i < inputs.length; i++) dLdIns[i] = Nd4j.zeros(inputs[i].dataType(), inputs[i].shape());
        }
        for (int i = 0; i < dLdIns.length; i++) dLdIns[i] = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, dLdIns[i]);
        return new Pair<>(g, dLdIns);
    }

    /** ∂L/∂θ by the SameDiff graph's gradient function (arena-backed), into the gradient views and {@code g}. */
    private void sameDiffBackward(Gradient g) {
        if (sameDiff == null) doInit();
        Map<String, INDArray> ph = placeholders();
        ph.put(fn.getGradPlaceholderName(), epsilon);
        if (!sameDiff.hasGradientFunction()) sameDiff.createGradFunction();
        SameDiff gradFn = sameDiff.getFunction("grad");
        StepArena arena = StepArena.install(gradFn);
        Map<String, INDArray> grads = sameDiff.calculateGradients(ph, paramTable.keySet());
        for (String s : paramTable.keySet()) {
            INDArray sdGrad = grads.get(s);
            INDArray dl4jGrad = gradTable.get(s);
            dl4jGrad.assign(sdGrad);
            g.gradientForVariable().put(s, dl4jGrad);
        }
        arena.endStep();
        sameDiff.clearPlaceholders(true);
        sameDiff.clearOpInputs();
    }
}
