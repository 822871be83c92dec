package org.dpspark.simulate.dp;

import org.dpspark.featurize.dpmodel.DeepPotModel;

/**
 * Something that evaluates a Deep Potential model on one frame: the plain-Java reference
 * ({@link #java(DeepPotModel)}, a {@link DeepPotEvaluator}) or, plugged in the same way, an accelerated kernel.
 * {@link DeepPotPotential} and the ensemble job only talk to this interface, so a kernel-based calculator can
 * replace the reference without touching them; whatever ran is reported by {@link #executionMode()}.
 *
 * <p>Not thread-safe in general: one calculator per trajectory (per thread).
 */
public interface DeepPotCalculator {

    /** The model evaluated. */
    DeepPotModel model();

    /**
     * How this calculator actually ran, recorded in every output: {@code java} for the reference, e.g.
     * {@code aparapi-jtp} or {@code opencl:<device>} for kernels (what ran, not what was asked for).
     */
    String executionMode();

    /**
     * Energy, forces and virials of one frame.
     *
     * @param positions n×3, Å
     * @param cell 3×3 rows = cell vectors, Å (periodic in all three directions), or null for a molecule
     * @param types model type index per atom, n
     */
    DeepPotResult evaluate(double[] positions, double[] cell, int[] types);

    /** The plain-Java reference calculator ({@code executionMode() = "java"}). */
    static DeepPotCalculator java(DeepPotModel model) {
        DeepPotEvaluator ev = new DeepPotEvaluator(model);
        return new DeepPotCalculator() {
            @Override public DeepPotModel model() { return model; }

            @Override public String executionMode() { return "java"; }

            @Override public DeepPotResult evaluate(double[] positions, double[] cell, int[] types) {
                return ev.evaluate(positions, cell, types);
            }
        };
    }
}
