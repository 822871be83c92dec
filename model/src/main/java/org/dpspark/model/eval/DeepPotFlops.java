package org.dpspark.model.eval;

import org.dpspark.model.Activation;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DenseNet;
import org.dpspark.model.NetLayer;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;

/**
 * Floating-point operations per atom of one energy + force + virial evaluation by {@link DeepPotEvaluator}, counted
 * from the model's shapes as the evaluator executes them (a multiply-add is 2 FLOPs; an add, multiply, divide or
 * {@code exp} is 1; the neighbour search, sorting and integer work are not counted). With N = Σ sel slots, n_r
 * real neighbours within r_c per atom (capped by sel), M = embedding width, M&lt; = axis neurons:
 * <ul>
 *   <li>per real slot: environment row and its derivative 70 (switch, 1/r, r/r², 12 derivative terms), its
 *       normalisation 20 (4 subtractions, 16 divisions); embedding forward 2·Σ nIn·nOut + per output (bias 1,
 *       tanh 5 = 2z, exp, +1, 2/·, 1−·; φ′ 2; idt 2; skip 1); gr 8M; reverse: ∂E/∂G 7M, direct ∂E/∂R̃ 8M,
 *       embedding reverse 2·Σ nIn·nOut + per output (1 for ∂L/∂z, skip 1–2); ∂E/∂r_ij 24, force scatter 6, virial
 *       18;</li>
 *   <li>per padding slot (N − n_r): normalisation 8 and its gr terms 8M (its embedding is computed once per
 *       model, not per atom);</li>
 *   <li>per atom: gr/N 4M, D 7·M·M&lt;, fitting forward and reverse (2·Σ nIn·nOut + the per-output terms each),
 *       ∂E/∂gr 16·M·M&lt; + 4M.</li>
 * </ul>
 * This is the work done, not DeePMD-kit's nominal count (which also runs the embedding net on every padding slot).
 */
public final class DeepPotFlops {
    private DeepPotFlops() {}

    /** FLOPs per atom for {@code realSlots} real neighbours per atom (see the class comment). */
    public static double perAtom(DeepPotModel m, double realSlots) {
        SeADescriptor d = m.seA();
        DenseNet emb = d.embeddings().get(0);
        DenseNet fit = m.fitting().nets().get(0);
        int n = d.nnei(), mm = d.embeddingWidth(), ax = d.axisNeuron();
        double perReal = 70 + 20 + forward(emb) + 8.0 * mm + 7.0 * mm + 8.0 * mm + backward(emb) + 24 + 6 + 18;
        double perPad = 8 + 8.0 * mm;
        double perAtom = 4.0 * mm + 7.0 * mm * ax + forward(fit) + backward(fit) + 16.0 * mm * ax + 4.0 * mm;
        return realSlots * perReal + Math.max(0, n - realSlots) * perPad + perAtom;
    }

    /**
     * FLOPs per atom of {@link BatchedDeepPotEvaluator}: the same arithmetic as {@link #perAtom} except the padding
     * slots' terms of gr, which it adds as one precomputed M×4 sum per neighbour type with padding (4M) instead of
     * normalising and summing each padding slot (8 + 8M); the matrix products do the same multiply-adds in another
     * order, and the rows computed beyond the real slots (rounding to whole vectors) are not counted (not model work).
     */
    public static double perAtomBatched(DeepPotModel m, double realSlots) {
        SeADescriptor d = m.seA();
        int n = d.nnei(), mm = d.embeddingWidth();
        double perPad = 8 + 8.0 * mm;
        return perAtom(m, realSlots) - Math.max(0, n - realSlots) * perPad + d.ntypes() * 4.0 * mm;
    }

    /**
     * FLOPs per atom of {@link BatchedDeepPotEvaluator} with a compressed model ({@link TabulatedEmbedding}): per real
     * slot the environment row and derivative 70, normalisation 20, the table location 5 (subtract, divide, floor,
     * knot), per neuron forward 18 (G by Horner: 5 multiply-adds; acc[c] += G·R̃_c: 4) and reverse 35 (G 5 and G′ 4
     * multiply-adds; Σ_c dgr·R̃ 7; the four sums and the G′ term 5 multiply-adds), then ∂E/∂r_ij 24, force scatter 6,
     * virial 18; per atom the padding tails 4M per neighbour type and everything after gr as {@link #perAtom} (gr/N,
     * D, fitting forward and reverse, ∂E/∂gr). No embedding net runs: the count is the model's work as tabulated.
     */
    public static double perAtomCompressed(DeepPotModel m, double realSlots) {
        SeADescriptor d = m.seA();
        DenseNet fit = m.fitting().nets().get(0);
        int mm = d.embeddingWidth(), ax = d.axisNeuron();
        double perReal = 70 + 20 + 5 + 18.0 * mm + 35.0 * mm + 24 + 6 + 18;
        double perAtom = d.ntypes() * 4.0 * mm + 4.0 * mm + 7.0 * mm * ax + forward(fit) + backward(fit) + 16.0 * mm * ax
                + 4.0 * mm;
        return realSlots * perReal + perAtom;
    }

