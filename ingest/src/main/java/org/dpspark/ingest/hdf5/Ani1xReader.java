package org.dpspark.ingest.hdf5;

/**
 * {@code ani1x}: the ANI-1x release HDF5 ({@link ConformerLayout#ANI1X}). Pick other labels with the options
 * {@code energy_key} (e.g. {@code ccsd(t)_cbs.energy}) and {@code forces_key}; energies are Hartree and
 * forces Hartree/Å unless {@code units} say otherwise.
 */
public final class Ani1xReader extends ConformerHdf5Reader {
    public Ani1xReader() {
        super(ConformerLayout.ANI1X);
    }
}
