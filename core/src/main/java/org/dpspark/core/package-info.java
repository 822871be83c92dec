/**
 * What every stage shares: the labelled structure {@link org.dpspark.core.Frame} with its content id
 * {@link org.dpspark.core.FrameId}, rejects, elements, formulas, the deterministic {@link org.dpspark.core.DataSplit},
 * configuration ({@link org.dpspark.core.JobConfig}: {@code dpspark-defaults.conf} + {@code --conf} + {@code --set}),
 * the one {@link org.dpspark.core.SparkSessions} factory and table sidecars. Units: Å, eV, eV/Å, virial eV, fs, amu, K;
 * cells 3×3 row-major with rows the cell vectors; {@link org.dpspark.core.Units} (CODATA 2018) is the only conversion
 * table (docs/physics.md#units).
 */
package org.dpspark.core;
