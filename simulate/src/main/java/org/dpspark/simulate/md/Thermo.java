package org.dpspark.simulate.md;

import org.dpspark.core.CellMath;
import org.dpspark.core.Units;

/**
 * Thermodynamic observables of an {@link MdState}.
 *
 * <p>Temperature T = 2 E_kin / (f k_B) with f the integrator's degrees of freedom: 3N − 3 when total momentum is
 * conserved and was zeroed (NVE, Bussi), 3N under Langevin noise (docs/physics.md#molecular-dynamics:
 * T = 2E_kin/((3N − N_constraints) k_B)). Pressure P = (N k_B T + tr(Ξ)/3)/V
 * (docs/physics.md#forces-virial-stress-signs), with T the temperature over the integrator's degrees of freedom, in
 * bar: the one pressure formula of dpspark (the ensemble's frames and summaries use it).
 */
public final class Thermo {
    private Thermo() {}

    /** Kinetic energy ½Σ m v², eV. */
    public static double kineticEnergy(MdState s) {
        double[] v = s.velocities;
        double sum = 0.0;
        for (int i = 0; i < s.n; i++) {
            double vx = v[3 * i], vy = v[3 * i + 1], vz = v[3 * i + 2];
            sum += s.masses[i] * (vx * vx + vy * vy + vz * vz);
        }
        return 0.5 * sum * Units.AMU_A2_PER_FS2_EV;
    }

    /** Temperature (K) of a kinetic energy (eV) over {@code dof} degrees of freedom. */
    public static double temperature(double kineticEnergy, int dof) {
        return 2.0 * kineticEnergy / (dof * Units.BOLTZMANN_EV_PER_K);
    }

    /** Temperature, K, with the integrator's degrees of freedom. */
    public static double temperature(MdState s, Integrator integrator) {
        return temperature(kineticEnergy(s), integrator.degreesOfFreedom(s.n));
    }

    /**
     * Pressure (docs/physics.md#forces-virial-stress-signs) P = (N k_B T + tr(Ξ)/3)/V, bar.
     *
     * @param natoms N
     * @param temperature T, K (instantaneous, over the integrator's degrees of freedom)
     * @param virial Ξ, 3×3 row-major, eV
     * @param volume V, Å³ (NaN without a cell gives NaN)
     */
    public static double pressureBar(int natoms, double temperature, double[] virial, double volume) {
        double p = (natoms * Units.BOLTZMANN_EV_PER_K * temperature + (virial[0] + virial[4] + virial[8]) / 3.0) / volume;
        return p * Units.EV_PER_A3_BAR;
    }

    /**
     * Pressure in bar ({@link #pressureBar(int, double, double[], double)}) of a state, from the latest evaluated
     * virial (the step must have requested {@code Evaluation.VIRIAL}) and T over the integrator's degrees of
     * freedom; NaN without a cell.
     */
    public static double pressureBar(MdState s, Integrator integrator) {
        if (s.cell == null) {
            return Double.NaN;
        }
        return pressureBar(s.natoms(), temperature(s, integrator), s.eval.virial, Math.abs(CellMath.determinant(s.cell)));
    }

    /** Total momentum Σ m v, amu·Å/fs (length 3). */
    public static double[] momentum(MdState s) {
        double[] p = new double[3];
        for (int i = 0; i < s.n; i++) {
            for (int b = 0; b < 3; b++) {
                p[b] += s.masses[i] * s.velocities[3 * i + b];
            }
        }
        return p;
    }
}
