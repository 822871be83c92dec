/**
 * The plain-Java Deep Potential evaluators (se_e2_a + ener, double precision; energies eV, forces eV/Å, virials eV),
 * behind {@link org.dpspark.model.eval.DeepPotCalculator}:
 * {@link org.dpspark.model.eval.DeepPotEvaluator} is the straightforward reference, held to DeePMD-kit's reference
 * outputs by the golden tests; {@link org.dpspark.model.eval.BatchedDeepPotEvaluator} computes the same sums the way
 * the hardware wants (embedding nets over blocks of neighbour slots of many atoms, the fitting net over all atoms of a
 * type, register-blocked Vector API products in {@link org.dpspark.model.eval.VectorKernels}, blocks of atoms so memory
 * stays bounded) and agrees with the reference to round-off. {@link org.dpspark.model.eval.VerletSlots} keeps an MD
 * run's neighbour slots between rebuilds; {@link org.dpspark.model.eval.DeepPotFlops} counts the work per atom-step.
 * se_e2_r models are evaluated by {@link org.dpspark.model.eval.SeREvaluator}, its reference held to DeePMD-kit's
 * outputs for deeppot-r; {@link org.dpspark.model.eval.ReferenceEvaluators} picks the evaluator of a model's
 * descriptor. Both references take DeePMD-kit's frame/atomic parameters (fparam/aparam, {@code FittingInputs}).
 * The Vector API needs {@code --add-modules jdk.incubator.vector} (docs/stack.md#jvm-flags).
 */
package org.dpspark.model.eval;
