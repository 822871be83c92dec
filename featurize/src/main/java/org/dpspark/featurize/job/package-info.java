/**
 * {@code dpspark featurize}: {@link org.dpspark.featurize.job.FeaturizeJob} runs three distributed passes over a frames
 * table (neighbour statistics → {@code sel = auto}; davg/dstd and energy bias → {@code stats.json}; optional per-atom
 * descriptors or environment-matrix tables), each a partition function over the pure-Java
 * {@link org.dpspark.featurize.job.Featurizer}; settings in {@link org.dpspark.featurize.job.FeaturizeSettings}. The
 * physics (descriptors, environment matrices, statistics) lives in the {@code model} module.
 */
package org.dpspark.featurize.job;
