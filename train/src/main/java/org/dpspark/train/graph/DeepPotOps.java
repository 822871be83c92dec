package org.dpspark.train.graph;

import static org.dpspark.train.graph.GraphNames.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DenseNet;
import org.dpspark.model.SeADescriptor;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The se_e2_a + energy model as SameDiff ops over given variables: used by {@link DeepPotGraph} (own SameDiff,
 * placeholders) and by {@link DeepPotVertex} (the graph vertex that DL4J's ComputationGraph and dl4j-spark train).
 *
 * <p>Per centre type t (A_t atoms of the batch, N = Σ sel slots, M = neuron[last], M&lt; = axis_neuron), exactly as
 * {@code org.dpspark.model.eval.DeepPotEvaluator} and DeePMD-kit:
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
 * Trainable parameters: every embedding and fitting layer's w, b, idt, named by {@link GraphNames}, in the order of
 * {@link #parameters}. The per-type energy shift (bias_atom_e + out_bias) is not trained (as in DeePMD-kit).
 */
public final class DeepPotOps {
    private DeepPotOps() {}

    /** Inputs of the type-t centres (shapes as in {@link GraphNames}; indices int). */
    public record TypeInputs(SDVariable env, SDVariable deriv, SDVariable rij, SDVariable nbr, SDVariable ctr,
            SDVariable frame, SDVariable mask) {}

    /** Outputs: energy (nf), force (natoms×3), virial (nf×9). */
    public record Outputs(SDVariable energy, SDVariable force, SDVariable virial) {}

    /** Trainable parameters of {@code model} with their values, in graph order (each C-order, shape of the layer). */
    public static Map<String, INDArray> parameters(DeepPotModel model) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        NetOps.VarFactory rec = (name, init) -> {
            out.put(name, init);
            return null;
        };
        nets(model, rec);
        return out;
    }

    private static List<List<NetOps.LayerVars>>[] nets(DeepPotModel model, NetOps.VarFactory vars) {
        SeADescriptor d = model.seA();
        List<List<NetOps.LayerVars>> emb = new ArrayList<>();
        for (int k = 0; k < d.embeddings().size(); k++) {
            int kk = k;
            emb.add(NetOps.variables(d.embeddings().get(k), (l, w) -> embedding(kk, l, w), vars));
        }
        List<List<NetOps.LayerVars>> fit = new ArrayList<>();
        for (int t = 0; t < model.ntypes(); t++) {
            int tt = t;
            DenseNet net = model.fitting().nets().get(t);
            fit.add(NetOps.variables(net, (l, w) -> fitting(tt, l, w), vars));
        }
        @SuppressWarnings("unchecked")
        List<List<NetOps.LayerVars>>[] r = new List[] {emb, fit};
        return r;
    }

    /**
     * Defines energy, force and virial.
     *
     * @param weights the variable of each trainable parameter, by name (shape as in {@link #parameters})
     * @param bias the per-type energy shift variable or constant (shape [1])
     * @param natoms number of atoms of the batch (int scalar), nframes number of frames (int scalar)
     */
    public static Outputs define(SameDiff sd, DeepPotModel model, List<TypeInputs> in, SDVariable natoms, SDVariable nframes,
            Function<String, SDVariable> weights, IntFunction<SDVariable> bias) {
        SeADescriptor d = model.seA();
        int ntypes = model.ntypes();
        int nnei = d.nnei();
        int m = d.embeddingWidth();
        int axis = d.axisNeuron();
        int[] sel = d.sel();
        List<List<NetOps.LayerVars>>[] nets = nets(model, (name, init) -> weights.apply(name));
        List<List<NetOps.LayerVars>> emb = nets[0], fit = nets[1];
        // pad matrix M<→M (identity on the first M< columns) and the unit vector of the s column
        INDArray pad = Nd4j.zeros(DataType.DOUBLE, axis, m);
        for (int b = 0; b < axis; b++) pad.putScalar(b, b, 1.0);
        SDVariable padM = sd.constant("pad_axis", pad);
        SDVariable e0 = sd.constant("unit_s", Nd4j.createFromArray(1.0, 0.0, 0.0, 0.0));

        List<SDVariable> atomE = new ArrayList<>(), frameIdx = new ArrayList<>();
        List<SDVariable> forceRows = new ArrayList<>(), forceIdx = new ArrayList<>();
        List<SDVariable> virRows = new ArrayList<>();
        for (int t = 0; t < ntypes; t++) {
            TypeInputs x = in.get(t);
            SDVariable env = x.env();
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
            SDVariable e = sd.identity(atomEnergy(t), out[0].add(bias.apply(t)));                 // A×1
            atomE.add(e.mul(x.mask()));
            frameIdx.add(x.frame());
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
            SDVariable g = sd.reshape(dEdR, -1, 4, 1).mul(x.deriv()).sum(false, 1);               // (A·N)×3
            SDVariable g3 = sd.reshape(g, -1, nnei, 3);                                           // A×N×3
            forceRows.add(g3.sum(false, 1));
            forceIdx.add(x.ctr());
            forceRows.add(g.neg());
            forceIdx.add(x.nbr());
            virRows.add(sd.reshape(sd.mmul(g3, x.rij(), true, false, false), -1, 9));             // A×9 (Σ g_α r_β)
        }
        SDVariable allFr = sd.concat(0, frameIdx.toArray(new SDVariable[0]));
        SDVariable energy = sd.reshape(ENERGY, sd.unsortedSegmentSum(sd.concat(0, atomE.toArray(new SDVariable[0])),
                allFr, nframes), -1);
        // forces: a segment sum of the flattened rows (component c of atom i is segment 3i+c): libnd4j's
        // unsorted_segment_sum costs per row of a 2-d input whatever its width, so the flat form is a third of the 2-d
        // one; scatter_add failed the finite-difference and bit-for-bit save/load tests
        // (measurements: docs/benchmarks.md#samediff-graph-path)
        SDVariable rows = sd.reshape(sd.concat(0, forceRows.toArray(new SDVariable[0])), -1);
        SDVariable idx = sd.reshape(sd.concat(0, forceIdx.toArray(new SDVariable[0])), -1, 1);
        SDVariable idx3 = sd.reshape(idx.mul(sd.constant(Nd4j.scalar(DataType.INT, 3)))
                .add(sd.constant(Nd4j.createFromArray(new int[][] {{0, 1, 2}}))), -1);
        SDVariable force = sd.reshape(FORCE, sd.unsortedSegmentSum(rows, idx3, natoms.mul(sd.constant(Nd4j.scalar(DataType.INT, 3)))),
                -1, 3);
        SDVariable virial = sd.unsortedSegmentSum(sd.concat(0, virRows.toArray(new SDVariable[0])), allFr, nframes)
                .neg(VIRIAL);
        return new Outputs(energy, force, virial);
    }
}
