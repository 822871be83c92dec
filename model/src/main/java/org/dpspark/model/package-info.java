/**
 * The Deep Potential model (se_e2_a + energy fitting) in DeePMD-kit's parameterisation, without Spark:
 * {@link org.dpspark.model.DeepPotModel} ({@code read(path)}: a model directory or a DeePMD-kit
 * {@code .yaml}/{@code .dp}), its parts ({@link org.dpspark.model.SeADescriptor},
 * {@link org.dpspark.model.EnerFitting}, nets of {@link org.dpspark.model.NetLayer}s: W row-major nIn×nOut) and its
 * files ({@link org.dpspark.model.ModelDirectory}). Units Å, eV. A new descriptor: there is no descriptor registry yet
 * (issue #14 plans one keyed by DeePMD-kit's {@code type} string); today it is a record beside {@code SeADescriptor},
 * its environment matrix in {@code model.env} and a case in the package-private {@code DeepmdTree}, which refuses every
 * other type.
 */
package org.dpspark.model;
