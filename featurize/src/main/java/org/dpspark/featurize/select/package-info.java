/**
 * {@code dpspark select}: {@link org.dpspark.featurize.select.SelectJob} picks the N most diverse frames of a frames
 * table by farthest-point sampling or k-means ({@link org.dpspark.featurize.select.Selection}) on standardised
 * fingerprints ({@link org.dpspark.featurize.select.Fingerprinter}: per element, mean and standard deviation of the
 * atoms' G2/G4 vectors, T×2×D) and writes them as a new frames table with the same ids
 * (docs/physics.md#analysis-descriptors-featurize-select).
 */
package org.dpspark.featurize.select;
