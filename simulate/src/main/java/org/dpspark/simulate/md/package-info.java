/**
 * The MD engine (no Spark): a mutable {@link org.dpspark.simulate.md.MdState} (flat arrays, no allocation per step)
 * advanced by an {@link org.dpspark.simulate.md.Integrator} ({@link org.dpspark.simulate.md.VelocityVerlet},
 * {@link org.dpspark.simulate.md.LangevinBaoab}, {@link org.dpspark.simulate.md.BussiThermostat}) through a
 * {@link org.dpspark.simulate.md.ForceField} on a {@link org.dpspark.simulate.md.VerletList}, run and guarded by
 * {@link org.dpspark.simulate.md.Trajectory} and {@link org.dpspark.simulate.md.BlowUpGuard}. Units Å, fs, amu, eV, K;
 * a = F/(m·103.642696) (docs/physics.md#molecular-dynamics).
 */
package org.dpspark.simulate.md;
