/**
 * {@code dpspark train} and {@code dpspark test}, the Spark side: {@link org.dpspark.train.job.TrainJob} (frames →
 * statistics → {@link org.dpspark.train.job.ModelInit} → data-parallel rounds → model directory and checkpoints) on
 * {@link org.dpspark.train.job.SparkGraphEngine} (dl4j-spark parameter averaging, with the network-reusing master and
 * worker) or {@link org.dpspark.train.job.RddEngine} (dpspark's own rounds of {@link org.dpspark.train.job.Trainer}),
 * {@link org.dpspark.train.job.TestJob}, {@link org.dpspark.train.job.Metrics} (eV/atom, eV/Å) and the settings
 * {@link org.dpspark.train.job.TrainSettings} (docs/training.md).
 */
package org.dpspark.train.job;
