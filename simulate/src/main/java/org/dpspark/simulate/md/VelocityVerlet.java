package org.dpspark.simulate.md;

/**
 * Velocity Verlet (NVE): v ← v + ½dt·a; x ← x + dt·v; forces; v ← v + ½dt·a, with a = F/m in Å/fs²
 * (F eV/Å, m amu, a = F/(m·103.642696)). Symplectic, time reversible, global error O(dt²).
 */
public final class VelocityVerlet implements Integrator {
    private final double dt;

    /** @param dt time step, fs */
    public VelocityVerlet(double dt) {
        if (!(dt > 0)) {
            throw new IllegalArgumentException("dt must be positive: " + dt);
        }
        this.dt = dt;
    }

    @Override public String name() { return "nve"; }

    @Override public double dt() { return dt; }

    @Override public int degreesOfFreedom(int natoms) { return Math.max(1, 3 * natoms - 3); }

    @Override
    public void step(MdState s, ForceField ff, int flags) {
        kick(s, 0.5 * dt);
        drift(s, dt);
        s.step++;
        s.time += dt;
        ff.compute(s, flags);
        kick(s, 0.5 * dt);
    }

    /** v ← v + τ·F/m for all atoms (τ in fs). */
    static void kick(MdState s, double tau) {
        double[] v = s.velocities;
        double[] f = s.eval.forces;
        double[] am = s.accelFactor;
        for (int i = 0; i < s.n; i++) {
            double c = tau * am[i];
            v[3 * i] += c * f[3 * i];
            v[3 * i + 1] += c * f[3 * i + 1];
            v[3 * i + 2] += c * f[3 * i + 2];
        }
    }

    /** x ← x + τ·v (τ in fs). */
    static void drift(MdState s, double tau) {
        double[] x = s.positions;
        double[] v = s.velocities;
        for (int k = 0; k < 3 * s.n; k++) {
            x[k] += tau * v[k];
        }
    }
}
