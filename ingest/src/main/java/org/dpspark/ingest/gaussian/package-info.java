/**
 * Gaussian logs, format {@code gaussian/log}: {@link org.dpspark.ingest.gaussian.GaussianLogReader}, one frame per
 * geometry with an SCF energy (single points, optimisation and ADMP/BOMD steps, all Link1 jobs), parsed by
 * {@code GaussianParser} from the orientation and force tables ({@code GaussianTables}). Converted: Hartree → eV,
 * Hartree/Bohr → eV/Å; coordinates are Å; molecules only (no cell, no virial).
 */
package org.dpspark.ingest.gaussian;
