/**
 * The se_e2_a smooth environment matrix exactly as DeePMD-kit computes it: {@link org.dpspark.model.env.SeAEnvironment}
 * (switch {@link org.dpspark.model.env.SmoothSwitch}, type-grouped distance-sorted slots
 * {@link org.dpspark.model.env.SlotSorter}) into a {@link org.dpspark.model.env.SeAFrame} (env n×N×4 in Å⁻¹, deriv
 * n×N×4×3 = ∂R/∂r_ij, N = Σ sel), its normalisation {@link org.dpspark.model.env.EnvNormalization}, forces and virials
 * from ∂E/∂R ({@link org.dpspark.model.env.ForceVirial}) and the sel overflow account
 * {@link org.dpspark.model.env.OverflowReport} (docs/physics.md#se_e2_a-the-smooth-environment-matrix).
 */
package org.dpspark.model.env;
