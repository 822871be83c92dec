/**
 * {@code dpspark bench <stage>} ({@code bin/dpspark bench …}): {@link org.dpspark.bench.BenchCommand} and its
 * sub-commands run the benchmarks of the subpackages and print figures per core against a measured one-core peak
 * ({@code PeakFlops}); {@link org.dpspark.bench.WaterDataGenerator} writes synthetic water-sized deepmd/npy data. The
 * figures, with date and machine, are kept in docs/benchmarks.md, not in code.
 */
package org.dpspark.bench;
