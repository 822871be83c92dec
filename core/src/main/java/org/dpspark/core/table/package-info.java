/**
 * The table schemas, each declared once as a {@link org.dpspark.core.table.TableSchema} of documented
 * {@link org.dpspark.core.table.Column}s (meaning, unit, shape): {@link org.dpspark.core.table.FramesTable},
 * {@link org.dpspark.core.table.RejectsTable}, {@link org.dpspark.core.table.DescriptorsTable},
 * {@link org.dpspark.core.table.EnvironmentsTable}, {@link org.dpspark.core.table.TrajectoryFramesTable},
 * {@link org.dpspark.core.table.TrajectorySummaryTable}; arrays are flat and row-major. Tables are Delta Lake tables:
 * {@link org.dpspark.core.table.DeltaAppend} adds a run's rows keyed by content id (frames, rejects, select's output),
 * {@link org.dpspark.core.table.DeltaReplace} replaces a derived table (descriptors, environments, trajectories,
 * summary), each in one commit carrying the run's record; {@link org.dpspark.core.table.DeltaTables} reads them
 * (and the layout from before Delta); {@link org.dpspark.core.table.SchemaDoc} generates docs/schema.md from these declarations.
 */
package org.dpspark.core.table;
