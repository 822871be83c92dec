package org.dpspark.model.eval;

import org.dpspark.model.AttentionLayer;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.SeAttenDescriptor;
import org.dpspark.model.UnsupportedModelException;

/**
 * Plain-Java double-precision reference evaluator of a DPA-1 (se_atten, se_atten_v2) + energy model, as DeePMD-kit's
 * dense NumPy evaluation computes it (deepmd/dpmodel/descriptor/dpa1.py {@code DescrptBlockSeAtten.call}; the
 * formulas are in {@link SeAttenDescriptor} and {@link AttentionLayer}), with hand-written analytic forces and virials.
 *
 * <p>Per centre atom i (N = sel slots, nearest first whatever the type; M = embedding width; H = attention width):
 * <ol>
 *   <li>slots from {@link VerletSlots} with every atom given one type (so one distance-sorted group of N, as DeePMD-kit's
 *       mixed-type neighbour list); R̃ = (R − davg)/dstd for every slot, padding rows R = 0 (they count, as in
 *       DeePMD-kit); the switch s_j = w(r_ij) (padding 0); r̂_j = R̃_j[1:4]/max(|R̃_j[1:4]|, 10⁻¹²);</li>
 *   <li>G⁰ from the embedding net(s) and the type embedding (padding slots take the type of atom 0);</li>
 *   <li>the attention layers; padding rows get no attention (their output is out_proj's bias), and no real row
 *       attends to them, so padding rows stay constants;</li>
 *   <li>gr = (1/N) GᵀR̃, D = gr·gr_&lt;ᵀ (+ τ_{t_i}), E_i from the fitting net.</li>
 * </ol>
 * Reverse, over the real slots only (padding rows are constant): ∂E/∂D → ∂E/∂gr → ∂E/∂G (and the direct ∂E/∂R̃) →
 * through each attention layer (layer norm, out_proj, A·V, the gates s_j s_k and r̂_j·r̂_k, softmax, the logits
 * (L + 20)s_j s_k − 20, Q Kᵀ, the normalisations, in_proj; the residual) → ∂E/∂G⁰ → the embedding net's input s̃ (and,
 * stripped and smooth, the switch factor) → ∂E/∂R̃, ∂E/∂r̂, ∂E/∂s → ∂E/∂r_ij → forces and virials in
 * {@link ReferenceEvaluator#scatter}'s convention.
 *
 * <p>Layout ({@link SeAttenAtoms}, the per-atom part): one centre atom at a time; the N×N attention of every layer is kept for the reverse pass
 * (L·(3N² + 7NH + 4NM) doubles). {@link #evaluateInto} allocates nothing once sized. Not thread-safe.
 */
public final class SeAttenEvaluator extends ReferenceEvaluator {
    /** Execution mode of the evaluator on the Vector API's products. */
    public static final String VECTOR_MODE = "Java DPA-1, Vector API products (single thread)";
    /** Atoms per block of {@link #frameInBlocks}: 64 fitting rows per type amortise the weights' reads. */
    private static final int FIT_BLOCK = 64;
    private final SeAttenAtoms atoms;
    private final int dimD;
    /** The fitting input of one atom: [D, fparam, aparam]. */
    private final double[] desc;
    /** The block fitting (vector products, no attention layers), or null: the fitting net atom by atom. */
    private final BlockFitting block;
    private final double[] blockGrad;

    /**
     * The evaluator with the Vector API's matrix products (what test and simulate run).
     *
     * @throws UnsupportedModelException when the model's descriptor is not se_atten / se_atten_v2
     */
    public SeAttenEvaluator(DeepPotModel model) {
        this(model, MatrixProducts.vector());
    }

    /** The evaluator with the plain-loop products, the straightforward reference of the tests. */
    static SeAttenEvaluator scalarReference(DeepPotModel model) {
        return new SeAttenEvaluator(model, MatrixProducts.scalar());
    }

    private SeAttenEvaluator(DeepPotModel model, MatrixProducts mp) {
        super(model);
        if (!(model.descriptor() instanceof SeAttenDescriptor sd)) {
            throw new UnsupportedModelException("SeAttenEvaluator evaluates se_atten models, got descriptor " + model.descriptor().type());
        }
        atoms = new SeAttenAtoms(sd, mp);
        dimD = sd.dimOut();
        desc = new double[dimD + params.width()];
        block = mp.isVector() && sd.attentionLayers().isEmpty() ? new BlockFitting(model.fitting(), dimD + params.width(), FIT_BLOCK)
                : null;
        blockGrad = new double[dimD + params.width()];
    }

    @Override
    protected int descriptorWidth() { return dimD; }

    /** The execution mode recorded with results: the plain loops are the Java reference. */
    @Override
    public String mode() { return atoms.isVector() ? VECTOR_MODE : DeepPotResult.JAVA_REFERENCE; }

    @Override
    protected double frame(double[] positions, double[] cell, int[] types, double[] forces, double[] virial,
            double[] atomE, double[] atomVirial, double[] descOut, double[] fitLast, int lastHidden) {
        int n = types.length;
        atoms.update(positions, cell, types, verlet);
        if (block != null) return frameInBlocks(types, forces, virial, atomE, atomVirial, descOut, fitLast, lastHidden);
        double energy = 0.0;
        for (int i = 0; i < n; i++) {
            int ti = types[i];
            dropped += atoms.forward(i, ti, desc, 0);
            energy += fitAtom(i, ti, desc, atomE, descOut, fitLast, lastHidden);
            atoms.reverse(i, ti, fitBackward(ti), 0, forces, virial, atomVirial);
        }
        return energy;
    }

    /**
     * Without attention layers, on the vector products: the fitting nets run on blocks of atoms ({@link BlockFitting}).
     * Per block, pass 1 computes each atom's descriptor; the block's fitting gives the energies and ∂E/∂x; pass 2
     * computes each atom's environment and embedding again (cheaper than keeping them, and than streaming the fitting
     * net's weights once per atom: the embedding forward is ~1.6 MFLOP for DeePMD-kit's default shapes) and runs its
     * reverse pass.
     */
    private double frameInBlocks(int[] types, double[] forces, double[] virial, double[] atomE, double[] atomVirial,
            double[] descOut, double[] fitLast, int lastHidden) {
        int n = types.length;
        double energy = 0.0;
        for (int b0 = 0; b0 < n; b0 += block.cap()) {
            int b1 = Math.min(n, b0 + block.cap());
            block.clear();
            for (int i = b0; i < b1; i++) {
                dropped += atoms.forward(i, types[i], desc, 0);
                params.fill(desc, dimD, i);
                block.add(types[i], desc);
            }
            block.run();
            for (int i = b0; i < b1; i++) {
                int ti = types[i], k = i - b0;
                double ei = block.output(k) + biasPerType[ti];
                energy += ei;
                if (atomE != null) atomE[i] = ei;
                if (fitLast != null) block.lastHidden(k, fitLast, i * lastHidden, lastHidden);
                atoms.forward(i, ti, desc, 0); // again: its dropped neighbours are counted once
                if (descOut != null) System.arraycopy(desc, 0, descOut, i * dimD, dimD);
                block.gradient(k, blockGrad);
                atoms.reverse(i, ti, blockGrad, 0, forces, virial, atomVirial);
            }
        }
        return energy;
    }
}
