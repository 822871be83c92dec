package org.dpspark.model;

import java.util.Arrays;
import java.util.List;

/**
 * Hyper-parameters and weights of DeePMD-kit's radial-only descriptor se_e2_r ({@code DescrptSeR},
 * deepmd/dpmodel/descriptor/se_r.py and deepmd/tf/descriptor/se_r.py; serialized as
 * {@code "@class": "Descriptor", "type": "se_r"}). T = ntypes = sel.length, N = nnei = Σ sel, M = neuron[last].
 *
 * <p>Per centre atom i of type t_i, with the radial environment column s_j = w(r_ij)/r_ij of every slot (padding:
 * s = 0) normalised as s̃_j = (s_j − davg[t_i][j]) / dstd[t_i][j]:
 * <pre>  D_i = (1/5) · (1/N) Σ_{j &lt; N} G_{t_i,t_j}(s̃_j)        (M values)</pre>
 * the mean of the embedding over all N slots, padding included (as DeePMD-kit's {@code reduce_mean} /
 * {@code mean · sel/nnei}), times DeePMD-kit's fixed {@code res_rescale = 1/5}. There is no axis matrix: D is
 * invariant by construction.
 *
 * @param rcut r_c, Å
 * @param rcutSmth r_s, Å
 * @param sel slots per neighbour type (T)
 * @param neuron embedding widths (M = last)
 * @param typeOneSide one embedding net per neighbour type (true) or per (centre, neighbour) pair (false)
 * @param resnetDt embedding layers carry timesteps (idt)
 * @param activation DeePMD activation name of the embedding nets
 * @param precision "float64" or "float32"
 * @param setDavgZero DeePMD training option, kept for export
 * @param trainable DeePMD training option, kept for export
 * @param davg shift, T×N×1 row-major (Å⁻¹), indexed by the centre type
 * @param dstd scale, T×N×1 row-major (Å⁻¹), indexed by the centre type
 * @param embeddings T nets (typeOneSide; index = neighbour type) or T² nets in DeePMD's {@code NetworkCollection}
 *        order: index = centreType + neighbourType·T (see {@link #embedding})
 */
public record SeRDescriptor(double rcut, double rcutSmth, int[] sel, int[] neuron, boolean typeOneSide,
        boolean resnetDt, String activation, String precision, boolean setDavgZero, boolean trainable, double[] davg,
        double[] dstd, List<DenseNet> embeddings) implements Descriptor {

    /** DeePMD-kit's fixed output scale of se_e2_r ({@code res_rescale}). */
    public static final double RES_RESCALE = 1.0 / 5.0;

    public SeRDescriptor {
        embeddings = List.copyOf(embeddings);
        SeEmbeddingChecks.check(rcut, rcutSmth, sel, neuron, typeOneSide, activation, davg, dstd, 1, embeddings);
    }

    /** DeePMD-kit's canonical type string (it also accepts, and serializes as, {@code se_r}). */
    @Override
    public String type() { return "se_e2_r"; }

    @Override
    public int ntypes() { return sel.length; }

    /** N = Σ sel. */
    @Override
    public int nnei() { return Arrays.stream(sel).sum(); }

    /** M, the descriptor length per atom. */
    @Override
    public int dimOut() { return neuron[neuron.length - 1]; }

    /**
     * The net applied to a neighbour of type {@code neighbourType} around a centre of type {@code centreType}.
     * See {@link SeEmbeddingChecks#netIndex}.
     */
    public DenseNet embedding(int centreType, int neighbourType) {
        return embeddings.get(SeEmbeddingChecks.netIndex(typeOneSide, ntypes(), centreType, neighbourType));
    }
}
