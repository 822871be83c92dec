package org.dpspark.simulate.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.core.Units;
import org.dpspark.simulate.potential.Evaluation;
import org.dpspark.simulate.potential.LennardJones;
import org.dpspark.simulate.potential.LjSystems;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

/** Velocity Verlet: energy conservation on an LJ liquid, second-order convergence on the LJ dimer. */
class NveTest {

    /** Total energy (eV) at every step of an NVE run of {@code steps} steps of {@code dt} fs. */
    private static double[] totalEnergy(MdState start, LennardJones lj, double dt, int steps) {
        MdState s = MdFixtures.copy(start, 1L);
        ForceField ff = new ForceField(lj, MdFixtures.SKIN);
        double[] e = new double[steps + 1];
        Trajectory t = new Trajectory(ff, new VelocityVerlet(dt), BlowUpGuard.forTarget(MdFixtures.T_LIQUID, 10))
                .observe(1, st -> {
                    e[(int) st.step] = st.potentialEnergy() + Thermo.kineticEnergy(st);
                    return true;
                });
        RunResult r = t.run(s, steps);
        assertTrue(r.ok(), r.toString());
        assertTrue(r.rebuilds() > 1, "the Verlet list was rebuilt during the run");
        return e;
    }

    @Test
    void energyFluctuationShrinksAsDtSquaredAndDriftIsSmall() {
        // Shifted LJ (continuous energy) at r_c = 2.5σ, 256 atoms, T ≈ 90 K liquid. Over the same 4 ps, the
        // fluctuation of E_tot of velocity Verlet is the O(dt²) difference between the true and the shadow
        // Hamiltonian, so halving dt divides it by 4; the force jump at r_c (0.039 ε/σ) adds a small O(dt)-like
        // noise, hence the accepted range 3–5 for the ratio.
        LennardJones lj = LjSystems.argon(true);
        MdState start = MdFixtures.equilibratedLiquid(lj, 42L);
        int n = start.natoms();
        double[] e8 = totalEnergy(start, lj, 8.0, 500);
        double[] e4 = totalEnergy(start, lj, 4.0, 1000);
        double s8 = MdFixtures.std(e8, 0, e8.length);
        double s4 = MdFixtures.std(e4, 0, e4.length);
        double ratio = s8 / s4;
        System.out.printf("NVE LJ: std E_tot dt=8 fs %.3e eV, dt=4 fs %.3e eV, ratio %.3f%n", s8, s4, ratio);
        assertTrue(ratio > 3 && ratio < 5, "fluctuation ratio dt=8/dt=4 fs: " + ratio + " (" + s8 + ", " + s4 + ")");
        // Drift at dt = 4 fs (≈ 0.0019 τ): least-squares slope of E_tot per atom. Bound 1e-7 eV/atom/ps
        // (≈ 1e-5 k_B T per atom per ps at 90 K; measured ~7e-9): a correct VV with a continuous energy drifts only through the
        // force discontinuity at r_c and rounding, far below that; a wrong half-kick or stale list drifts by
        // orders of magnitude more (checked: a skin of 0 without rebuilds would fail).
        double drift = MdFixtures.slope(e4, 4.0 * 1e-3) / n; // eV per atom per ps
        System.out.printf("NVE LJ: drift at dt=4 fs %.3e eV/atom/ps%n", drift);
        assertTrue(Math.abs(drift) < 1e-7, "drift " + drift + " eV/atom/ps");
        // and the fluctuation itself is small against the thermal energy scale k_B T per atom
        assertTrue(s4 / n < 1e-3 * Units.BOLTZMANN_EV_PER_K * MdFixtures.T_LIQUID, "fluctuation per atom " + s4 / n);
    }

    /** Two argon atoms (no cell) released at rest from r_min + amplitude along x. */
    private static MdState dimer(double amplitude) {
        double rmin = Math.pow(2, 1.0 / 6) * LjSystems.SIGMA;
        Structure s = Structure.of(new double[] {0, 0, 0, rmin + amplitude, 0, 0}, null, null, new int[2],
                new int[] {18});
        return new MdState(s, 0L);
    }

