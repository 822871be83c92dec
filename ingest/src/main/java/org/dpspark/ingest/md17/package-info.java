/**
 * MD17 and rMD17 {@code .npz} trajectories of one molecule, format {@code md17}:
 * {@link org.dpspark.ingest.md17.Md17Reader} (array names of both layouts in {@code Md17Keys}). Positions Å, energies
 * kcal/mol and forces kcal/mol/Å as published, converted to eV and eV/Å unless the units are overridden.
 */
package org.dpspark.ingest.md17;
