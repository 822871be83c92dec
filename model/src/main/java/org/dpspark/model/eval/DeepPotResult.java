package org.dpspark.model.eval;

/**
 * Output of {@link DeepPotCalculator#evaluate} for one frame of n atoms.
 *
 * @param energy total energy E = Σ_i E_i, eV
 * @param atomEnergy E_i, n, eV
 * @param forces F = −∂E/∂r, n×3 row-major, eV/Å
 * @param virial Ξ = −Σ_slots r_ij ⊗ ∂E/∂r_ij, 3×3 row-major, eV (DeePMD-kit's layout: Ξ[α][β] = −Σ g_α (r_ij)_β)
 * @param atomVirial per-atom virials, n×9 row-major, eV, DeePMD-kit's convention: each slot (i → j) adds
 *        −g ⊗ r_ij to atom j (Σ over atoms = virial)
 * @param descriptor D_i, n×(M·M&lt;) (flattened M×M&lt;, row a·M&lt;+b), or null unless intermediates were requested
 * @param fittingLastLayer output of the fitting net's last hidden layer per atom, n×neuron[last], or null
 * @param neighboursDropped neighbours ignored because some type had more than sel[t] within r_c (0 if none)
 * @param executionMode where the numbers were computed, as observed after the computation (never the requested
 *        mode): {@link #JAVA_REFERENCE} for {@link DeepPotEvaluator}; for the Aparapi kernels e.g.
 *        {@code "OpenCL CPU: Portable Computing Language / pthread-…"} or {@code "JTP: Aparapi Java thread pool"}
 */
public record DeepPotResult(double energy, double[] atomEnergy, double[] forces, double[] virial, double[] atomVirial,
        double[] descriptor, double[] fittingLastLayer, long neighboursDropped, String executionMode) {

    /** Execution mode of the plain-Java reference evaluator. */
    public static final String JAVA_REFERENCE = "Java reference (single thread)";

    /** A result of the plain-Java reference ({@link #JAVA_REFERENCE}); the constructor before executionMode existed. */
    public DeepPotResult(double energy, double[] atomEnergy, double[] forces, double[] virial, double[] atomVirial,
            double[] descriptor, double[] fittingLastLayer, long neighboursDropped) {
        this(energy, atomEnergy, forces, virial, atomVirial, descriptor, fittingLastLayer, neighboursDropped, JAVA_REFERENCE);
    }
}
