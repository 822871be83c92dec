/**
 * The Deep Potential model in DeePMD-kit's parameterisation, without Spark: {@link org.dpspark.model.DeepPotModel}
 * ({@link org.dpspark.model.DeepPotModel#read}: a model directory or a DeePMD-kit {@code .yaml}/{@code .dp}), its
 * parts (a {@link org.dpspark.model.Descriptor}: {@link org.dpspark.model.SeADescriptor} or
 * {@link org.dpspark.model.SeRDescriptor};
 * {@link org.dpspark.model.EnerFitting}; nets of {@link org.dpspark.model.NetLayer}s, W row-major nIn×nOut) and its
 * files ({@link org.dpspark.model.ModelDirectory}). Units Å, eV.
 *
 * <p>A new descriptor is one package: its {@link org.dpspark.model.Descriptor}, its
 * {@link org.dpspark.model.DescriptorFormat} (DeePMD-kit's serialization of it) and one line naming the format in
 * {@code META-INF/services/org.dpspark.model.DescriptorFormat}; {@link org.dpspark.model.DescriptorRegistry} finds it
 * by DeePMD-kit's {@code type} string, so {@code .yaml}/{@code .dp} files naming it load. Its environment matrix and
 * statistics go beside it; the evaluator and training call {@link org.dpspark.model.DeepPotModel#seA()} where they
 * implement se_e2_a (without fparam/aparam) only.
 */
package org.dpspark.model;
