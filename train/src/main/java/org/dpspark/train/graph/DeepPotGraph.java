package org.dpspark.train.graph;

import static org.dpspark.train.graph.GraphNames.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.dpspark.featurize.dpmodel.DeepPotModel;
import org.dpspark.featurize.dpmodel.SeADescriptor;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Deep Potential se_e2_a + energy model as one SameDiff graph in double precision, with forces and virials
 * derived from the energy by explicit derivative ops, so that first-order autodiff of the loss trains energies,
 * forces and virials (ARCHITECTURE.md, "Forces and SameDiff").
 *
 * <p>Per centre type t (A_t atoms of the batch, N = Σ sel slots, M = neuron[last], M&lt; = axis_neuron), exactly as
 * {@code org.dpspark.simulate.dp.DeepPotEvaluator} and DeePMD-kit:
 * <pre>
 *   G_s = N_e(s̃_s), dG_s/ds̃ (forward mode)                   A_t×N×M each (net per neighbour type, or per pair)
 *   gr = R̃ᵀG / N                                              A_t×4×M
 *   D = grᵀ gr_&lt;                                               A_t×(M·M&lt;)
 *   E_i = N_f,t(D_i) + bias_t;  ∂E/∂D by the fitting net's reverse pass written as ops
 *   ∂E/∂gr = (gr_&lt;·∂E/∂Dᵀ + pad(gr·∂E/∂D)) / N
 *   ∂E/∂R̃ = G·(∂E/∂gr)ᵀ + e₀ ⊗ Σ_a (R̃·∂E/∂gr)_a (dG/ds̃)_a
 *   g_s = ∂E/∂r_ij = Σ_c ∂E/∂R̃_c ∂R̃_c/∂r_ij                   (A_t·N)×3
 *   F_i += Σ_s g_s,  F_j −= g_s  (segment sums over batch atoms);   Ξ_f = −Σ_s g_s ⊗ r_ij  (per frame)
 * </pre>
 * Loss (PHYSICS.md): p_e Σ_f w_e,f (E_f − E*_f)² + p_f Σ_k w_f,k |F_k − F*_k|² + p_v Σ_f w_v,f |Ξ_f − Ξ*_f|², the
 * weights carrying 1/N², 1/(3N), 1/(9N²) and 1/nframes (see {@link BatchBuilder}).
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
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        SeADescriptor d = model.descriptor();
        ntypes = model.ntypes();
        int nnei = d.nnei();
        int m = d.embeddingWidth();
        int axis = d.axisNeuron();
        int[] sel = d.sel();
        sd = SameDiff.create();

        List<List<NetOps.LayerVars>> emb = new ArrayList<>();
        for (int k = 0; k < d.embeddings().size(); k++) {
            int kk = k;
            emb.add(NetOps.variables(sd, d.embeddings().get(k), (l, w) -> embedding(kk, l, w), trainable));
        }
        List<List<NetOps.LayerVars>> fit = new ArrayList<>();
        for (int t = 0; t < ntypes; t++) {
            int tt = t;
            fit.add(NetOps.variables(sd, model.fitting().nets().get(t), (l, w) -> fitting(tt, l, w), trainable));
        }
        // pad matrix M<→M (identity on the first M< columns) and the unit vector of the s column
        INDArray pad = Nd4j.zeros(DataType.DOUBLE, axis, m);
        for (int b = 0; b < axis; b++) pad.putScalar(b, b, 1.0);
        SDVariable padM = sd.constant("pad_axis", pad);
        SDVariable e0 = sd.constant("unit_s", Nd4j.createFromArray(1.0, 0.0, 0.0, 0.0));
        SDVariable natoms = sd.placeHolder(NATOMS, DataType.INT);
        SDVariable nframes = sd.placeHolder(NFRAMES, DataType.INT);

        List<SDVariable> atomE = new ArrayList<>(), frameIdx = new ArrayList<>();
        List<SDVariable> forceRows = new ArrayList<>(), forceIdx = new ArrayList<>();
        List<SDVariable> virRows = new ArrayList<>();
        for (int t = 0; t < ntypes; t++) {
            SDVariable env = sd.placeHolder(env(t), DataType.DOUBLE, -1, nnei, 4);
            SDVariable deriv = sd.placeHolder(deriv(t), DataType.DOUBLE, -1, 4, 3);
            SDVariable rij = sd.placeHolder(rij(t), DataType.DOUBLE, -1, nnei, 3);
            SDVariable nbr = sd.placeHolder(neighbour(t), DataType.INT, -1);
            SDVariable ctr = sd.placeHolder(centre(t), DataType.INT, -1);
            SDVariable fr = sd.placeHolder(frameOf(t), DataType.INT, -1);
            SDVariable mask = sd.placeHolder(mask(t), DataType.DOUBLE, -1, 1);
            // ---- embedding per neighbour-type block of slots
            List<SDVariable> gParts = new ArrayList<>(), dgParts = new ArrayList<>();
            int off = 0;
            for (int j = 0; j < ntypes; j++) {
                if (sel[j] == 0) continue;
                SDVariable s = env.get(SDIndex.all(), SDIndex.interval(off, off + sel[j]), SDIndex.interval(0, 1));
                s = sd.reshape(s, -1, 1);
                int k = d.typeOneSide() ? j : t + j * ntypes;
                SDVariable[] g = NetOps.embeddingWithDerivative(sd, emb.get(k), s);
                gParts.add(sd.reshape(g[0], -1, sel[j], m));
                dgParts.add(sd.reshape(g[1], -1, sel[j], m));
                off += sel[j];
            }
            SDVariable gMat = gParts.size() == 1 ? gParts.get(0) : sd.concat(1, gParts.toArray(new SDVariable[0]));
            SDVariable dgMat = dgParts.size() == 1 ? dgParts.get(0) : sd.concat(1, dgParts.toArray(new SDVariable[0]));
            // ---- descriptor
            SDVariable gr = sd.mmul(env, gMat, true, false, false).mul(1.0 / nnei);               // A×4×M
            SDVariable grA = gr.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0, axis));    // A×4×M<
            SDVariable desc = sd.reshape(sd.mmul(gr, grA, true, false, false), -1, m * axis);    // A×(M·M<)
            // ---- fitting and atomic energy
            SDVariable[] out = new SDVariable[1];
            List<NetOps.LayerState> states = NetOps.forward(sd, fit.get(t), desc, out);
            SDVariable bias = sd.var(bias(t), Nd4j.createFromArray(model.fitting().biasAtomE()[t] + model.outBias()[t]));
            SDVariable e = sd.identity(atomEnergy(t), out[0].add(bias));                            // A×1
            atomE.add(e.mul(mask));
            frameIdx.add(fr);
            // ---- ∂E/∂D by the fitting net's reverse pass, then ∂E/∂gr
            SDVariable dD = NetOps.backward(sd, states, sd.onesLike(e));
            dD = sd.reshape(dD, -1, m, axis);                                                     // A×M×M<
            SDVariable t1 = sd.mmul(grA, dD, false, true, false);                                 // A×4×M
            SDVariable t2 = sd.reshape(sd.mmul(sd.reshape(sd.mmul(gr, dD), -1, axis), padM), -1, 4, m);
            SDVariable dgr = t1.add(t2).mul(1.0 / nnei);                                          // A×4×M
            // ---- ∂E/∂R̃: direct term + through the embedding input s̃ (column 0)
            SDVariable dEdR = sd.mmul(gMat, dgr, false, true, false);                            // A×N×4
            SDVariable dEdG = sd.mmul(env, dgr);                                                  // A×N×M
            SDVariable ds = dEdG.mul(dgMat).sum(true, 2);                                         // A×N×1
            dEdR = dEdR.add(ds.mul(e0));
            // ---- per-slot g = ∂E/∂r_ij, forces, virial
            SDVariable g = sd.reshape(dEdR, -1, 4, 1).mul(deriv).sum(false, 1);                   // (A·N)×3
            SDVariable g3 = sd.reshape(g, -1, nnei, 3);                                           // A×N×3
            forceRows.add(g3.sum(false, 1));
            forceIdx.add(ctr);
            forceRows.add(g.neg());
            forceIdx.add(nbr);
            virRows.add(sd.reshape(sd.mmul(g3, rij, true, false, false), -1, 9));                 // A×9 (Σ g_α r_β)
        }
        SDVariable allFr = sd.concat(0, frameIdx.toArray(new SDVariable[0]));
        SDVariable energy = sd.reshape(ENERGY, sd.unsortedSegmentSum(sd.concat(0, atomE.toArray(new SDVariable[0])),
                allFr, nframes), -1);
        SDVariable force = sd.unsortedSegmentSum(FORCE, sd.concat(0, forceRows.toArray(new SDVariable[0])),
                sd.concat(0, forceIdx.toArray(new SDVariable[0])), natoms);
        SDVariable virial = sd.unsortedSegmentSum(sd.concat(0, virRows.toArray(new SDVariable[0])), allFr, nframes)
                .neg(VIRIAL);
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

        // build the gradient function now, with SameDiff M2.1's per-op "Added differentiated op" prints kept out of stdout
        java.io.PrintStream stdout = System.out;
        try {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            sd.createGradFunction();
        } finally {
            System.setOut(stdout);
        }
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
        return out;
    }
}
