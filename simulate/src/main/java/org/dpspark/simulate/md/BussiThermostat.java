package org.dpspark.simulate.md;

import org.dpspark.core.Units;

/**
 * Stochastic velocity rescaling (Bussi, Donadio and Parrinello, J. Chem. Phys. 126, 014101 (2007)) on top of
 * velocity Verlet: after each VV step all velocities are scaled by α with α² = K'/K, where K' is drawn
 * exactly from the stochastic dynamics of the kinetic energy over one step (Bussi's eq. (A7)):
 * <pre>
 *   K' = K + (1 − c)(K̄ (R₁² + Σ_{i=2}^{f} R_i²)/f − K) + 2 R₁ √(c(1 − c) K K̄ / f),   c = exp(−dt/τ)
 * </pre>
 * with K̄ = f k_B T/2, f = 3N − 3 (momentum stays zero), R_i standard normals and Σ_{i≥2} R_i² drawn as one
 * χ²(f − 1) deviate ({@link Gaussians#chiSquared}). Random numbers from the state's stream. The kinetic energy
 * removed accumulates in {@code s.reservoir}, so E_pot + E_kin + reservoir is conserved up to the VV error.
 */
public final class BussiThermostat implements Integrator {
    private final VelocityVerlet vv;
    private final double temperature;
    private final double tau;
    private final double c;

    /**
     * @param dt time step, fs
     * @param temperature target, K
     * @param tau coupling time, fs (e.g. 100 dt); τ → ∞ gives NVE
     */
    public BussiThermostat(double dt, double temperature, double tau) {
        if (!(temperature >= 0) || !(tau > 0)) {
            throw new IllegalArgumentException("need T >= 0, tau > 0");
        }
        this.vv = new VelocityVerlet(dt);
        this.temperature = temperature;
        this.tau = tau;
        this.c = StrictMath.exp(-dt / tau);
    }

    @Override public String name() { return "bussi"; }

    @Override public double dt() { return vv.dt(); }

    public double temperature() { return temperature; }

    public double tau() { return tau; }

    @Override public int degreesOfFreedom(int natoms) { return vv.degreesOfFreedom(natoms); }

    @Override
    public void step(MdState s, ForceField ff, int flags) {
        vv.step(s, ff, flags);
        int f = degreesOfFreedom(s.n);
        double k = Thermo.kineticEnergy(s);
        if (!(k > 0)) {
            return;
        }
        double kbar = 0.5 * f * Units.BOLTZMANN_EV_PER_K * temperature;
        double r1 = Gaussians.next(s.rng);
        double sum = Gaussians.chiSquared(s.rng, f - 1);
        double knew = k + (1.0 - c) * (kbar * (sum + r1 * r1) / f - k)
                + 2.0 * r1 * Math.sqrt(k * kbar / f * (1.0 - c) * c);
        double alpha = Math.sqrt(Math.max(knew, 0.0) / k);
        double[] v = s.velocities;
        for (int q = 0; q < 3 * s.n; q++) {
            v[q] *= alpha;
        }
        s.reservoir += k - Thermo.kineticEnergy(s);
    }
}
