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
import org.dpspark.train.graph.StepArena;
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
 * <p>Measured (water-example net, one 192-atom frame, one thread, JFR, 2026-11-24): the stock vertex spent ~55 % of
 * a step allocating op outputs (a fresh {@code DL4JSameDiffMemoryMgr} per call, nothing reused between steps), and
 * its backward pass differentiated w.r.t. every vertex input (the env/deriv/rij data arrays, which nothing upstream
 * needs: they are network inputs; the only layer before the vertex is the frozen guard, whose output enters with
 * weight 0). Here:
 * <ul>
 *   <li>both passes run on a {@link StepArena} per session, so the arrays of one step are reused by the next;</li>
 *   <li>the backward pass asks SameDiff for ∂L/∂θ of the parameters only; the epsilons handed back for the vertex
 *   inputs are zeros (exact for the guard input; the data inputs have no trainable layer before them).</li>
 * </ul>
 * The forward pass still runs twice per step (DL4J's loss layer needs the output before the vertex gets ∂L/∂output,
 * and SameDiff's gradient call recomputes the forward ops).
 */
public class DeepPotGraphVertex extends SameDiffGraphVertex {
    public DeepPotGraphVertex(DeepPotVertex config, ComputationGraph graph, String name, int vertexIndex, INDArray paramsView,
            boolean initParams, DataType dataType) {
        super(config, graph, name, vertexIndex, paramsView, initParams, dataType);
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
            for (int i = 0; i < inputs.length; i++) dLdIns[i] = Nd4j.zeros(inputs[i].dataType(), inputs[i].shape());
        }
        for (int i = 0; i < dLdIns.length; i++) dLdIns[i] = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, dLdIns[i]);
        return new Pair<>(g, dLdIns);
    }
}
