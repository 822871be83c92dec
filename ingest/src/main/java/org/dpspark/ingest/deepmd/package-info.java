/**
 * DeePMD-kit data systems: readers {@link org.dpspark.ingest.deepmd.DeepmdNpyReader} ({@code deepmd/npy}: a folder of
 * {@code type.raw}, {@code type_map.raw}, {@code set.*}/{@code *.npy}),
 * {@link org.dpspark.ingest.deepmd.DeepmdRawReader} ({@code deepmd/raw}, text) and
 * {@link org.dpspark.ingest.deepmd.DeepmdHdf5Reader} ({@code deepmd/hdf5}, groups), and the writer
 * {@link org.dpspark.ingest.deepmd.DeepmdNpyWriter} with {@link org.dpspark.ingest.deepmd.DeepmdSystems} (frames
 * grouped into systems) for export. Values are already in dpspark units (Å, eV, eV/Å, virial eV); arrays are nframes ×
 * (natoms·3) or × 9, row-major, read a chunk of frames at a time.
 */
package org.dpspark.ingest.deepmd;
