/**
 * Data statistics a model needs, computed as DeePMD-kit does and mergeable across Spark partitions: neighbour counts
 * for {@code sel = auto} ({@link org.dpspark.model.stats.NeighborStatistics}), davg/dstd per centre type
 * ({@link org.dpspark.model.stats.EnvMatStatistics}) and the per-type energy bias in eV
 * ({@link org.dpspark.model.stats.EnergyBias}), the last two gathered by
 * {@link org.dpspark.model.stats.DataStatistics}; the one {@code stats.json} format is written by
 * {@link org.dpspark.model.stats.StatsJson} and read by {@link org.dpspark.model.stats.StatsFile}
 * (docs/physics.md#energy-fitting-and-statistics).
 */
package org.dpspark.model.stats;
