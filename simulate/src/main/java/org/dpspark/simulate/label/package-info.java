/**
 * Labelling structures with a reference potential instead of a QM program:
 * {@link org.dpspark.simulate.label.PotentialLabeler} (Lennard-Jones, Stillinger–Weber, or a fixed Deep Potential
 * teacher) replaces a frame's energy (eV), forces (n×3, eV/Å) and virial (3×3, eV) with the potential's.
 */
package org.dpspark.simulate.label;
