/**
 * Training data on Spark: {@link org.dpspark.train.data.FrameSource} selects frames of a frames table (dataset globs,
 * split) as {@link org.dpspark.train.data.TrainFrame}s (atoms mapped to the model's type indices; positions Å, energy
 * eV, forces n×3 eV/Å, virial 3×3 eV), {@link org.dpspark.train.data.TrainStats} computes the statistics a model
 * starts from (model module's accumulators, one {@code stats.json} format) and
 * {@link org.dpspark.train.data.ModelBytes} ships a model to executors as DeePMD-kit YAML.
 */
package org.dpspark.train.data;