    /**
     * FLOPs per atom of {@link SeAttenEvaluator} (DPA-1) as it executes them, with N = sel slots, n_r real neighbours,
     * M = embedding width, M&lt; = axis neurons, H = attention width, K = the keys of a query (N with the smooth
     * switch, else n_r), per attention layer:
     * <ul>
     *   <li>per real slot: environment row and derivative 70, switch and its derivative, r̂ 25; per slot (all N, padding
     *       included): normalisation 8, the embedding forward (its net on [s̃, τ_j (, τ_i)]);</li>
     *   <li>per layer, forward over all N rows: in_proj 2·N·M·3H + 3H·N (bias), normalisation 3·(3H + 1)·N, scaling
     *       H·N, logits 2·n_r·K·H, softmax 12 per (query, key) (smooth 4 more, dotr 6 more), A·V 2·N²·H, out_proj
     *       2·N·H·M + 2·N·M (bias, residual), layer norm 9·N·M;</li>
     *   <li>gr 8·N·M + 4M, D 7·M·M&lt;, the fitting net forward and reverse;</li>
     *   <li>reverse: ∂E/∂gr 16·M·M&lt; + 4M, ∂E/∂G and ∂E/∂R̃ 16·n_r·M; per layer over the n_r real rows: layer norm
     *       9·n_r·M, ∂O 2·n_r·M·H, ∂V 2·n_r²·H, ∂A 2·n_r²·H, softmax 10 per pair (+8 smooth, +13 dotr), ∂Q and ∂K
     *       2·2·n_r²·H + n_r·H, normalisation 3·5H·n_r, ∂X 2·n_r·3H·M + n_r·M; the embedding reverse on n_r rows;
     *       per real slot r̂ and switch chain 15, ∂E/∂r_ij 24, force scatter 6, virial 18.</li>
     * </ul>
     */
    public static double perAtomSeAtten(DeepPotModel m, double realSlots) {
        org.dpspark.model.SeAttenDescriptor d = (org.dpspark.model.SeAttenDescriptor) m.descriptor();
        DenseNet emb = d.embedding(), fit = m.fitting().nets().get(0);
        double n = d.nnei(), r = Math.min(realSlots, n), mm = d.embeddingWidth(), ax = d.axisNeuron(), h = d.attn();
        double keys = d.smooth() ? n : r;
        double f = r * (70 + 25) + n * (8 + forward(emb));
        double pair = 12 + (d.smooth() ? 4 : 0) + (d.attnDotr() ? 6 : 0);
        double pairBack = 10 + (d.smooth() ? 8 : 0) + (d.attnDotr() ? 13 : 0);
        for (int l = 0; l < d.attentionLayers().size(); l++) {
            f += 2 * n * mm * 3 * h + 3 * h * n + (d.normalize() ? 3 * (3 * h + 1) * n : 0) + h * n + 2 * r * keys * h
                    + pair * r * keys + 2 * n * n * h + 2 * n * h * mm + 2 * n * mm + 9 * n * mm;
            f += 9 * r * mm + 2 * r * mm * h + 4 * r * r * h + pairBack * r * r + 4 * r * r * h + r * h
                    + (d.normalize() ? 15 * h * r : 0) + 2 * r * 3 * h * mm + r * mm;
        }
        f += 8 * n * mm + 4 * mm + 7 * mm * ax + forward(fit) + backward(fit) + 16 * mm * ax + 4 * mm + 16 * r * mm;
        f += backward(emb) * r + r * (15 + 24 + 6 + 18);
        return f;
    }

    static double forward(DenseNet net) {
        double f = 0;
        for (NetLayer l : net.layers()) {
            int no = l.nOut();
            f += 2.0 * l.nIn() * no;
            double per = (l.b() != null ? 1 : 0) + (l.act() == Activation.TANH ? 5 + 2 : l.act() == Activation.LINEAR ? 0 : 3)
                    + (l.idt() != null ? 2 : 0) + (l.skip() > 0 ? 1 : 0);
            f += per * no;
        }
        return f;
    }

    static double backward(DenseNet net) {
        double f = 0;
        for (NetLayer l : net.layers()) {
            f += 2.0 * l.nIn() * l.nOut() + l.nOut();
            if (l.skip() == 1) f += l.nIn();
            if (l.skip() == 2) f += 2.0 * l.nIn();
        }
        return f;
    }

    /** Mean number of neighbours within r_c per atom, capped by sel per type, or by se_atten's one sel (the real slots). */
    public static double realSlotsPerAtom(DeepPotModel m, double[] positions, double[] cell, int[] types) {
        // se_atten: one list of N = sel slots for every type (its sel is one total)
        boolean mixed = m.descriptor() instanceof org.dpspark.model.SeAttenDescriptor;
        double rcut = m.rcut();
        int[] sel = mixed ? new int[] {m.descriptor().nnei()} : m.seA().sel();
        NeighborList nl = new NeighborListBuilder(rcut).build(positions, cell, null);
        long total = 0;
        int[] count = new int[sel.length];
        for (int i = 0; i < types.length; i++) {
            java.util.Arrays.fill(count, 0);
            for (int p = nl.start(i); p < nl.end(i); p++) {
                if (nl.distance(p) < rcut) count[mixed ? 0 : types[nl.neighbor(p)]]++;
            }
            for (int t = 0; t < count.length; t++) total += Math.min(count[t], sel[t]);
        }
        return (double) total / types.length;
    }
}
