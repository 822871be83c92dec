package org.dpspark.simulate.dp;

/**
 * Output of {@link DeepPotEvaluator#evaluate} for one frame of n atoms.
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
 */
public record DeepPotResult(double energy, double[] atomEnergy, double[] forces, double[] virial, double[] atomVirial,
        double[] descriptor, double[] fittingLastLayer, long neighboursDropped) {}
