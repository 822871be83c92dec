/**
 * HDF5 conformer collections (one group per molecule, conformers along the first axis), read with the pure-Java
 * io.jhdf: {@link org.dpspark.ingest.hdf5.Ani1xReader} ({@code ani1x}) and {@link org.dpspark.ingest.hdf5.SpiceReader}
 * ({@code spice}) over {@link org.dpspark.ingest.hdf5.ConformerHdf5Reader}; a new collection is a
 * {@link org.dpspark.ingest.hdf5.ConformerLayout} (dataset names and units: Hartree, Bohr → eV, Å, eV/Å) and a reader
 * registered in {@link org.dpspark.ingest.read.ReaderRegistry}. {@link org.dpspark.ingest.hdf5.Hdf5Arrays}: flat
 * row-major reads and row ranges.
 */
package org.dpspark.ingest.hdf5;
