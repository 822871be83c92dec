/**
 * NumPy {@code .npy} (format 1.0–3.0) and {@code .npz} files in plain Java: {@link org.dpspark.ingest.npy.NpyReader}
 * (whole arrays or row ranges of the first axis, C or Fortran order returned as C order),
 * {@link org.dpspark.ingest.npy.NpzReader}, {@link org.dpspark.ingest.npy.NpyWriter} ({@code <f8}, {@code <i4}); an
 * array is an {@link org.dpspark.ingest.npy.NpyArray}: its shape and row-major doubles.
 */
package org.dpspark.ingest.npy;
