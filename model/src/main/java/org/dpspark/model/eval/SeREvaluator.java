package org.dpspark.model.eval;

import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.SeRDescriptor;
import org.dpspark.model.UnsupportedModelException;
import org.dpspark.model.env.ForceVirial;

/**
 * Plain-Java double-precision reference evaluator of a Deep Potential se_e2_r + energy model, as DeePMD-kit computes
 * it (deepmd/dpmodel/descriptor/se_r.py {@code call}, deepmd/tf/descriptor/se_r.py {@code _filter_r}).
 *
 * <p>Forward, per centre atom i of type t_i (N = Σ sel slots, M = neuron[last]):
 * <ol>
 *   <li>s_j = w(r_ij)/r_ij, the first column of the se_e2_a environment matrix (same slots: grouped by neighbour
 *       type, nearest first, computed by {@link VerletSlots}); padding slots s = 0.</li>
 *   <li>s̃_j = (s_j − davg[t_i][j]) / dstd[t_i][j] for every slot, padding included (DeePMD-kit's {@code EnvMat}
 *       normalises the zero rows too and its exclude mask is 1 there).</li>
 *   <li>D = (1/5)(1/N) Σ_j G_{t_i,t_j}(s̃_j), M values ({@link SeRDescriptor#RES_RESCALE}).</li>
 *   <li>E_i = fitting.nets[t_i](D) + bias_atom_e[t_i] + out_bias[t_i].</li>
 * </ol>
 * Reverse (hand-written): g = ∂E_i/∂D · (1/5)(1/N), the same for every slot; ∂E/∂s̃_j through the embedding net;
 * ∂E/∂r_ij = ∂E/∂s̃_j / dstd · ∂s/∂r_ij; forces and (per-atom) virials in {@link ForceVirial}'s convention (each slot
 * i → j adds −∂E/∂r_ij ⊗ r_ij to atom j's virial). Padding slots are constant: their embeddings are computed once
 * at construction and they add to energies only.
 *
 * <p>Layout ({@link SeRAtoms}, one part of a {@link PerAtomEvaluator}): one centre atom at a time; the embedding of each neighbour-type group of real slots runs as one
 * {@link BatchedNet} block. {@link #evaluateInto} allocates nothing once the buffers fit the frame (the MD hot loop).
 * Not thread-safe; use one evaluator per thread.
 */
public final class SeREvaluator extends PerAtomEvaluator {

    /**
     * @throws UnsupportedModelException when the model's descriptor is not se_e2_r
     */
    public SeREvaluator(DeepPotModel model) {
        super(model, List.of(new SeRAtoms(seR(model))));
    }

    private static SeRDescriptor seR(DeepPotModel model) {
        if (model.descriptor() instanceof SeRDescriptor d) return d;
        throw new UnsupportedModelException("SeREvaluator evaluates se_e2_r models, got descriptor " + model.descriptor().type());
    }
}
