/**
 * CP2K output, format {@code cp2k/output}: {@link org.dpspark.ingest.cp2k.Cp2kOutputReader}, one frame per
 * {@code ENERGY| Total FORCE_EVAL} line, parsed by the state machine {@code Cp2kParser} over the blocks of
 * {@code Cp2kBlocks} (CP2K 6.1 to 2025 line formats). Converted: Hartree → eV, Ha/Bohr → eV/Å, stress GPa (or bar) →
 * virial eV with the pressure sign (docs/physics.md#forces-virial-stress-signs).
 */
package org.dpspark.ingest.cp2k;
