package org.dpspark.simulate.md;

import org.dpspark.core.Units;

/**
 * Initial velocities from the Maxwell–Boltzmann distribution at temperature T: each component
 * v ~ N(0, k_B T/m) (Å/fs, with k_B T/m = k_B T/(m·103.642696) Å²/fs²), drawn from the state's random
 * stream, then the centre-of-mass velocity is subtracted (zero total momentum) and, optionally, all
 * velocities are scaled so that the temperature over 3N − 3 degrees of freedom is exactly T.
 */
public final class MaxwellBoltzmann {
    private MaxwellBoltzmann() {}

    /**
     * @param s state whose velocities are overwritten (uses {@code s.rng})
     * @param temperature K (≥ 0)
     * @param exact rescale to exactly T over 3N − 3 degrees of freedom
     */
    public static void assign(MdState s, double temperature, boolean exact) {
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0: " + temperature);
        }
        int n = s.n;
        double[] v = s.velocities;
        Gaussians.fill(s.rng, v, 3 * n);
        double kt = Units.BOLTZMANN_EV_PER_K * temperature;
        for (int i = 0; i < n; i++) {
            double sd = Math.sqrt(kt * s.accelFactor[i]);
            v[3 * i] *= sd;
            v[3 * i + 1] *= sd;
            v[3 * i + 2] *= sd;
        }
        zeroMomentum(s);
        if (exact && n > 1) {
            double t = Thermo.temperature(Thermo.kineticEnergy(s), 3 * n - 3);
            double scale = t > 0 ? Math.sqrt(temperature / t) : 0.0;
            for (int k = 0; k < 3 * n; k++) {
                v[k] *= scale;
            }
        }
    }

    /** Subtracts the centre-of-mass velocity. */
    public static void zeroMomentum(MdState s) {
        double px = 0, py = 0, pz = 0, mt = 0;
        double[] v = s.velocities;
        for (int i = 0; i < s.n; i++) {
            double m = s.masses[i];
            px += m * v[3 * i];
            py += m * v[3 * i + 1];
            pz += m * v[3 * i + 2];
            mt += m;
        }
        px /= mt;
        py /= mt;
        pz /= mt;
        for (int i = 0; i < s.n; i++) {
            v[3 * i] -= px;
            v[3 * i + 1] -= py;
            v[3 * i + 2] -= pz;
        }
    }
}
