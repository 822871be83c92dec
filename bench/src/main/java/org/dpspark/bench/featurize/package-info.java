/**
 * Featurize benchmarks: {@link org.dpspark.bench.featurize.FeaturizeBench} ({@code bench featurize}: atoms/s per core
 * of neighbour list + se_e2_a environment matrix + derivatives and of G2/G4, FLOPs per atom, Spark speed-up) and the
 * single-thread {@link org.dpspark.bench.featurize.EnvironmentBench} (docs/benchmarks.md#featurize).
 */
package org.dpspark.bench.featurize;
