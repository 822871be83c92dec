package org.dpspark.simulate.potential;

import java.util.Arrays;

/**
 * Result buffer of one potential evaluation, reused across MD steps (no allocation once sized).
 *
 * <p>Conventions: energy eV; forces F = −∂E/∂r (shape natoms×3, eV/Å); virial
 * Ξ = −Σ_pairs r_ij ⊗ ∂E/∂r_ij = Σ_pairs r_ij ⊗ F_j(i) (shape 3×3 row-major, eV, r_ij = r_j − r_i, F_j(i) the
 * force on j from the term), which equals −∂E/∂ε under the homogeneous strain r → (1+ε)·r of positions and cell
 * and is −V·σ (σ positive when tensile); per-atom energies (shape natoms, eV) sum to the energy.
 *
 * <p>What is computed is chosen per call: forces always; energy, virial and per-atom energies only when
 * requested (the MD hot loop asks for forces alone on most steps). Unrequested fields keep stale values.
 */
public final class Evaluation {
    /** Request flag: total energy. */
    public static final int ENERGY = 1;
    /** Request flag: virial (implies nothing else). */
    public static final int VIRIAL = 2;
    /** Request flag: per-atom energies. */
    public static final int ATOM_ENERGY = 4;
    /** Everything. */
    public static final int ALL = ENERGY | VIRIAL | ATOM_ENERGY;

    private int natoms;
    private int flags;
    /** Total energy, eV (valid when ENERGY was requested). */
    public double energy;
    /** Forces, natoms×3 eV/Å (length may exceed 3·natoms). */
    public double[] forces = new double[0];
    /** Virial, 3×3 row-major eV (valid when VIRIAL was requested). */
    public final double[] virial = new double[9];
    /** Per-atom energies, natoms eV (valid when ATOM_ENERGY was requested). */
    public double[] atomEnergy = new double[0];

    public Evaluation() {}

    public Evaluation(int natoms) {
        reset(natoms, ALL);
    }

    /** Sizes the buffers for natoms, zeroes the requested fields and remembers the request flags. */
    public void reset(int n, int requestFlags) {
        natoms = n;
        flags = requestFlags;
        if (forces.length < 3 * n) {
            forces = new double[3 * n];
        }
        Arrays.fill(forces, 0, 3 * n, 0.0);
        energy = 0.0;
        Arrays.fill(virial, 0.0);
        if ((requestFlags & ATOM_ENERGY) != 0) {
            if (atomEnergy.length < n) {
                atomEnergy = new double[n];
            }
            Arrays.fill(atomEnergy, 0, n, 0.0);
        }
    }

    public int natoms() { return natoms; }

    public int flags() { return flags; }

    public boolean wants(int flag) { return (flags & flag) != 0; }

    /** Copy of the forces, natoms×3 eV/Å. */
    public double[] forcesCopy() { return Arrays.copyOf(forces, 3 * natoms); }

    /** Copy of the virial, 3×3 eV. */
    public double[] virialCopy() { return virial.clone(); }

    /** Copy of the per-atom energies, natoms eV. */
    public double[] atomEnergyCopy() { return Arrays.copyOf(atomEnergy, natoms); }
}
