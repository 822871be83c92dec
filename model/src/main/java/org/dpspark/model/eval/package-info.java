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
 * outputs for deeppot-r, DPA-1 by {@link org.dpspark.model.eval.SeAttenEvaluator}, hybrids by
 * {@link org.dpspark.model.eval.HybridEvaluator}; {@link org.dpspark.model.eval.ReferenceEvaluators} picks the
 * evaluator of a model's descriptor. Each descriptor's per-atom forward and reverse pass is one {@code AtomDescriptor}
 * ({@code SeAAtoms}, {@code SeRAtoms}, {@code SeAttenAtoms}); {@code PerAtomEvaluator} runs one or several of them
 * side by side with the fitting net, which is all a hybrid is. Every reference takes DeePMD-kit's frame/atomic
 * parameters (fparam/aparam, {@code FittingInputs}).
 * The Vector API needs {@code --add-modules jdk.incubator.vector} (docs/stack.md#jvm-flags).
 */
package org.dpspark.model.eval;