    private static double separationAt(double dt, double tEnd, double amplitude) {
        MdState s = dimer(amplitude);
        LennardJones lj = LjSystems.argon(false);
        ForceField ff = new ForceField(lj, 1.0);
        VelocityVerlet vv = new VelocityVerlet(dt);
        ff.compute(s, Evaluation.ENERGY);
        long steps = Math.round(tEnd / dt);
        for (long k = 0; k < steps; k++) {
            vv.step(s, ff, 0);
        }
        return s.positions[3] - s.positions[0];
    }

    @Test
    void dimerConvergesAtSecondOrder() {
        // Hipparchus-style order test: error of r(t = 2000 fs) against a dt/64 reference; VV's global error is
        // O(dt²), so halving dt divides the error by 4 (accepted 3.5–4.5: higher-order terms at ω·dt ≤ 0.06).
        double amp = 0.2; // Å, anharmonic regime on purpose
        double tEnd = 2000;
        double ref = separationAt(10.0 / 64, tEnd, amp);
        double e1 = Math.abs(separationAt(10.0, tEnd, amp) - ref);
        double e2 = Math.abs(separationAt(5.0, tEnd, amp) - ref);
        double e3 = Math.abs(separationAt(2.5, tEnd, amp) - ref);
        System.out.printf("LJ dimer: errors %.3e %.3e %.3e Å, ratios %.3f %.3f%n", e1, e2, e3, e1 / e2, e2 / e3);
        assertTrue(e1 / e2 > 3.5 && e1 / e2 < 4.5, "error ratio " + e1 / e2);
        assertTrue(e2 / e3 > 3.5 && e2 / e3 < 4.5, "error ratio " + e2 / e3);
    }

    @Test
    void dimerOscillatesWithTheHarmonicPeriod() {
        // Small amplitude (0.002 Å): period 2π√(μ/k), k = φ''(r_min) = 36·2^(2/3) ε/σ², μ = m/2. The anharmonic
        // frequency shift is O((A/σ)²·10) ~ 1e-6 and VV's phase error (ω dt)²/24 ~ 1e-6 at dt = 1 fs, so the period
        // measured from the velocity's zero crossings must agree to 1e-4 (measured: 5e-6).
        double amp = 0.002;
        MdState s = dimer(amp);
        LennardJones lj = LjSystems.argon(false);
        ForceField ff = new ForceField(lj, 1.0);
        double dt = 1.0;
        VelocityVerlet vv = new VelocityVerlet(dt);
        ff.compute(s, Evaluation.ENERGY);
        double k = 36 * Math.pow(2, 2.0 / 3) * LjSystems.EPS / (LjSystems.SIGMA * LjSystems.SIGMA);
        double mu = s.masses[0] / 2;
        double period = 2 * Math.PI * Math.sqrt(mu * Units.AMU_A2_PER_FS2_EV / k);
        // relative velocity v = v1 − v0 along x: starts at 0, negative first (attraction), crosses zero upward at
        // T/2 and downward at T; find the downward crossing by linear interpolation
        double prev = 0;
        double crossing = Double.NaN;
        boolean wentPositive = false;
        for (int step = 1; step < 10 * period / dt; step++) {
            vv.step(s, ff, 0);
            double v = s.velocities[3] - s.velocities[0];
            if (v > 0) {
                wentPositive = true;
            }
            if (wentPositive && prev > 0 && v <= 0) {
                crossing = (step - 1 + prev / (prev - v)) * dt;
                break;
            }
            prev = v;
        }
        System.out.printf("LJ dimer: period %.4f fs, harmonic %.4f fs%n", crossing, period);
        assertEquals(period, crossing, 1e-4 * period, "period (fs)");
    }
}
