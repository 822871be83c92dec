package org.dpspark.simulate.md;

import org.dpspark.core.Units;
import org.dpspark.simulate.potential.LennardJones;
import org.dpspark.simulate.potential.LjSystems;
import org.dpspark.simulate.potential.Structure;

/** Shared MD test systems: an argon-like LJ liquid (256 atoms, ρ* = 0.8442), equilibrated with a fixed seed. */
final class MdFixtures {
    private MdFixtures() {}

    /** Liquid argon temperature used by the tests, K (T* = k_B T/ε ≈ 0.75). */
    static final double T_LIQUID = 90.0;
    /** Skin for LJ, Å (0.3σ as LAMMPS' in.lj). */
    static final double SKIN = 0.3 * LjSystems.SIGMA;

    /** LJ argon reduced time unit τ = σ√(m/ε), fs (≈ 2157 fs). */
    static double tau() {
        return LjSystems.SIGMA * Math.sqrt(39.948 * Units.AMU_A2_PER_FS2_EV / LjSystems.EPS);
    }

    /** fcc 4×4×4 (256 atoms) at ρ* = 0.8442, velocities at 2·T, melted and equilibrated 5 ps with Langevin. */
    static MdState equilibratedLiquid(LennardJones lj, long seed) {
        Structure s = LjSystems.fcc(4, 0.8442);
        MdState st = new MdState(s, seed);
        MaxwellBoltzmann.assign(st, 2 * T_LIQUID, true);
        ForceField ff = new ForceField(lj, SKIN);
        Trajectory t = new Trajectory(ff, new LangevinBaoab(5.0, T_LIQUID, 0.01), BlowUpGuard.forTarget(T_LIQUID, 10));
        RunResult r = t.run(st, 1000);
        if (!r.ok()) {
            throw new IllegalStateException("equilibration failed: " + r);
        }
        MaxwellBoltzmann.zeroMomentum(st); // Langevin noise does not conserve momentum; NVE tests want P = 0
        return st;
    }

    /** A fresh state with the same structure, positions and velocities (new seed, step 0). */
    static MdState copy(MdState s, long seed) {
        MdState c = new MdState(s.toStructure(), seed);
        c.setVelocities(s.velocities);
        return c;
    }

    static double mean(double[] a, int from, int to) {
        double m = 0;
        for (int k = from; k < to; k++) {
            m += a[k];
        }
        return m / (to - from);
    }

    static double std(double[] a, int from, int to) {
        double m = mean(a, from, to);
        double v = 0;
        for (int k = from; k < to; k++) {
            v += (a[k] - m) * (a[k] - m);
        }
        return Math.sqrt(v / (to - from - 1));
    }

    /** Least-squares slope of a[k] against k·dx. */
    static double slope(double[] a, double dx) {
        int n = a.length;
        double mx = (n - 1) / 2.0 * dx, my = mean(a, 0, n);
        double sxy = 0, sxx = 0;
        for (int k = 0; k < n; k++) {
            double x = k * dx - mx;
            sxy += x * (a[k] - my);
            sxx += x * x;
        }
        return sxy / sxx;
    }
}
