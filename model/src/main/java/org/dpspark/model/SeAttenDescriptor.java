package org.dpspark.model;

import java.util.Arrays;
import java.util.List;

/**
 * Hyper-parameters and weights of DeePMD-kit's DPA-1 descriptor, se_atten ({@code DescrptDPA1},
 * deepmd/dpmodel/descriptor/dpa1.py; serialized as {@code "type": "dpa1"}), and of se_atten_v2
 * ({@code DescrptSeAttenV2}, se_atten_v2.py: the same with the stripped type embedding and the smooth attention).
 * One model for any number of elements: the neighbours' types enter through a type embedding, not through one net
 * per type. T = ntypes, N = nnei = sel (one total, all types together, nearest first), M = neuron[last],
 * M&lt; = axisNeuron, d = tebdDim.
 *
 * <p>Per centre atom i: R̃ (N×4) = (R − davg[t_i])/dstd[t_i] as se_e2_a (padding rows included); the type embedding
 * τ_t = typeEmbedding(one-hot t) (d values); the embedding matrix G⁰ (N×M), row j:
 * <pre>
 *   concat:  G⁰_j = embedding([s̃_j, τ_{t_j}, τ_{t_i}])                 (τ_{t_i} only without type_one_side)
 *   strip:   G⁰_j = e_j ∘ (1 + g_j),  e_j = embedding(s̃_j),  g_j = embeddingStrip([τ_{t_j}, τ_{t_i}]) (× w(r_ij) if smooth)
 * </pre>
 * then the {@link AttentionLayer}s, G = layer_L(… layer_1(G⁰)), and as se_e2_a gr = (1/N) GᵀR̃ (M×4),
 * D = gr·gr_&lt;ᵀ (M×M&lt;), followed by τ_{t_i} when concatOutputTebd. DeePMD-kit's dense evaluation gives padding slots
 * the neighbour type of atom 0 of the frame (its neighbour list is −1 there, masked to index 0); they are constant
 * and add to energies only.
 *
 * @param rcut r_c, Å
 * @param rcutSmth r_s, Å
 * @param ntypes T
 * @param nnei N, the one total sel
 * @param neuron embedding widths
 * @param axisNeuron M&lt;
 * @param tebdDim d, the type embedding width
 * @param stripped tebd_input_mode strip (true) or concat (false)
 * @param v2 serialized as se_atten_v2 (then stripped and smooth)
 * @param resnetDt embedding layers carry timesteps
 * @param typeOneSide the centre's type embedding is not an embedding input
 * @param attn H, the attention width
 * @param attnDotr gate the attention weights by r̂_j·r̂_k
 * @param normalize normalise queries, keys and values
 * @param scalingFactor α = (H·scalingFactor)^-½ unless temperature is set
 * @param temperature α itself, or null
 * @param trainableLn DeePMD training option, kept for export
 * @param lnEps ε of the layer norms
 * @param smooth smooth_type_embedding: attention weights (and the stripped type embedding) switched by w(r)
 * @param concatOutputTebd append τ_{t_i} to D
 * @param activation DeePMD activation name of the embedding nets
 * @param precision "float64" or "float32"
 * @param setDavgZero DeePMD training option, kept for export
 * @param trainable DeePMD training option, kept for export
 * @param useTebdBias the type embedding layer has a bias
 * @param davg shift, T×N×4 row-major (Å⁻¹), indexed by the centre type
 * @param dstd scale, T×N×4 row-major (Å⁻¹)
 * @param typeEmbedding T→d net (DeePMD's TypeEmbedNet, activation linear)
 * @param embedding the embedding net (input 1 + d or 1 + 2d; strip: 1)
 * @param embeddingStrip strip: the type-pair net (input d or 2d), else null
 * @param attentionLayers the attention layers, first to last (attn_layer of them)
 */
