/**
 * MD and Deep Potential benchmarks: {@link org.dpspark.bench.simulate.DeepPotMdBench} ({@code bench simulate}:
 * atom-steps per CPU-second and FLOPs per atom-step), {@link org.dpspark.bench.simulate.LjBench} (the LJ liquid against
 * LAMMPS), {@link org.dpspark.bench.simulate.DeepPotBench} (the reference evaluator alone) and
 * {@link org.dpspark.bench.simulate.KernelBench} (reference against the Aparapi kernels on every device present);
 * docs/benchmarks.md#simulate.
 */
package org.dpspark.bench.simulate;
