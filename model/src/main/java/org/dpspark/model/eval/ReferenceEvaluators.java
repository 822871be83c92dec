package org.dpspark.model.eval;

import org.dpspark.model.DeepPotModel;
import org.dpspark.model.HybridDescriptor;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.SeAttenDescriptor;
import org.dpspark.model.SeRDescriptor;
import org.dpspark.model.UnsupportedModelException;

/**
 * The plain-Java reference evaluator of a model, by its descriptor: {@link DeepPotEvaluator} for se_e2_a,
 * {@link SeREvaluator} for se_e2_r, {@link SeAttenEvaluator} for se_atten (DPA-1) and se_atten_v2, {@link HybridEvaluator}
 * for hybrid descriptors. The batched
 * evaluator ({@link BatchedDeepPotEvaluator}) and the Aparapi kernels
 * implement se_e2_a without fparam/aparam only; {@link #fastest} falls back to the reference for the other models.
 * Both reference evaluators take DeePMD-kit's frame and atomic parameters ({@code setFrameParams}).
 */
public final class ReferenceEvaluators {
    private ReferenceEvaluators() {}

    /**
     * The reference evaluator of {@code model}.
     *
     * @throws UnsupportedModelException for a descriptor without an evaluator
     */
    public static InPlaceCalculator of(DeepPotModel model) {
        if (model.descriptor() instanceof SeADescriptor) return new DeepPotEvaluator(model);
        if (model.descriptor() instanceof SeRDescriptor) return new SeREvaluator(model);
        if (model.descriptor() instanceof SeAttenDescriptor) return SeAttenEvaluator.scalarReference(model);
        if (model.descriptor() instanceof HybridDescriptor) return new HybridEvaluator(model);
        throw new UnsupportedModelException("no evaluator for descriptor " + model.descriptor().type());
    }

    /**
     * The fastest plain-Java evaluator of {@code model}: the batched one for se_e2_a without frame/atomic parameters,
     * DPA-1's on the Vector API's products, else {@link #of}.
     */
    public static InPlaceCalculator fastest(DeepPotModel model) {
        if (model.descriptor() instanceof SeAttenDescriptor) return new SeAttenEvaluator(model);
        boolean batched = model.descriptor() instanceof SeADescriptor && !model.fitting().hasParams();
        return batched ? new BatchedDeepPotEvaluator(model) : of(model);
    }
}
