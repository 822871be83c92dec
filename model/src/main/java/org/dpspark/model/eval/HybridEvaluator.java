package org.dpspark.model.eval;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.Descriptor;
import org.dpspark.model.HybridDescriptor;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.SeAttenDescriptor;
import org.dpspark.model.SeRDescriptor;
import org.dpspark.model.UnsupportedModelException;

/**
 * Plain-Java double-precision reference evaluator of a Deep Potential with DeePMD-kit's {@code hybrid} descriptor +
 * energy fitting (deepmd/dpmodel/descriptor/hybrid.py {@code call}): per centre atom, every member writes its columns
 * of the fitting input in list order, D_i = [D_i¹, D_i², …], and ∂E_i/∂D_i flows back through each member
 * ({@link PerAtomEvaluator}). Members: se_e2_a ({@link SeAAtoms}, as {@link DeepPotEvaluator}), se_e2_r
 * ({@link SeRAtoms}, as {@link SeREvaluator}) and DPA-1 ({@link SeAttenAtoms} on the Vector API's products, as
 * {@link SeAttenEvaluator}), each with its own r_c, sel and slots: DeePMD-kit cuts the hybrid's neighbour list (built
 * at the largest r_c; with a DPA-1 member one list of the nearest max-N atoms of any type, regrouped by type for the
 * other members) to each member's sel and masks what lies beyond the member's r_c, which gives every member the slots
 * it would have alone as long as the hybrid's list holds every neighbour within the smaller cutoffs (DeePMD-kit's
 * users size sel so). Frame and atomic parameters as every reference evaluator ({@link #setFrameParams}).
 *
 * <p>{@link #evaluateInto} allocates nothing once the buffers fit the frame (the MD hot loop). Not thread-safe.
 */
public final class HybridEvaluator extends PerAtomEvaluator {

    /**
     * @throws UnsupportedModelException when the descriptor is not a hybrid of se_e2_a and se_e2_r members
     */
    public HybridEvaluator(DeepPotModel model) {
        super(model, parts(hybrid(model)));
    }

    private static HybridDescriptor hybrid(DeepPotModel model) {
        if (model.descriptor() instanceof HybridDescriptor h) return h;
        throw new UnsupportedModelException("HybridEvaluator evaluates hybrid descriptors, got "
                + model.descriptor().type());
    }

    /** One part per member, in list order; a member kind without a per-atom part is refused by name. */
    static List<AtomDescriptor> parts(HybridDescriptor h) {
        List<AtomDescriptor> parts = new ArrayList<>();
        for (int k = 0; k < h.list().size(); k++) {
            Descriptor d = h.list().get(k);
            if (d instanceof SeADescriptor a) {
                parts.add(new SeAAtoms(a));
            } else if (d instanceof SeRDescriptor r) {
                parts.add(new SeRAtoms(r));
            } else if (d instanceof SeAttenDescriptor t) {
                parts.add(new SeAttenAtoms(t, MatrixProducts.vector()));
            } else {
                throw new UnsupportedModelException("hybrid member " + k + " is " + d.type() + ": the hybrid evaluator takes"
                        + " se_e2_a, se_e2_r and se_atten (DPA-1) members");
            }
        }
        return parts;
    }
}