public record SeAttenDescriptor(double rcut, double rcutSmth, int ntypes, int nnei, int[] neuron, int axisNeuron,
        int tebdDim, boolean stripped, boolean v2, boolean resnetDt, boolean typeOneSide, int attn, boolean attnDotr,
        boolean normalize, double scalingFactor, Double temperature, boolean trainableLn, double lnEps, boolean smooth,
        boolean concatOutputTebd, String activation, String precision, boolean setDavgZero, boolean trainable,
        boolean useTebdBias, double[] davg, double[] dstd, DenseNet typeEmbedding, DenseNet embedding,
        DenseNet embeddingStrip, List<AttentionLayer> attentionLayers) implements Descriptor {

    /** DeePMD-kit's shift of the smooth attention logits ({@code attnw_shift}). */
    public static final double ATTN_SHIFT = 20.0;

    public SeAttenDescriptor {
        attentionLayers = List.copyOf(attentionLayers);
        if (ntypes <= 0 || nnei <= 0) throw new IllegalArgumentException("need ntypes > 0 and sel > 0, got " + ntypes + ", " + nnei);
        if (!(rcutSmth >= 0 && rcutSmth < rcut)) {
            throw new IllegalArgumentException("need 0 <= rcut_smth < rcut, got " + rcutSmth + ", " + rcut);
        }
        if (davg.length != ntypes * nnei * 4 || dstd.length != ntypes * nnei * 4) {
            throw new IllegalArgumentException("davg/dstd need ntypes×nnei×4 = " + ntypes + "×" + nnei + "×4 values, got "
                    + davg.length + " and " + dstd.length);
        }
        if (neuron.length == 0) throw new IllegalArgumentException("embedding neuron is empty");
        int m = neuron[neuron.length - 1];
        if (axisNeuron <= 0 || axisNeuron > m) throw new IllegalArgumentException("axis_neuron " + axisNeuron + " must be in 1.." + m);
        if (v2 && !(stripped && smooth)) throw new IllegalArgumentException("se_atten_v2 is the strip mode with smooth type embedding");
        int pair = typeOneSide ? tebdDim : 2 * tebdDim;
        checkNet("type embedding", typeEmbedding, ntypes, new int[] {tebdDim});
        checkNet("embedding", embedding, stripped ? 1 : 1 + pair, neuron);
        if (stripped) checkNet("strip embedding", embeddingStrip, pair, neuron);
        else if (embeddingStrip != null) throw new IllegalArgumentException("a strip embedding net without tebd_input_mode strip");
        for (AttentionLayer l : attentionLayers) {
            if (l.embedWidth() != m || l.hiddenWidth() != attn) {
                throw new IllegalArgumentException("attention layers must map " + m + " features through attn " + attn + ", got "
                        + l.embedWidth() + " and " + l.hiddenWidth());
            }
        }
        if (temperature == null && !(scalingFactor > 0)) throw new IllegalArgumentException("scaling_factor must be > 0");
        Activation.of(activation);
    }

    private static void checkNet(String what, DenseNet n, int inDim, int[] neuron) {
        if (n == null || n.kind() != DenseNet.Kind.EMBEDDING || n.inDim() != inDim || !Arrays.equals(n.neuron(), neuron)) {
            throw new IllegalArgumentException("the " + what + " net must be an embedding net " + inDim + "→" + Arrays.toString(neuron)
                    + (n == null ? ", got none" : ", got " + n.inDim() + "→" + Arrays.toString(n.neuron())));
        }
    }

    /** se_atten, or se_atten_v2. */
    @Override
    public String type() { return v2 ? "se_atten_v2" : "se_atten"; }

    /** One total: {N}. */
    @Override
    public int[] sel() { return new int[] {nnei}; }

    /** M, the embedding width. */
    public int embeddingWidth() { return neuron[neuron.length - 1]; }

    /** M·M&lt; (+ d with concatOutputTebd). */
    @Override
    public int dimOut() { return embeddingWidth() * axisNeuron + (concatOutputTebd ? tebdDim : 0); }

    /** α, the factor of the attention logits. */
    public double attentionScale() { return temperature != null ? temperature : Math.pow(attn * scalingFactor, -0.5); }
}
