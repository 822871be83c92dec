package org.dpspark.simulate.md;

import org.dpspark.core.Units;

/**
 * Langevin dynamics (NVT) in the BAOAB splitting of Leimkuhler and Matthews (2013):
 * B: v += ½dt·a; A: x += ½dt·v; O: v ← c₁v + √((1 − c₁²) k_B T/m)·ξ with c₁ = exp(−γ dt);
 * A: x += ½dt·v; forces; B: v += ½dt·a. Samples the Boltzmann distribution of positions with O(dt²) error
 * (exact for harmonic potentials). ξ from the state's random stream (3N normals per step, in atom order).
 * The kinetic energy the O step removes accumulates in {@code s.reservoir}.
 */
public final class LangevinBaoab implements Integrator {
    private final double dt;
    private final double temperature;
    private final double gamma;
    private final double c1;
    private double[] noise = new double[0];
    private double[] c2 = new double[0];

    /**
     * @param dt time step, fs
     * @param temperature target, K
     * @param gamma friction, 1/fs (e.g. 0.01 = 1/(100 fs))
     */
    public LangevinBaoab(double dt, double temperature, double gamma) {
        if (!(dt > 0) || !(temperature >= 0) || !(gamma >= 0)) {
            throw new IllegalArgumentException("need dt > 0, T >= 0, gamma >= 0");
        }
        this.dt = dt;
        this.temperature = temperature;
        this.gamma = gamma;
        this.c1 = StrictMath.exp(-gamma * dt);
    }

    @Override public String name() { return "langevin-baoab"; }

    @Override public double dt() { return dt; }

    public double temperature() { return temperature; }

    public double friction() { return gamma; }

    @Override public int degreesOfFreedom(int natoms) { return 3 * natoms; }

    @Override
    public void step(MdState s, ForceField ff, int flags) {
        int n = s.n;
        if (c2.length != n) {
            c2 = new double[n];
            noise = new double[3 * n];
            double kt = Units.BOLTZMANN_EV_PER_K * temperature;
            for (int i = 0; i < n; i++) {
                c2[i] = Math.sqrt((1.0 - c1 * c1) * kt * s.accelFactor[i]);
            }
        }
        VelocityVerlet.kick(s, 0.5 * dt);
        VelocityVerlet.drift(s, 0.5 * dt);
        double before = Thermo.kineticEnergy(s);
        Gaussians.fill(s.rng, noise, 3 * n);
        double[] v = s.velocities;
        for (int i = 0; i < n; i++) {
            double c = c2[i];
            v[3 * i] = c1 * v[3 * i] + c * noise[3 * i];
            v[3 * i + 1] = c1 * v[3 * i + 1] + c * noise[3 * i + 1];
            v[3 * i + 2] = c1 * v[3 * i + 2] + c * noise[3 * i + 2];
        }
        s.reservoir += before - Thermo.kineticEnergy(s);
        VelocityVerlet.drift(s, 0.5 * dt);
        s.step++;
        s.time += dt;
        ff.compute(s, flags);
        VelocityVerlet.kick(s, 0.5 * dt);
    }
}
