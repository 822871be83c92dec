/**
 * Deep Potential inference in the MD engine: {@link org.dpspark.simulate.dp.DeepPotCalculators} chooses an evaluator
 * by execution name ({@code java}: the model module's batched evaluator; {@code java-reference}: its straightforward
 * reference; the Aparapi kernels of {@code dp.kernel}), {@link org.dpspark.simulate.dp.DeepPotPotential} is the
 * potential the MD engine calls, and {@link org.dpspark.simulate.dp.ModelDeviation} the ensemble's force deviation in
 * eV/Å (docs/physics.md#model-deviation-and-concurrent-learning). The evaluators themselves live in
 * {@code org.dpspark.model.eval}.
 */
package org.dpspark.simulate.dp;
