/**
 * VASP outputs: {@link org.dpspark.ingest.vasp.OutcarReader} ({@code vasp/outcar}, state machine {@code OutcarParser},
 * one frame per ionic step) and {@link org.dpspark.ingest.vasp.VasprunReader} ({@code vasp/vasprun}, StAX, one frame
 * per {@code <calculation>}); species in POTCAR order from {@code VaspSpecies}. Units as printed (Å, eV, eV/Å); the
 * stress in kB becomes the virial in eV in {@code VaspStress} (+V·σ, docs/physics.md#forces-virial-stress-signs).
 */
package org.dpspark.ingest.vasp;
