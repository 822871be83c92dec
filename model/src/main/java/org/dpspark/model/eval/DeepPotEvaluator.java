package org.dpspark.model.eval;

import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.UnsupportedModelException;
import org.dpspark.model.env.EnvNormalization;
import org.dpspark.model.env.ForceVirial;
import org.dpspark.model.env.SeAEnvironment;

/**
 * Plain-Java double-precision reference evaluator of a Deep Potential se_e2_a + energy model, exactly as
 * DeePMD-kit computes it (the reference that faster kernels are checked against).
 *
 * <p>Forward, per centre atom i of type t_i (N = Σ sel slots, M = neuron[last], M&lt; = axis_neuron):
 * <ol>
 *   <li>R̃ = (R − davg[t_i]) / dstd[t_i], R the N×4 environment matrix of featurize's {@link SeAEnvironment}
 *       (rows (s, s·x/r, s·y/r, s·z/r), s = w(r)/r; deepmd/dpmodel/utils/env_mat.py {@code _make_env_mat}). As in
 *       DeePMD-kit ({@code EnvMat.call}, and se_e2_a's exclude mask being 1 for padding when nothing is excluded),
 *       padding slots are normalised too (R̃ = −davg/dstd) and DO enter the sums below; they are constant, so they
 *       contribute to energies but not to forces.</li>
 *   <li>G_s = N_e(s̃_s) per slot with the embedding net of (t_i, type of the slot's group)
 *       (deepmd/dpmodel/descriptor/se_e2_a.py {@code call}: one net per neighbour type when type_one_side,
 *       else NetworkCollection index t_i + t_j·T).</li>
 *   <li>gr = (1/N) Σ_s G_sᵀ R̃_s (M×4) ({@code gr /= self.nnei}); D[a·M&lt; + b] = Σ_k gr[a][k]·gr[b][k],
 *       b &lt; M&lt; ({@code grrg = gr · gr[:, :axis]ᵀ}); i.e. D = (1/N²) GᵀR̃R̃ᵀG_&lt;.</li>
 *   <li>E_i = fitting.nets[t_i](D) + bias_atom_e[t_i] + out_bias[t_i]
 *       (deepmd/dpmodel/fitting/general_fitting.py {@code _call_common}; base_atomic_model {@code apply_out_stat}).</li>
 * </ol>
 * Reverse (hand-written): ∂E/∂D → ∂E/∂gr → ∂E/∂R̃ (direct term and through the embedding input s̃) for real
 * slots → ∂E/∂r_ij = Σ_c ∂E/∂R̃_c · ∂R_c/∂r_ij / dstd_c → forces and (per-atom) virials with featurize's
 * {@link ForceVirial} (DeePMD-kit's prod_force_a / prod_virial_a convention).
 *
 * <p>Layout (for speed, not semantics): one centre atom at a time, everything fused — environment matrix
 * ({@link SeAEnvironment#computeAtom}'s slots and values, kept across MD steps by {@link VerletSlots}: a Verlet
 * list with a skin instead of a neighbour search and a sort per step, bitwise the same slots), normalisation (as {@link EnvNormalization}), the embedding nets evaluated
 * as {@link BatchedNet} blocks over the real slots of each neighbour type (feature-major, inner loops over
 * slots), the fitting net, the reverse pass and the force/virial scatter (as {@link ForceVirial}) — so the
 * working set is one atom's nnei×19 doubles and the nets' blocks, whatever the frame size. Padding slots are
 * frame-independent: their embedding outputs are computed once at construction (per centre type and slot) and
 * only their terms of gr are added per atom. Every sum runs in the order of the straightforward per-slot
 * loop, so the results are bitwise those of evaluating each slot on its own (and of the Aparapi kernels in
 * Java thread-pool mode). {@code tanh} is {@link CompiledNet#tanh}.
 *
 * <p>The per-atom passes are {@link SeAAtoms} (one part of a {@link PerAtomEvaluator}; a {@code hybrid} descriptor
 * uses the same code for its se_e2_a member).
 *
 * <p>Allocation: {@link #evaluateInto} allocates nothing once the buffers fit the frame (the MD hot loop;
 * at a Verlet-list rebuild featurize's neighbour-list builder allocates its 3×3 inverse cell); {@link #evaluate}
 * allocates the result arrays. Not thread-safe; use one evaluator per thread.
 */
public final class DeepPotEvaluator extends PerAtomEvaluator {

    /**
     * @throws UnsupportedModelException when the model's descriptor is not se_e2_a
     */
    public DeepPotEvaluator(DeepPotModel model) {
        super(model, List.of(new SeAAtoms(seA(model))));
    }

    private static SeADescriptor seA(DeepPotModel model) {
        if (model.descriptor() instanceof SeADescriptor d) return d;
        throw new UnsupportedModelException("DeepPotEvaluator evaluates se_e2_a models, got descriptor "
                + model.descriptor().type());
    }
}
