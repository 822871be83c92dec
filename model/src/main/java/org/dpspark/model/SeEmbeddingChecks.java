package org.dpspark.model;

import java.util.Arrays;
import java.util.List;

/**
 * The checks and the net lookup that se_e2_a ({@link SeADescriptor}) and se_e2_r ({@link SeRDescriptor}) share: both
 * are "one embedding net per neighbour type (or type pair) over s̃" with davg/dstd of T×N×C values (C = 4 or 1).
 */
final class SeEmbeddingChecks {
    private SeEmbeddingChecks() {}

    /**
     * Throws an {@link IllegalArgumentException} naming the first inconsistency: empty sel, not 0 ≤ r_s &lt; r_c,
     * davg/dstd not T×N×{@code columns}, the wrong number of nets for {@code typeOneSide}, empty neuron, nets that
     * are not 1→neuron embedding nets, an unknown activation.
     */
    static void check(double rcut, double rcutSmth, int[] sel, int[] neuron, boolean typeOneSide, String activation,
            double[] davg, double[] dstd, int columns, List<DenseNet> embeddings) {
        int t = sel.length;
        if (t == 0) throw new IllegalArgumentException("sel is empty");
        if (!(rcutSmth >= 0 && rcutSmth < rcut)) {
            throw new IllegalArgumentException("need 0 <= rcut_smth < rcut, got " + rcutSmth + ", " + rcut);
        }
        int nnei = Arrays.stream(sel).sum();
        if (davg.length != t * nnei * columns || dstd.length != t * nnei * columns) {
            throw new IllegalArgumentException("davg/dstd need ntypes×nnei×" + columns + " = " + t + "×" + nnei + "×" + columns
                    + " values, got " + davg.length + " and " + dstd.length);
        }
        int nets = typeOneSide ? t : t * t;
        if (embeddings.size() != nets) {
            throw new IllegalArgumentException("type_one_side=" + typeOneSide + " needs " + nets + " embedding nets, got "
                    + embeddings.size());
        }
        if (neuron.length == 0) throw new IllegalArgumentException("embedding neuron is empty");
        for (DenseNet n : embeddings) {
            if (n.kind() != DenseNet.Kind.EMBEDDING || n.inDim() != 1 || !Arrays.equals(n.neuron(), neuron)) {
                throw new IllegalArgumentException("embedding nets must be EMBEDDING nets 1→" + Arrays.toString(neuron));
            }
        }
        Activation.of(activation);
    }

    /**
     * Index of the net for a neighbour of type {@code neighbourType} around a centre of type {@code centreType}:
     * the neighbour type with {@code typeOneSide}, else DeePMD's {@code NetworkCollection._convert_key}
     * idx = Σ_k key[k]·T^k with key = (centre, neighbour).
     */
    static int netIndex(boolean typeOneSide, int ntypes, int centreType, int neighbourType) {
        return typeOneSide ? neighbourType : centreType + neighbourType * ntypes;
    }
}
