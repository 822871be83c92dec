/**
 * {@code dpspark simulate}, the MD ensemble on Spark: {@link org.dpspark.simulate.ensemble.EnsembleJob} expands
 * structures × potentials × integrators × temperatures × seeds into
 * {@link org.dpspark.simulate.ensemble.TrajectorySpec}s, one Spark task each runs a
 * {@link org.dpspark.simulate.ensemble.TrajectoryRun} (no Spark inside) and the job writes the trajectories and summary
 * tables and plots; settings in {@link org.dpspark.simulate.ensemble.SimulateSettings} (with {@code forRun} for the
 * loop), potentials in {@link org.dpspark.simulate.ensemble.PotentialSpec}. Times in fs, temperatures K, pressure bar
 * (docs/physics.md#molecular-dynamics).
 */
package org.dpspark.simulate.ensemble;
