/**
 * The default training step ({@code train.compute = kernel}), written by hand:
 * {@link org.dpspark.train.kernel.DeepPotKernel} computes energies, forces, virials ({@code forward}) and ∂loss/∂θ in
 * two passes over the atoms of a {@link org.dpspark.train.kernel.StepBatch}, with OpenBLAS products on off-heap buffers
 * and fused dual-number layer loops; {@link org.dpspark.train.kernel.KernelLoss},
 * {@link org.dpspark.train.kernel.KernelPredictor} (inference), {@link org.dpspark.train.kernel.ModelParams} (the flat
 * parameter layout shared with the SameDiff graph) and {@link org.dpspark.train.kernel.KernelCache} (one kernel per
 * thread); docs/training.md#how-it-works.
 */
package org.dpspark.train.kernel;
