/**
 * Quantum ESPRESSO pw.x output, format {@code qe/pw}: {@link org.dpspark.ingest.qe.PwOutputReader}, one frame per
 * converged SCF (scf, relax, md, vc-relax), parsed by {@code PwParser}; the structure from the output
 * ({@code PwGeometry}) or, when it lacks one, from the input file ({@code PwInput}, reader option {@code qe_input}).
 * Converted: Ry → eV, Ry/Bohr → eV/Å, Bohr/alat → Å, stress kbar → virial eV (+σ·V,
 * docs/physics.md#forces-virial-stress-signs).
 */
package org.dpspark.ingest.qe;
