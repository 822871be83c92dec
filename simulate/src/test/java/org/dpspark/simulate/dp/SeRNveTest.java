package org.dpspark.simulate.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.eval.DeepPotCalculator;
import org.dpspark.model.eval.SeREvaluator;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.simulate.lattice.WaterBox;
import org.dpspark.simulate.md.BlowUpGuard;
import org.dpspark.simulate.md.ForceField;
import org.dpspark.simulate.md.MaxwellBoltzmann;
import org.dpspark.simulate.md.MdState;
import org.dpspark.simulate.md.RunResult;
import org.dpspark.simulate.md.Thermo;
import org.dpspark.simulate.md.Trajectory;
import org.dpspark.simulate.md.VelocityVerlet;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

/**
 * NVE with DeePMD-kit's se_e2_r test model deeppot-r (imported from its own serialization) on a 64-molecule water box,
 * through the calculator MD picks by name ({@code execution = java}: the se_e2_r reference, since the batched evaluator
 * is se_e2_a-only): energy conservation and the O(dt²) error of velocity Verlet.
 *
 * <p>As deeppot_sea (see {@link DeepPotNveTest}), deeppot-r is an inference test model with tiny forces (~1e-2 eV/Å):
 * water is not bound and atoms move almost ballistically, so the run is a short window (80 fs at 300 K) in which the
 * closest pair stays above 0.15 Å (asserted).
 */
class SeRNveTest {
    static final double T = 300.0;
    static final double WINDOW_FS = 80.0;

    static double[] nve(MdState start, DeepPotModel m, double dt) {
        return window(start, m, dt, WINDOW_FS, SeREvaluator.class);
    }

    /**
     * E_tot per step of a velocity-Verlet run of {@code windowFs} from {@code start} with MD's default execution
     * ({@code java}), which must be a {@code expected}; asserts the run stays finite and the closest pair above
     * 0.15 Å.
     */
    static double[] window(MdState start, DeepPotModel m, double dt, double windowFs,
            Class<? extends DeepPotCalculator> expected) {
        MdState s = new MdState(start.toStructure(), 0L);
        s.setVelocities(start.velocities);
        DeepPotCalculator calc = DeepPotCalculators.create("java", m);
        assertTrue(expected.isInstance(calc), "MD's default execution runs " + m.descriptor().type() + " on "
                + expected.getSimpleName() + ", got " + calc.getClass().getSimpleName());
        DeepPotPotential dp = DeepPotPotential.forStructure(calc, s.toStructure());
        int steps = (int) Math.round(windowFs / dt);
        double[] e = new double[steps + 1];
        double[] dmin = {Double.POSITIVE_INFINITY};
        NeighborListBuilder close = new NeighborListBuilder(1.0);
        Trajectory t = new Trajectory(new ForceField(dp, 1.0), new VelocityVerlet(dt), BlowUpGuard.nanOnly(10))
                .observe(1, st -> {
                    e[(int) st.step] = st.potentialEnergy() + Thermo.kineticEnergy(st);
                    if (st.step % 4 == 0) {
                        NeighborList nl = close.build(st.positions, st.cell, null);
                        for (int p = 0; p < nl.size(); p++) dmin[0] = Math.min(dmin[0], nl.distance(p));
                    }
                    return true;
                });
        RunResult r = t.run(s, steps);
        assertTrue(r.ok(), r.toString());
        assertTrue(dmin[0] > 0.15, "closest pair " + dmin[0] + " Å: the window reached the untrained short range");
        return e;
    }

    @Test
    void energyIsConservedAndErrorShrinksAsDtSquared() throws IOException {
        DeepPotModel m = DeepPotModel.importDeepmd(SharedData.path("deepmd-models/deeppot-r.yaml"));
        Structure box = WaterBox.build(64, 1.0, 7L);
        MdState st = new MdState(box, 11L);
        MaxwellBoltzmann.assign(st, T, true);
        int n = st.natoms();
        double[] e1 = nve(st, m, 0.5);
        double[] e2 = nve(st, m, 0.25);
        checkDtSquared("se_e2_r water NVE (192 atoms, 300 K, 80 fs)", e1, e2, n);
    }

    /**
     * Two velocity-Verlet runs from the same start, E_tot per step at dt = 0.5 fs ({@code e1}) and 0.25 fs ({@code e2})
     * of n atoms: the O(dt²) error and no drift.
     */
    static void checkDtSquared(String what, double[] e1, double[] e2, int n) {
        assertEquals(e1[0], e2[0], 0.0, "same start");
        double s1 = DeepPotNveTest.std(e1), s2 = DeepPotNveTest.std(e2);
        double d1 = DeepPotNveTest.slope(e1, 0.5e-3) / n, d2 = DeepPotNveTest.slope(e2, 0.25e-3) / n; // eV/atom/ps
        System.out.printf("%s: std E_tot dt=0.5 fs %.3e eV, dt=0.25 fs %.3e eV, ratio %.3f; drift %.3e, %.3e eV/atom/ps%n",
                what, s1, s2, s1 / s2, d1, d2);
        // Velocity Verlet's energy error is the O(dt²) shadow-Hamiltonian difference: halving dt divides the
        // fluctuation of E_tot by 4; accepted 3.5–4.5 for higher-order terms. Round-off of E ≈ −3·10⁴ eV summed over
        // 192 atoms is ~1e-11 eV, far below the fluctuation (asserted > 1e-8 eV so that the ratio is not noise).
        assertTrue(s2 > 1e-8, "fluctuation above round-off: " + s2);
        assertTrue(s1 / s2 > 3.5 && s1 / s2 < 4.5, "fluctuation ratio " + s1 / s2);
        // Drift bound as for se_e2_a: 1e-5 eV/atom/ps (4e-4 k_B T per atom per ps) at dt = 0.5 fs; a wrong force
        // (not −∇E) or a stale one drifts at O(dt) or worse.
        assertTrue(Math.abs(d1) < 1e-5, "drift at dt = 0.5 fs: " + d1 + " eV/atom/ps");
        assertTrue(Math.abs(d2) < 1e-5, "drift at dt = 0.25 fs: " + d2 + " eV/atom/ps");
    }
}
