package org.dpspark.model.eval;

import org.dpspark.model.DeepPotModel;

/**
 * An implementation of DeePMD-kit's se_e2_a + ener model: energies, forces and virials of one frame.
 * Implemented by the plain-Java reference {@link DeepPotEvaluator} and by the Aparapi kernels of
 * {@code org.dpspark.simulate.dp.kernel.DeepPotKernelEvaluator}; consistency tests tie them together.
 */
public interface DeepPotCalculator {

    /** The model being evaluated. */
    DeepPotModel model();

    /**
     * Evaluates one frame.
     *
     * @param positions n×3 Cartesian positions, Å
     * @param cell 3×3 row-major (rows = cell vectors), Å, periodic in all directions; null for a molecule
     * @param types type index per atom into the model's type map (n)
     * @param intermediates also return the descriptor and the fitting net's last hidden layer
     * @return the frame's result, with {@link DeepPotResult#executionMode()} naming where it was computed
     */
    DeepPotResult evaluate(double[] positions, double[] cell, int[] types, boolean intermediates);

    /**
     * Evaluates one frame of a model whose fitting takes frame or atomic parameters (DeePMD-kit's fparam/aparam).
     * Only the Java reference evaluators implement them; this default refuses any.
     *
     * @param fparam numb_fparam frame parameters, or null (the model's default_fparam)
     * @param aparam n×numb_aparam atomic parameters, row-major, or null
     */
    default DeepPotResult evaluate(double[] positions, double[] cell, int[] types, double[] fparam, double[] aparam,
            boolean intermediates) {
        if (fparam == null && aparam == null) return evaluate(positions, cell, types, intermediates);
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not take fparam/aparam");
    }

    /**
     * Environments of the last evaluation whose s̃ lay outside a compressed model's tables (counted, evaluated by
     * linear continuation); 0 for an uncompressed model and for calculators without tables.
     */
    default long lastTableOverflow() { return 0; }

    /** {@link #evaluate(double[], double[], int[], boolean)} without intermediates. */
    default DeepPotResult evaluate(double[] positions, double[] cell, int[] types) {
        return evaluate(positions, cell, types, false);
    }
}
