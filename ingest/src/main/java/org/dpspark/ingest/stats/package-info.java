/**
 * {@code dpspark stats}: {@link org.dpspark.ingest.stats.DatasetStats}, Spark aggregations over a frames table (frames
 * and atoms per dataset, atoms per element, distributions of energy per atom in eV/atom and of |F| in eV/Å), no frames
 * on the driver.
 */
package org.dpspark.ingest.stats;
