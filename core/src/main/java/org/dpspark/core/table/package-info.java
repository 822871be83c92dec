/**
 * The table schemas, each declared once as a {@link org.dpspark.core.table.TableSchema} of documented
 * {@link org.dpspark.core.table.Column}s (meaning, unit, shape): {@link org.dpspark.core.table.FramesTable},
 * {@link org.dpspark.core.table.RejectsTable}, {@link org.dpspark.core.table.DescriptorsTable},
 * {@link org.dpspark.core.table.EnvironmentsTable}, {@link org.dpspark.core.table.TrajectoryFramesTable},
 * {@link org.dpspark.core.table.TrajectorySummaryTable}; arrays are flat and row-major. {@code TableCommit} publishes a
 * run's folder atomically; {@link org.dpspark.core.table.SchemaDoc} generates docs/schema.md from these declarations.
 */
package org.dpspark.core.table;
