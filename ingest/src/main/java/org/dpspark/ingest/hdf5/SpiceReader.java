package org.dpspark.ingest.hdf5;

/**
 * {@code spice}: the SPICE HDF5 ({@link ConformerLayout#SPICE}): conformations in Bohr, energies in Hartree,
 * forces = −{@code dft_total_gradient} (Hartree/Bohr), converted to Å, eV, eV/Å.
 */
public final class SpiceReader extends ConformerHdf5Reader {
    public SpiceReader() {
        super(ConformerLayout.SPICE);
    }
}
