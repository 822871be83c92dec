/**
 * Deep Potential inference for MD: the plain-Java double-precision reference evaluator
 * {@link org.dpspark.simulate.dp.DeepPotEvaluator} (exactly DeePMD-kit's se_e2_a + ener; the golden tests hold it to
 * DeePMD-kit's outputs), behind the {@link org.dpspark.simulate.dp.DeepPotCalculator} interface that the Aparapi
 * kernels of {@code dp.kernel} also implement, chosen by name in {@link org.dpspark.simulate.dp.DeepPotCalculators} and
 * used by the MD engine as {@link org.dpspark.simulate.dp.DeepPotPotential};
 * {@link org.dpspark.simulate.dp.ModelDeviation} is the ensemble's force deviation in eV/Å
 * (docs/physics.md#model-deviation-and-concurrent-learning).
 */
package org.dpspark.simulate.dp;
