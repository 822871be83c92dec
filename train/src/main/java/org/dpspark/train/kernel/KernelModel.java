package org.dpspark.train.kernel;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DenseNet;
import org.dpspark.model.NetLayer;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.SeRDescriptor;

/**
 * The se_e2_a (or se_e2_r) + energy architecture for {@link DeepPotKernel}: sizes, the nets as {@link KernelLayer} lists and the
 * layout of the flat parameter vector, which is the SameDiff graph's ({@code DeepPotOps.parameters}): every
 * embedding net in descriptor order, then the fitting net of each type; per layer w, b (if any), idt (if any).
 */
final class KernelModel {
    final int ntypes;
    final int[] sel;
    /** First slot of each neighbour type's block, N = Σ sel slots per atom. */
    final int[] selOffset;
    final int nnei;
    /** M (embedding output width) and M&lt; (axis neurons; 1 for se_e2_r, which has no axis matrix). */
    final int m, axis;
    /**
     * se_e2_r: D = (1/5)(1/N) Σ_slots G, M values. The kernel computes it with se_e2_a's contraction gr = R̃ᵀG/N on
     * R̃ = [s̃, 1/5, 0, 0] (the batch's radial environment, {@code BatchBuilder}): D is gr's row 1.
     */
    final boolean radial;
    /** P = numb_fparam + numb_aparam inputs appended to the descriptor, and the fitting input width M·M&lt; + P. */
    final int nParams, fin;
    final boolean typeOneSide;
    final List<List<KernelLayer>> embeddings = new ArrayList<>();
    final List<List<KernelLayer>> fittings = new ArrayList<>();
    /** Per-type constant energy shift (bias_atom_e + out_bias, not trained), eV. */
    final double[] shift;
    final int paramCount;

    KernelModel(DeepPotModel model) {
        ntypes = model.ntypes();
        List<DenseNet> embNets;
        if (model.descriptor() instanceof SeRDescriptor r) {
            radial = true;
            sel = r.sel().clone();
            m = r.dimOut();
            axis = 1;
            typeOneSide = r.typeOneSide();
            embNets = r.embeddings();
        } else {
            SeADescriptor d = model.seAWithParams();
            radial = false;
            sel = d.sel().clone();
            m = d.embeddingWidth();
            axis = d.axisNeuron();
            typeOneSide = d.typeOneSide();
            embNets = d.embeddings();
        }
        selOffset = new int[ntypes];
        int off = 0;
        for (int j = 0; j < ntypes; j++) {
            selOffset[j] = off;
            off += sel[j];
        }
        nnei = off;
        nParams = model.fitting().numbFparam() + model.fitting().numbAparam();
        fin = (radial ? m : m * axis) + nParams;
        int[] p = {0};
        for (DenseNet net : embNets) embeddings.add(layers(net, p));
        for (DenseNet net : model.fitting().nets()) fittings.add(layers(net, p));
        paramCount = p[0];
        for (List<KernelLayer> f : fittings) {
            if (f.get(0).nIn() != fin) throw new IllegalArgumentException("fitting input " + f.get(0).nIn() + " != M·M< + P = " + fin);
        }
        shift = new double[ntypes];
        for (int t = 0; t < ntypes; t++) shift[t] = model.fitting().biasAtomE()[t] + model.outBias()[t];
    }

    private static List<KernelLayer> layers(DenseNet net, int[] p) {
        List<KernelLayer> out = new ArrayList<>();
        for (NetLayer l : net.layers()) {
            int offW = p[0];
            p[0] += l.w().length;
            int offB = -1, offIdt = -1;
            if (l.b() != null) {
                offB = p[0];
                p[0] += l.b().length;
            }
            if (l.idt() != null) {
                offIdt = p[0];
                p[0] += l.idt().length;
            }
            out.add(KernelLayer.of(l, offW, offB, offIdt));
        }
        return out;
    }

    /** The embedding net for neighbours of type j around centres of type t (DeePMD-kit's index). */
    List<KernelLayer> embedding(int t, int j) {
        return embeddings.get(typeOneSide ? j : t + j * ntypes);
    }

    /** Widest layer output of the embedding nets. */
    int maxEmbeddingWidth() {
        int w = 1;
        for (List<KernelLayer> net : embeddings) for (KernelLayer l : net) w = Math.max(w, Math.max(l.nIn(), l.nOut()));
        return w;
    }

    /** Σ of the embedding layers' output widths (doubles stored per slot between the passes). */
    int embeddingActivationWidth() {
        int w = 0;
        for (KernelLayer l : embeddings.get(0)) w += l.nOut();
        return w;
    }

    /** Widest input or output of the fitting layers (≥ M·M&lt; + P). */
    int maxFittingWidth() {
        int w = fin;
        for (List<KernelLayer> net : fittings) for (KernelLayer l : net) w = Math.max(w, Math.max(l.nIn(), l.nOut()));
        return w;
    }
}
