package org.dpspark.model;

/**
 * One of DPA-1's neighbour attention layers (DeePMD-kit's {@code NeighborGatedAttentionLayer} with its
 * {@code GatedAttentionLayer}, deepmd/dpmodel/descriptor/dpa1.py, one head). For the N×M embedding matrix X of one
 * centre atom (M = embed width, H = attention width):
 * <pre>
 *   [Q K V] = X·W_in + b_in                         (N×3H; {@link #inProj})
 *   Q, K, V rows divided by their norms             (normalize)
 *   L = α Q Kᵀ                                      (α = temperature, or (H·scaling_factor)^-½)
 *   smooth:  L'_jk = (L_jk + 20)·s_j s_k − 20, softmax over k, rows of padding slots zeroed, then × s_j s_k
 *   else:    padding columns −∞, softmax over k, rows of padding slots zeroed
 *   dotr:    A_jk ×= r̂_j·r̂_k
 *   O = (A V)·W_out + b_out                          (N×M; {@link #outProj})
 *   X' = LayerNorm(X + O) = (y − mean y)/√(var y + ε)·γ + β per row
 * </pre>
 * s is the switch w(r) of each slot (0 for padding), r̂ the normalised last three columns of the environment matrix.
 *
 * @param inProj M→3H linear layer (activation none)
 * @param outProj H→M linear layer (activation none)
 * @param lnWeight γ, M
 * @param lnBias β, M
 * @param lnEps ε of the layer norm
 */
public record AttentionLayer(NetLayer inProj, NetLayer outProj, double[] lnWeight, double[] lnBias, double lnEps) {

    public AttentionLayer {
        int m = inProj.nIn();
        if (inProj.nOut() % 3 != 0) throw new IllegalArgumentException("in_proj width " + inProj.nOut() + " is not 3·attn");
        int h = inProj.nOut() / 3;
        if (outProj.nIn() != h || outProj.nOut() != m) {
            throw new IllegalArgumentException("out_proj is " + outProj.nIn() + "→" + outProj.nOut() + ", expected " + h + "→" + m);
        }
        if (lnWeight.length != m || lnBias.length != m) {
            throw new IllegalArgumentException("layer norm needs " + m + " weights and biases, got " + lnWeight.length
                    + " and " + lnBias.length);
        }
        if (inProj.act() != Activation.LINEAR || outProj.act() != Activation.LINEAR || inProj.idt() != null
                || outProj.idt() != null || inProj.skip() != 0 || outProj.skip() != 0) {
            throw new IllegalArgumentException("attention projections must be plain linear layers");
        }
        if (!(lnEps >= 0)) throw new IllegalArgumentException("ln_eps must be >= 0, got " + lnEps);
    }

    /** M, the embedding width the layer maps to itself. */
    public int embedWidth() { return inProj.nIn(); }

    /** H, the width of queries, keys and values. */
    public int hiddenWidth() { return inProj.nOut() / 3; }
}
