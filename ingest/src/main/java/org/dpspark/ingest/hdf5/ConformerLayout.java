package org.dpspark.ingest.hdf5;

import java.io.Serializable;

/**
 * How a "one group per molecule, conformers along the first axis" HDF5 collection names and scales its
 * datasets. Per group: {@code zKey} (natoms,) atomic numbers, {@code coordKey} (nconf, natoms, 3),
 * energy (nconf,) and forces or gradient (nconf, natoms, 3) under keys the user may override with the
 * options {@code energy_key} and {@code forces_key}.
 *
 * @param format         reader format name
 * @param zKey           atomic numbers dataset
 * @param coordKey       coordinates dataset
 * @param energyKey      default energy dataset
 * @param forcesKey      default forces (or gradient) dataset
 * @param lengthUnit     default unit of coordinates (e.g. {@code A}, {@code bohr})
 * @param energyUnit     default energy unit (e.g. {@code hartree})
 * @param forceUnit      default unit of the forces dataset (e.g. {@code hartree/A})
 * @param gradient       true when the forces dataset holds the energy gradient (force = −gradient)
 */
public record ConformerLayout(String format, String zKey, String coordKey, String energyKey, String forcesKey,
                              String lengthUnit, String energyUnit, String forceUnit, boolean gradient)
        implements Serializable {

    /**
     * ANI-1x / ANI-1ccx release layout ({@code ani1x-release.h5}): groups named by formula, {@code coordinates}
     * in Å, DFT {@code wb97x_dz.energy} in Hartree and {@code wb97x_dz.forces} in Hartree/Å.
     */
    public static final ConformerLayout ANI1X = new ConformerLayout("ani1x", "atomic_numbers", "coordinates",
            "wb97x_dz.energy", "wb97x_dz.forces", "A", "hartree", "hartree/A", false);

    /**
     * SPICE layout: groups per molecule, {@code conformations} in Bohr, {@code dft_total_energy} in Hartree and
     * {@code dft_total_gradient} in Hartree/Bohr (forces are its negative).
     */
    public static final ConformerLayout SPICE = new ConformerLayout("spice", "atomic_numbers", "conformations",
            "dft_total_energy", "dft_total_gradient", "bohr", "hartree", "hartree/bohr", true);
}
