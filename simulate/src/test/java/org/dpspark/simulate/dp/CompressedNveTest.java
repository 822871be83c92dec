package org.dpspark.simulate.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.compress.Compression;
import org.dpspark.model.eval.BatchedDeepPotEvaluator;
import org.dpspark.simulate.lattice.WaterBox;
import org.dpspark.simulate.md.BlowUpGuard;
import org.dpspark.simulate.md.ForceField;
import org.dpspark.simulate.md.MaxwellBoltzmann;
import org.dpspark.simulate.md.MdState;
import org.dpspark.simulate.md.RunResult;
import org.dpspark.simulate.md.Thermo;
import org.dpspark.simulate.md.Trajectory;
import org.dpspark.simulate.md.VelocityVerlet;
import org.junit.jupiter.api.Test;

/**
 * NVE with the compressed deeppot_sea conserves energy as well as the uncompressed model: the setting of
 * {@link DeepPotNveTest} (64 water molecules, 300 K, 80 fs, the window whose closest pair stays above 0.15 Å),
 * both through the batched evaluator's MD path, the compressed one with tables made for neighbours down to 0.15 Å
 * (so that no environment of the window leaves them: asserted).
 *
 * <p>Bounds: the tables differ from the nets by ≲ 1e-13 in G (round-off, CompressedDeepPotEvaluatorTest), far below
 * the integrator's O(dt²) shadow-energy fluctuation (~6e-6 eV); so the fluctuation and the drift of E_tot must agree
 * with the uncompressed run's to a few per cent (accepted: 5 % of the fluctuation; drift below DeepPotNveTest's
 * 1e-5 eV/atom/ps), and the dt² law must hold (ratio 3.5–4.5 as there).
 */
class CompressedNveTest {

    static double[] nve(MdState start, DeepPotModel m, double dt, long[] overflow) {
        MdState s = new MdState(start.toStructure(), 0L);
        s.setVelocities(start.velocities);
        DeepPotPotential dp = DeepPotPotential.forStructure(new BatchedDeepPotEvaluator(m), s.toStructure());
        int steps = (int) Math.round(DeepPotNveTest.WINDOW_FS / dt);
        double[] e = new double[steps + 1];
        Trajectory t = new Trajectory(new ForceField(dp, 1.0), new VelocityVerlet(dt), BlowUpGuard.nanOnly(10))
                .observe(1, st -> {
                    e[(int) st.step] = st.potentialEnergy() + Thermo.kineticEnergy(st);
                    return true;
                });
        RunResult r = t.run(s, steps);
        assertTrue(r.ok(), r.toString());
        overflow[0] += dp.tableOverflow();
        return e;
    }

    @Test
    void compressedModelConservesEnergyAsWellAsUncompressed() throws IOException {
        DeepPotModel m = DeepPotNveTest.sea();
        DeepPotModel c = m.withCompression(Compression.build(m.seA(), 0.15, 0.01, 5, -1));
        MdState st = new MdState(WaterBox.build(64, 1.0, 7L), 11L);
        MaxwellBoltzmann.assign(st, DeepPotNveTest.T, true);
        int n = st.natoms();
        long[] overflow = {0};
        double[] u1 = nve(st, m, 0.5, overflow);
        double[] c1 = nve(st, c, 0.5, overflow);
        double[] c2 = nve(st, c, 0.25, overflow);
        assertEquals(0, overflow[0], "environments outside the tables");
        double su = DeepPotNveTest.std(u1), sc1 = DeepPotNveTest.std(c1), sc2 = DeepPotNveTest.std(c2);
        double du = DeepPotNveTest.slope(u1, 0.5e-3) / n, dc = DeepPotNveTest.slope(c1, 0.5e-3) / n;
        System.out.printf("DP water NVE, compressed vs uncompressed (192 atoms, 300 K, 80 fs, dt 0.5 fs): std E_tot %.4e vs"
                + " %.4e eV, drift %.3e vs %.3e eV/atom/ps; compressed dt 0.25 fs std %.4e (ratio %.3f); max |ΔE_tot| along"
                + " the run %.2e eV%n", sc1, su, dc, du, sc2, sc1 / sc2, maxDiff(c1, u1));
        assertTrue(Math.abs(sc1 - su) <= 0.05 * su, "fluctuation compressed " + sc1 + " vs uncompressed " + su);
        assertTrue(Math.abs(dc) < 1e-5, "drift " + dc + " eV/atom/ps");
        assertTrue(sc1 / sc2 > 3.5 && sc1 / sc2 < 4.5, "dt² ratio " + sc1 / sc2);
    }

    static double maxDiff(double[] a, double[] b) {
        double w = 0;
        for (int i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]));
        return w;
    }
}
