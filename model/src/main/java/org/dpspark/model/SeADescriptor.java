package org.dpspark.model;

import java.util.Arrays;
import java.util.List;

/**
 * Hyper-parameters and weights of DeePMD-kit's se_e2_a descriptor ({@code DescrptSeA},
 * deepmd/dpmodel/descriptor/se_e2_a.py, serialized as {@code "@class": "Descriptor", "type": "se_e2_a"}).
 * T = ntypes = sel.length, N = nnei = Σ sel, M = neuron[last], M&lt; = axisNeuron.
 *
 * @param rcut r_c, Å
 * @param rcutSmth r_s, Å
 * @param sel slots per neighbour type (T)
 * @param neuron embedding widths
 * @param axisNeuron M&lt;, columns of G kept for the second factor of D
 * @param typeOneSide one embedding net per neighbour type (true) or per (centre, neighbour) pair (false)
 * @param resnetDt embedding layers carry timesteps (idt)
 * @param activation DeePMD activation name of the embedding nets
 * @param precision "float64" or "float32"
 * @param setDavgZero DeePMD training option, kept for export
 * @param trainable DeePMD training option, kept for export
 * @param davg shift, T×N×4 row-major (Å⁻¹), indexed by the centre type
 * @param dstd scale, T×N×4 row-major (Å⁻¹), indexed by the centre type
 * @param embeddings T nets (typeOneSide; index = neighbour type) or T² nets in DeePMD's
 *        {@code NetworkCollection} order: index = centreType + neighbourType·T (see {@link #embedding})
 */
public record SeADescriptor(double rcut, double rcutSmth, int[] sel, int[] neuron, int axisNeuron, boolean typeOneSide,
        boolean resnetDt, String activation, String precision, boolean setDavgZero, boolean trainable, double[] davg,
        double[] dstd, List<DenseNet> embeddings) implements Descriptor {

    public SeADescriptor {
        embeddings = List.copyOf(embeddings);
        SeEmbeddingChecks.check(rcut, rcutSmth, sel, neuron, typeOneSide, activation, davg, dstd, 4, embeddings);
        if (axisNeuron <= 0 || axisNeuron > neuron[neuron.length - 1]) {
            throw new IllegalArgumentException("axis_neuron " + axisNeuron + " must be in 1.." + neuron[neuron.length - 1]);
        }
    }

    @Override
    public String type() { return "se_e2_a"; }

    @Override
    public int ntypes() { return sel.length; }

    /** N = Σ sel. */
    public int nnei() { return Arrays.stream(sel).sum(); }

    /** M, the embedding output width. */
    public int embeddingWidth() { return neuron[neuron.length - 1]; }

    /** M·M&lt;, the descriptor length per atom. */
    public int dimOut() { return embeddingWidth() * axisNeuron; }

    /**
     * The net applied to a neighbour of type {@code neighbourType} around a centre of type {@code centreType}.
     * See {@link SeEmbeddingChecks#netIndex}.
     */
    public DenseNet embedding(int centreType, int neighbourType) {
        return embeddings.get(SeEmbeddingChecks.netIndex(typeOneSide, ntypes(), centreType, neighbourType));
    }
}
