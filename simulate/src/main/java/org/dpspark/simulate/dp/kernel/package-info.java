/**
 * Deep Potential (DeePMD-kit se_e2_a + ener) as Aparapi kernels in double precision, run on an OpenCL GPU, an
 * OpenCL CPU device (PoCL) or Aparapi's Java thread pool: {@link org.dpspark.simulate.dp.kernel.DeepPotKernelEvaluator}.
 *
 * <p>What runs where (per frame): host — neighbour list, type-grouped distance-sorted slot assignment (featurize),
 * reverse slot index, E = Σ E_i and the total virial; kernels — environment matrix + derivative + normalisation
 * ({@code EnvMatKernel}, per slot), embedding nets ({@code EmbeddingKernel}, per slot; for a compressed model the
 * tables instead, {@code TableEmbeddingKernel}: G and G′ = dG/ds̃ per slot, overflow counted), descriptor contraction and
 * fitting net forward/reverse ({@code FittingKernel}, per atom), ∂E/∂R̃ through the embedding and onto
 * g = ∂E/∂r_ij ({@code SlotGradKernel}, per slot), forces and per-atom virials gathered through the reverse index in
 * a fixed order ({@code ForceGatherKernel}, per atom; no floating-point atomics).
 *
 * <p>Execution mode: every kernel writes a witness ({@code WitnessKernel}: a fused multiply-add that gives a
 * different, exact value in OpenCL and in Java), so {@code DeepPotResult.executionMode()} reports where the code
 * actually ran; a run elsewhere than requested is logged at WARN and, for a required
 * {@link org.dpspark.simulate.dp.kernel.DeviceKind}, is an exception. Results: bitwise equal to the Java reference
 * in the Java thread pool (same arithmetic, same order); within ~1e-14 relative on OpenCL (fma contraction,
 * ulp-level tanh/exp).
 *
 * <p>Tests: {@code DeepPotKernelGoldenTest}, {@code DeepPotKernelConsistencyTest} and (compressed models, against the
 * Java compressed evaluator) {@code CompressedKernelConsistencyTest} run in JTP and on the OpenCL CPU
 * device, which must exist (CI installs {@code pocl-opencl-icd ocl-icd-libopencl1}); without OpenCL they fail unless
 * {@code DPSPARK_NO_OPENCL=1}. The GPU test is tagged {@code gpu} and excluded by default:
 * {@code mvn -pl simulate test -Dgroups=gpu -DexcludedGroups=}. Benchmark: {@link org.dpspark.bench.simulate.KernelBench}.
 */
package org.dpspark.simulate.dp.kernel;
