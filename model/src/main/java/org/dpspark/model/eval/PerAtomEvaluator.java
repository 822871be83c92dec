package org.dpspark.model.eval;

import java.util.List;
import org.dpspark.model.DeepPotModel;

/**
 * A reference evaluator whose descriptor is one or more {@link AtomDescriptor}s side by side, evaluated one centre
 * atom at a time: per atom every part writes its columns of the fitting input x_i = [D_i¹, D_i², …, fparam,
 * aparam], the fitting net gives E_i, and ∂E_i/∂x_i flows back through every part into forces and virials before the
 * next atom. se_e2_a ({@link DeepPotEvaluator}) and se_e2_r ({@link SeREvaluator}) are one part; DeePMD-kit's
 * {@code hybrid} ({@link HybridEvaluator}) is the list of its descriptors' parts.
 *
 * <p>{@link #evaluateInto} allocates nothing once the parts' buffers fit the frame (the MD hot loop). Not thread-safe.
 */
abstract class PerAtomEvaluator extends ReferenceEvaluator {
    private final AtomDescriptor[] parts;
    private final int dimD;
    /** The fitting input of one atom: [D (every part's columns), fparam, aparam]. */
    private final double[] x;

    PerAtomEvaluator(DeepPotModel model, List<AtomDescriptor> parts) {
        super(model);
        this.parts = parts.toArray(new AtomDescriptor[0]);
        int w = 0;
        for (AtomDescriptor p : parts) w += p.width();
        dimD = w;
        if (dimD != model.descriptor().dimOut()) {
            throw new IllegalStateException("descriptor parts give " + dimD + " columns, the model's descriptor "
                    + model.descriptor().dimOut());
        }
        x = new double[dimD + params.width()];
    }

    @Override
    protected final int descriptorWidth() { return dimD; }

    @Override
    protected final double frame(double[] positions, double[] cell, int[] types, double[] forces, double[] virial,
            double[] atomE, double[] atomVirial, double[] descOut, double[] fitLast, int lastHidden) {
        int n = types.length;
        for (AtomDescriptor p : parts) p.update(positions, cell, types, verlet);
        double energy = 0.0;
        for (int i = 0; i < n; i++) {
            int ti = types[i];
            int off = 0;
            for (AtomDescriptor p : parts) {
                dropped += p.forward(i, ti, x, off);
                off += p.width();
            }
            energy += fitAtom(i, ti, x, atomE, descOut, fitLast, lastHidden);
            double[] dx = fitBackward(ti);
            off = 0;
            for (AtomDescriptor p : parts) {
                p.reverse(i, ti, dx, off, forces, virial, atomVirial);
                off += p.width();
            }
        }
        return energy;
    }
}
