package org.dpspark.train.graph;

/**
 * Predictions of {@link DeepPotGraph} for one frame of n atoms.
 *
 * @param energy E, eV
 * @param forces n×3, eV/Å
 * @param virial 3×3, eV (Ξ = −Σ_slots g ⊗ r_ij, DeePMD-kit's layout)
 */
public record Prediction(double energy, double[] forces, double[] virial) {}
