package org.dpspark.train.graph;

import static org.dpspark.train.graph.GraphNames.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.SeADescriptor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Deep Potential se_e2_a + energy model as one SameDiff graph in double precision, with forces and virials derived
 * from the energy by explicit derivative ops, so that first-order autodiff of the loss trains energies, forces and
 * virials (docs/stack.md#nd4j-openblas-and-native-memory, "SameDiff limits";
 * docs/physics.md#forces-and-virial-of-the-model).
 *
 * <p>The model ops are {@link DeepPotOps}; this class adds placeholders and the loss.
 *
 * Loss (docs/physics.md#loss-and-schedules): p_e Σ_f w_e,f (E_f − E*_f)² + p_f Σ_k w_f,k |F_k − F*_k|²
 * + p_v Σ_f w_v,f |Ξ_f − Ξ*_f|², the weights carrying 1/N², 1/(3N), 1/(9N²) and 1/nframes (see {@link BatchBuilder}).
 *
 * <p>Not thread-safe (SameDiff sessions); one graph per thread.
 */
public final class DeepPotGraph {
    private final SameDiff sd;
    private final int ntypes;
    private final List<String> trainable = new ArrayList<>();
    private final long[] paramSizes;
    private final long paramCount;

    /** Builds the graph with the architecture and weights of {@code model}. */
    public DeepPotGraph(DeepPotModel model) {
        if (model.fitting().hasParams()) {
            throw new org.dpspark.model.UnsupportedModelException("the SameDiff graph has no frame/atomic parameter inputs"
                    + " (numb_fparam/numb_aparam): use train.compute = kernel");
        }
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        SeADescriptor d = model.seA();
        ntypes = model.ntypes();
        int nnei = d.nnei();
        sd = SameDiff.create();
        SDVariable natoms = sd.placeHolder(NATOMS, DataType.INT);
        SDVariable nframes = sd.placeHolder(NFRAMES, DataType.INT);
        List<DeepPotOps.TypeInputs> in = new ArrayList<>();
        for (int t = 0; t < ntypes; t++) {
            in.add(new DeepPotOps.TypeInputs(sd.placeHolder(env(t), DataType.DOUBLE, -1, nnei, 4),
                    sd.placeHolder(deriv(t), DataType.DOUBLE, -1, 4, 3), sd.placeHolder(rij(t), DataType.DOUBLE, -1, nnei, 3),
                    sd.placeHolder(neighbour(t), DataType.INT, -1), sd.placeHolder(centre(t), DataType.INT, -1),
                    sd.placeHolder(frameOf(t), DataType.INT, -1), sd.placeHolder(mask(t), DataType.DOUBLE, -1, 1)));
        }
        for (Map.Entry<String, INDArray> p : DeepPotOps.parameters(model).entrySet()) {
            sd.var(p.getKey(), p.getValue());
            trainable.add(p.getKey());
        }
        DeepPotOps.Outputs o = DeepPotOps.define(sd, model, in, natoms, nframes, sd::getVariable,
                t -> sd.var(bias(t), Nd4j.createFromArray(model.fitting().biasAtomE()[t] + model.outBias()[t])));
        SDVariable energy = o.energy(), force = o.force(), virial = o.virial();
        // ---- loss
        SDVariable eLab = sd.placeHolder(ENERGY_LABEL, DataType.DOUBLE, -1);
        SDVariable fLab = sd.placeHolder(FORCE_LABEL, DataType.DOUBLE, -1, 3);
        SDVariable vLab = sd.placeHolder(VIRIAL_LABEL, DataType.DOUBLE, -1, 9);
        SDVariable we = sd.placeHolder(ENERGY_WEIGHT, DataType.DOUBLE, -1);
        SDVariable wf = sd.placeHolder(FORCE_WEIGHT, DataType.DOUBLE, -1, 1);
        SDVariable wv = sd.placeHolder(VIRIAL_WEIGHT, DataType.DOUBLE, -1, 1);
        SDVariable pe = sd.placeHolder(PREF_E, DataType.DOUBLE, 1);
        SDVariable pf = sd.placeHolder(PREF_F, DataType.DOUBLE, 1);
        SDVariable pv = sd.placeHolder(PREF_V, DataType.DOUBLE, 1);
        SDVariable le = sd.math().square(energy.sub(eLab)).mul(we).sum(LOSS_E, false);
        SDVariable lf = sd.math().square(force.sub(fLab)).mul(wf).sum(LOSS_F, false);
        SDVariable lv = sd.math().square(virial.sub(vLab)).mul(wv).sum(LOSS_V, false);
        SDVariable loss = pe.mul(le).add(pf.mul(lf)).add(pv.mul(lv));
        loss.rename(LOSS);
        sd.setLossVariables(LOSS);

        // build the gradient function now, with SameDiff M2.1's per-op "Added differentiated op" prints kept out of
        // stdout by a filter installed once per JVM (swapping System.out here raced between concurrent Spark tasks)
        QuietStdout.install();
        sd.createGradFunction();
        paramSizes = new long[trainable.size()];
        long total = 0;
        for (int p = 0; p < paramSizes.length; p++) {
            paramSizes[p] = sd.getVariable(trainable.get(p)).getArr().length();
            total += paramSizes[p];
        }
        paramCount = total;
    }

    public SameDiff sameDiff() { return sd; }

    public int ntypes() { return ntypes; }

    /** Names of the trainable variables, in the order of {@link #flatParams()}. */
    public List<String> trainable() { return Collections.unmodifiableList(trainable); }

    /** Number of trainable scalars. */
    public long paramCount() { return paramCount; }

    /** All trainable values concatenated (each variable C-order), in {@link #trainable()} order. */
    public double[] flatParams() {
        double[] out = new double[(int) paramCount];
        int o = 0;
        for (String name : trainable) {
            double[] v = sd.getVariable(name).getArr().dup('c').data().asDouble();
            System.arraycopy(v, 0, out, o, v.length);
            o += v.length;
        }
        return out;
    }

    /** Sets all trainable values from a flat vector laid out as {@link #flatParams()}. */
    public void setFlatParams(double[] flat) {
        if (flat.length != paramCount) throw new IllegalArgumentException("need " + paramCount + " parameters, got " + flat.length);
        int o = 0;
        for (int p = 0; p < paramSizes.length; p++) {
            INDArray arr = sd.getVariable(trainable.get(p)).getArr();
            double[] part = new double[(int) paramSizes[p]];
            System.arraycopy(flat, o, part, 0, part.length);
            arr.assign(Nd4j.create(part, arr.shape(), 'c'));
            o += part.length;
        }
    }

    /** Sets the per-type constant energy shifts (bias_atom_e + out_bias), eV. */
    public void setBias(double[] perType) {
        for (int t = 0; t < ntypes; t++) sd.getVariable(bias(t)).getArr().assign(perType[t]);
    }

    /** Evaluates the named outputs. */
    public Map<String, INDArray> output(Map<String, INDArray> placeholders, String... outputs) {
        return sd.output(placeholders, outputs);
    }

    /** ∂loss/∂θ for all trainable variables, flattened as {@link #flatParams()}. */
    public double[] gradient(Map<String, INDArray> placeholders) {
        return gradient(placeholders, new double[4]);
    }

    /**
     * ∂loss/∂θ (flattened as {@link #flatParams()}) and, in the same pass, the loss terms
     * {@code lossOut = {loss, loss_e, loss_f, loss_v}}.
     */
    public double[] gradient(Map<String, INDArray> placeholders, double[] lossOut) {
        StepArena arena = StepArena.install(sd.getFunction("grad"));
        org.nd4j.autodiff.samediff.api.OutAndGrad og = sd.calculateGradientsAndOutputs(placeholders,
                List.of(LOSS, LOSS_E, LOSS_F, LOSS_V), trainable);
        Map<String, INDArray> outs = og.getOutputs();
        lossOut[0] = outs.get(LOSS).getDouble(0);
        lossOut[1] = outs.get(LOSS_E).getDouble(0);
        lossOut[2] = outs.get(LOSS_F).getDouble(0);
        lossOut[3] = outs.get(LOSS_V).getDouble(0);
        Map<String, INDArray> grads = og.getGradients();
        double[] out = new double[(int) paramCount];
        int o = 0;
        for (String name : trainable) {
            INDArray gArr = grads.get(name);
            if (gArr == null) throw new IllegalStateException("no gradient for " + name);
            double[] v = gArr.dup('c').data().asDouble();
            System.arraycopy(v, 0, out, o, v.length);
            o += v.length;
        }
        arena.endStep(); // everything of the step is copied out
        return out;
    }
}
