package org.dpspark.train.dl4j;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.dpspark.model.DeepPotModel;
import org.dpspark.train.data.ModelBytes;
import org.dpspark.train.graph.DeepPotOps;
import org.dpspark.train.graph.GraphNames;
import org.dpspark.train.graph.QuietStdout;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The whole se_e2_a + energy model ({@link DeepPotOps}) as one DL4J {@link SameDiffVertex}, so that a
 * {@code ComputationGraph} (and dl4j-spark's {@code SparkComputationGraph}) trains it. The vertex carries the model's
 * DeePMD-kit YAML (architecture, davg/dstd, per-type energy shift, initial weights) as a string, so its JSON
 * configuration travels to executors on its own.
 *
 * <p>Inputs ({@link #inputNames}; DL4J hands them over as 2-d floating arrays, indices as doubles):
 * {@code header} [1, 2] = (natoms, nframes); then per centre type t: env [A_t, N·4], deriv [A_t·N, 12], rij [A_t, N·3]
 * (Å), nbr [A_t·N, 1], ctr [A_t, 1], frame [A_t, 1], mask [A_t, 1] (see {@link org.dpspark.train.graph.GraphNames}).
 * Output: the packed prediction row [1, K], K = nf + 3·natoms + 9·nf: energies (eV), forces (eV/Å, atom-major),
 * virials (eV, row-major 3×3), in the order of {@link DeepPotBatch}'s labels.
 */
public class DeepPotVertex extends SameDiffVertex {
    private String modelYaml;
    private boolean kernel = true;
    private boolean mixedPrecision;
    private transient DeepPotModel model;

    /** For JSON. */
    public DeepPotVertex() {}

    public DeepPotVertex(DeepPotModel model) {
        if (model.fitting().hasParams()) {
            throw new org.dpspark.model.UnsupportedModelException("the DL4J vertex has no frame/atomic parameter inputs"
                    + " (numb_fparam/numb_aparam): use train.parallel.engine = rdd");
        }
        this.modelYaml = new String(ModelBytes.of(model), StandardCharsets.UTF_8);
        this.model = model;
    }

    public String getModelYaml() { return modelYaml; }

    /**
     * Whether the runtime vertex computes the step with the hand-written {@code DeepPotKernel} (true, the default of
     * {@code train.compute}) or with the SameDiff ops of {@link #defineVertex}.
     */
    public boolean isKernel() { return kernel; }

    public void setKernel(boolean kernel) { this.kernel = kernel; }

    /** Whether the kernel runs its nets in float32 ({@code train.precision = mixed}; kernel only). */
    public boolean isMixedPrecision() { return mixedPrecision; }

    public void setMixedPrecision(boolean mixedPrecision) { this.mixedPrecision = mixedPrecision; }

    public void setModelYaml(String yaml) {
        this.modelYaml = yaml;
        this.model = null;
    }

    /** The model the vertex was built from (architecture and initial weights). */
    public DeepPotModel model() {
        if (model == null) model = ModelBytes.model(modelYaml.getBytes(StandardCharsets.UTF_8));
        return model;
    }

    /**
     * Name of the extra input from {@link DeepPotNetwork}'s frozen guard layer (DL4J's ComputationGraph.fit does
     * nothing when no layer holds parameters); it enters the output with weight 0.
     */
    public static final String GUARD = "guard";

    /** Names of the network inputs in order, for a model with {@code ntypes} types. */
    public static List<String> inputNames(int ntypes) {
        List<String> n = new ArrayList<>();
        n.add("header");
        for (int t = 0; t < ntypes; t++) {
            n.addAll(List.of(GraphNames.env(t), GraphNames.deriv(t), GraphNames.rij(t), GraphNames.neighbour(t),
                    GraphNames.centre(t), GraphNames.frameOf(t), GraphNames.mask(t)));
        }
        return n;
    }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        List<String> in = new ArrayList<>(inputNames(model().ntypes()));
        in.add(GUARD);
        params.defineInputs(in.toArray(new String[0]));
        for (Map.Entry<String, INDArray> p : DeepPotOps.parameters(model()).entrySet()) {
            params.addWeightParam(key(p.getKey()), p.getValue().shape());
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        for (Map.Entry<String, INDArray> p : DeepPotOps.parameters(model()).entrySet()) params.get(key(p.getKey())).assign(p.getValue());
    }

    @Override
    public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> in, Map<String, SDVariable> params,
            Map<String, SDVariable> masks) {
        QuietStdout.install();
        DeepPotModel m = model();
        int nnei = m.descriptor().nnei();
        SDVariable header = sd.castTo(in.get("header"), DataType.INT);
        SDVariable natoms = sd.reshape(header.get(org.nd4j.autodiff.samediff.SDIndex.point(0),
                org.nd4j.autodiff.samediff.SDIndex.point(0)), new long[0]);
        SDVariable nframes = sd.reshape(header.get(org.nd4j.autodiff.samediff.SDIndex.point(0),
                org.nd4j.autodiff.samediff.SDIndex.point(1)), new long[0]);
        List<DeepPotOps.TypeInputs> types = new ArrayList<>();
        for (int t = 0; t < m.ntypes(); t++) {
            types.add(new DeepPotOps.TypeInputs(sd.reshape(in.get(GraphNames.env(t)), -1, nnei, 4),
                    sd.reshape(in.get(GraphNames.deriv(t)), -1, 4, 3), sd.reshape(in.get(GraphNames.rij(t)), -1, nnei, 3),
                    index(sd, in.get(GraphNames.neighbour(t))), index(sd, in.get(GraphNames.centre(t))),
                    index(sd, in.get(GraphNames.frameOf(t))), in.get(GraphNames.mask(t))));
        }
        double[] shift = new double[m.ntypes()];
        for (int t = 0; t < shift.length; t++) shift[t] = m.fitting().biasAtomE()[t] + m.outBias()[t];
        DeepPotOps.Outputs o = DeepPotOps.define(sd, m, types, natoms, nframes, n -> params.get(key(n)),
                t -> sd.constant(GraphNames.bias(t), Nd4j.createFromArray(shift[t])));
        SDVariable out = sd.concat(0, sd.reshape(o.energy(), -1, 1), sd.reshape(o.force(), -1, 1), sd.reshape(o.virial(), -1, 1));
        // DL4J's stock SameDiffGraphVertex asks SameDiff for ∂L/∂input of every vertex input; the integer-valued inputs
        // (header, indices) reach the output only through casts, which have no gradient: a zero-weighted sum gives them
        // an (all-zero) one. (DeepPotGraphVertex, the runtime vertex now, asks for ∂L/∂θ only; the sums cost nothing.)
        SDVariable zero = sd.sum(in.get("header")).mul(0.0).add(sd.sum(in.get(GUARD)).mul(0.0));
        for (int t = 0; t < m.ntypes(); t++) {
            for (String n : List.of(GraphNames.neighbour(t), GraphNames.centre(t), GraphNames.frameOf(t))) {
                zero = zero.add(sd.sum(in.get(n)).mul(0.0));
            }
        }
        return sd.reshape(out.add(zero), 1, -1);
    }

    /**
     * DL4J key of a parameter: its {@link GraphNames} name with 'x' for '_' (DL4J's updater splits "vertex_param"
     * gradient keys at the last '_'; no name of ours contains an 'x').
     */
    public static String key(String graphName) { return graphName.replace('_', 'x'); }

    private static SDVariable index(SameDiff sd, SDVariable column) {
        return sd.reshape(sd.castTo(column, DataType.INT), -1);
    }

    /** The runtime vertex: {@link DeepPotGraphVertex} (kernel, or arena-backed SameDiff passes; ∂L/∂θ only). */
    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(org.deeplearning4j.nn.graph.ComputationGraph graph,
            String name, int idx, INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        setName(name);
        return new DeepPotGraphVertex(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
    }

    @Override
    public char paramReshapeOrder(String param) { return 'c'; }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) { return InputType.feedForward(1); }

    @Override
    public GraphVertex clone() {
        DeepPotVertex v = new DeepPotVertex();
        v.modelYaml = modelYaml;
        v.kernel = kernel;
        v.mixedPrecision = mixedPrecision;
        v.model = model;
        v.setUpdater(getUpdater() == null ? null : getUpdater().clone());
        v.setDataType(getDataType());
        v.setName(getName());
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeepPotVertex v && Objects.equals(modelYaml, v.modelYaml) && kernel == v.kernel
                && mixedPrecision == v.mixedPrecision
                && Objects.equals(getUpdater(), v.getUpdater());
    }

    @Override
    public int hashCode() { return Objects.hash(modelYaml); }
}
