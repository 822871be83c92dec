package org.dpspark.simulate.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.core.Units;
import org.dpspark.simulate.potential.LennardJones;
import org.dpspark.simulate.potential.LjSystems;
import org.junit.jupiter.api.Test;

/**
 * Thermostats reach their target temperature. System: 256-atom LJ argon liquid equilibrated at 90 K, heated
 * to T₀ = 110 K; 2000 steps of 5 fs; statistics over the second half (5 ps, 1000 samples).
 *
 * <p>Statistical error of the mean temperature: in the canonical ensemble the kinetic temperature fluctuates
 * with std T₀·√(2/f) (f ≈ 3N = 768: 5.6 K); samples are correlated over τ_c, taken conservatively as twice the
 * thermostat time (200 fs), so the mean over t = 5000 fs has σ_mean = T₀√(2/f)·√(2τ_c/t) ≈ 1.6 K. Bound: 4σ_mean.
 * (The runs are seeded, so the outcome is deterministic; the bound says why the seed is not cherry-picked.)
 */
class ThermostatTest {
    private static final double T0 = 110.0;
    private static final double DT = 5.0;
    private static final int STEPS = 2000;
    private static final double TAU = 100.0; // fs: Langevin 1/γ and Bussi τ

    private static double[] temperatures(MdState s, Integrator integ, LennardJones lj, double[] conserved) {
        double[] t = new double[STEPS + 1];
        Trajectory tr = new Trajectory(new ForceField(lj, MdFixtures.SKIN), integ, BlowUpGuard.forTarget(T0, 10))
                .observe(1, st -> {
                    t[(int) st.step] = Thermo.temperature(st, integ);
                    if (conserved != null) {
                        conserved[(int) st.step] = st.potentialEnergy() + Thermo.kineticEnergy(st) + st.reservoir;
                    }
                    return true;
                });
        RunResult r = tr.run(s, STEPS);
        assertTrue(r.ok(), r.toString());
        return t;
    }

    private static double sigmaMean(int dof) {
        double tauC = 2 * TAU;
        double window = DT * STEPS / 2;
        return T0 * Math.sqrt(2.0 / dof) * Math.sqrt(2 * tauC / window);
    }

    @Test
    void langevinReachesTarget() {
        LennardJones lj = LjSystems.argon(true);
        MdState s = MdFixtures.copy(MdFixtures.equilibratedLiquid(lj, 5L), 77L);
        LangevinBaoab integ = new LangevinBaoab(DT, T0, 1.0 / TAU);
        double[] t = temperatures(s, integ, lj, null);
        double mean = MdFixtures.mean(t, STEPS / 2, STEPS + 1);
        double bound = 4 * sigmaMean(integ.degreesOfFreedom(s.natoms()));
        System.out.printf("Langevin: <T> = %.2f K (target %.1f, bound ±%.2f K), std %.2f K%n", mean, T0, bound,
                MdFixtures.std(t, STEPS / 2, STEPS + 1));
        assertEquals(T0, mean, bound);
    }

    @Test
    void bussiReachesTargetWithCanonicalFluctuations() {
        LennardJones lj = LjSystems.argon(true);
        MdState s = MdFixtures.copy(MdFixtures.equilibratedLiquid(lj, 5L), 78L);
        BussiThermostat integ = new BussiThermostat(DT, T0, TAU);
        double[] conserved = new double[STEPS + 1];
        double[] t = temperatures(s, integ, lj, conserved);
        int f = integ.degreesOfFreedom(s.natoms());
        double mean = MdFixtures.mean(t, STEPS / 2, STEPS + 1);
        double std = MdFixtures.std(t, STEPS / 2, STEPS + 1);
        double bound = 4 * sigmaMean(f);
        System.out.printf("Bussi: <T> = %.2f K (target %.1f, bound ±%.2f K), std %.2f K (canonical %.2f K)%n", mean, T0,
                bound, std, T0 * Math.sqrt(2.0 / f));
        assertEquals(T0, mean, bound);
        // Bussi samples the canonical kinetic-energy distribution: std(T) = T₀√(2/f). With ~t/(2τ_c) ≈ 12 to 25
        // independent samples the std is known to ~20%; accept ±35%.
        assertEquals(T0 * Math.sqrt(2.0 / f), std, 0.35 * T0 * Math.sqrt(2.0 / f));
        // The effective energy E_pot + E_kin + (energy taken by the thermostat) is conserved like the NVE energy:
        // its drift per atom is below 1e-6 eV/ps (the thermostat moves ~1e-2 eV per atom per ps in and out).
        double drift = MdFixtures.slope(conserved, DT * 1e-3) / s.natoms();
        System.out.printf("Bussi: effective-energy drift %.3e eV/atom/ps%n", drift);
        assertTrue(Math.abs(drift) < 1e-6, "effective energy drift " + drift);
        // and momentum stays zero (velocity scaling preserves P = 0): |P| against m·v_thermal·√N
        double[] p = Thermo.momentum(s);
        double scale = 39.948 * Math.sqrt(Units.BOLTZMANN_EV_PER_K * T0 / (39.948 * Units.AMU_A2_PER_FS2_EV))
                * Math.sqrt(s.natoms());
        for (double pk : p) {
            assertEquals(0.0, pk, 1e-10 * scale);
        }
    }
}
