package org.dpspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpspark.core.testing.NpyRows;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.junit.jupiter.api.Test;

/**
 * se_e2_r's reference evaluator against answers known without it: forces = −∂E/∂r and virial = −∂E/∂ε by finite
 * differences, invariance under rotation, translation and permutation, and C² smoothness at the cutoff.
 *
 * <p>Finite-difference tolerance: central differences Σ_i (E_i(x + h) − E_i(x − h)) / 2h with h = 1e-5 Å have
 * truncation error h²/6·|∂³E| ≲ 1e-9 eV/Å for these smooth nets and round-off ≈ √n·3e-14 eV / 2h ≲ 2e-8 eV/Å
 * (n ≲ 100 atoms within r_c change, E_i ≈ 190 eV); 1e-7 eV/Å is still 4 orders below the forces (~1e-2 eV/Å and
 * more), so any wrong term fails.
 */
class SeRPhysicsTest {
    static final double H = 1e-5;
    static final double TOL = 1e-7;

    /** A 192-atom frame of DeePMD-kit's water data (O = 0, H = 1, 12.44 Å cubic box). */
    record Frame(double[] coord, double[] box, int[] types) {
        static Frame water(int frame) throws IOException {
            Path dir = SharedData.path("deepmd/water/data_0");
            String[] t = Files.readString(dir.resolve("type.raw")).trim().split("\\s+");
            int[] types = new int[t.length];
            for (int i = 0; i < t.length; i++) types[i] = Integer.parseInt(t[i]);
            return new Frame(NpyRows.row(dir.resolve("set.000/coord.npy"), frame, 3 * types.length),
                    NpyRows.row(dir.resolve("set.000/box.npy"), frame, 9), types);
        }
    }

    /** type_one_side = true (dpmodel's only mode), timesteps in embedding and fitting, 2×-widening resnet layers. */
    static DeepPotModel randomOneSide() {
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 5.0, 1.0, new int[] {46, 92},
                new int[] {4, 8, 8}, 1, true, true, new int[] {16, 16}, true, "tanh");
        return DeepPotModels.randomSeR(spec, 0.05, 0.08, new double[] {-93.0, -187.0}, 11);
    }

    /**
     * E(b) − E(a) summed atom by atom, Σ_i (E_i(b) − E_i(a)): deeppot-r keeps its −93/−187 eV offsets inside the nets,
     * and the total of 192 such energies (−3·10⁴ eV, ulp 3.6e-12) would carry ~3e-11 eV of summation round-off into
     * a difference of ~1e-7 eV; per-atom differences first keep it at the per-atom ulps (≲ 3e-14 eV each).
     */
    static double energyChange(DeepPotCalculator ev, double[] posA, double[] cellA, double[] posB, double[] cellB, int[] types) {
        double[] a = ev.evaluate(posA, cellA, types).atomEnergy(), b = ev.evaluate(posB, cellB, types).atomEnergy();
        double d = 0;
        for (int i = 0; i < types.length; i++) d += b[i] - a[i];
        return d;
    }

    static void checkForcesAndVirial(DeepPotCalculator ev, double[] pos, double[] cell, int[] types, int[] atoms, String what) {
        DeepPotResult r = ev.evaluate(pos, cell, types);
        assertEquals(0, r.neighboursDropped(), "sel overflow");
        double worstF = 0;
        for (int k : atoms) {
            for (int b = 0; b < 3; b++) {
                double[] p = pos.clone(), m = pos.clone();
                p[3 * k + b] += H;
                m[3 * k + b] -= H;
                worstF = Math.max(worstF, Math.abs(-energyChange(ev, m, cell, p, cell, types) / (2 * H) - r.forces()[3 * k + b]));
            }
        }
        double worstV = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double de = energyChange(ev, deform(pos, a, b, -H), cell == null ? null : deform(cell, a, b, -H),
                        deform(pos, a, b, H), cell == null ? null : deform(cell, a, b, H), types);
                worstV = Math.max(worstV, Math.abs(-de / (2 * H) - r.virial()[3 * a + b]));
            }
        }
        double[] sum = new double[9];
        for (int i = 0; i < types.length; i++) for (int k = 0; k < 9; k++) sum[k] += r.atomVirial()[9 * i + k];
        double dsum = 0;
        for (int k = 0; k < 9; k++) dsum = Math.max(dsum, Math.abs(sum[k] - r.virial()[k]));
        System.out.printf("%s %s: forces vs FD max|Δ| %.2e eV/Å (max|F| %.2e), virial vs strain FD %.2e eV"
                + " (max|Ξ| %.2e)%n", ev.model().descriptor().type(), what, worstF, maxAbs(r.forces()), worstV,
                maxAbs(r.virial()));
        assertTrue(maxAbs(r.forces()) > 1e3 * TOL, "non-trivial forces");
        assertTrue(worstF < TOL, what + ": force max|Δ| " + worstF);
        assertTrue(worstV < TOL, what + ": virial max|Δ| " + worstV);
        assertTrue(dsum < 1e-12, "per-atom virials sum to the virial (round-off only): " + dsum);
    }

    @Test
    void forcesAndVirialsAreEnergyDerivatives() throws Exception {
        SeRGoldenCase g = SeRGoldenCase.load();
        checkForcesAndVirial(ReferenceEvaluators.of(SeRGoldenCase.model()), g.coord, g.box, g.atype,
                new int[] {0, 1, 2, 3, 4, 5}, "deeppot-r, golden frame");
        Frame w = Frame.water(7);
        checkForcesAndVirial(ReferenceEvaluators.of(SeRGoldenCase.model()), w.coord(), w.box(), w.types(),
                new int[] {0, 5, 64, 191}, "deeppot-r, water frame");
        checkForcesAndVirial(ReferenceEvaluators.of(randomOneSide()), w.coord(), w.box(), w.types(),
                new int[] {1, 70, 150}, "random type_one_side + resnet_dt, water frame");
    }

    @Test
    void frameAndAtomicParameters() throws Exception {
        // se_e2_r with numb_fparam 1, numb_aparam 2: the parameters shift energies, forces stay −∂E/∂r (the
        // parameters are constants of the frame), and parameters given for one call are not kept.
        DeepPotModel m = DeepPotModels.withFrameParams(randomOneSide(), new double[] {300.0}, new double[] {0.01},
                new double[] {0.5, -1.0}, new double[] {2.0, 4.0}, 5);
        SeREvaluator ev = new SeREvaluator(m);
        Frame w = Frame.water(2);
        int n = w.types().length;
        double[] ap = new double[2 * n];
        for (int i = 0; i < n; i++) {
            ap[2 * i] = 0.5 + 0.01 * (i % 7);
            ap[2 * i + 1] = -1.0 + 0.02 * (i % 5);
        }
        ev.setFrameParams(new double[] {350.0}, ap);
        checkForcesAndVirial(ev, w.coord(), w.box(), w.types(), new int[] {3, 90}, "random, fparam 1 + aparam 2");
        double e1 = ev.evaluate(w.coord(), w.box(), w.types()).energy();
        double e2 = ev.evaluate(w.coord(), w.box(), w.types(), new double[] {250.0}, ap, false).energy();
        assertTrue(Math.abs(e1 - e2) > 1e-3, "fparam changes the energy: " + e1 + " vs " + e2);
        assertEquals(e1, ev.evaluate(w.coord(), w.box(), w.types()).energy(), 0.0, "the call-only parameters are not kept");
    }

    @Test
    void moleculeWithoutCell() throws Exception {
        SeRGoldenCase g = SeRGoldenCase.load();
        double[] pos = g.coord.clone();
        pos[6] = 12.25; // atom 2 next to its water instead of across the periodic boundary
        checkForcesAndVirial(ReferenceEvaluators.of(randomOneSide()), pos, null, g.atype, new int[] {0, 1, 2, 3, 4, 5},
                "random model, 6-atom molecule");
    }

    @Test
    void invariantUnderRotationTranslationAndPermutation() throws Exception {
        // Isolated cluster (no cell): E(Rx + c) = E(x), F(Rx + c) = R F(x); relabelling atoms permutes E_i and F_i.
        // Round-off bound: E_i ~ 190 eV, 1e-16 relative over ~1e3 operations → ≲ 1e-11 eV; forces ≲ 1e-13 eV/Å.
        Frame w = Frame.water(3);
        int n = 24;
        double[] pos = java.util.Arrays.copyOf(w.coord(), 3 * n);
        int[] types = java.util.Arrays.copyOf(w.types(), n);
        for (DeepPotModel m : List.of(SeRGoldenCase.model(), randomOneSide())) {
            checkInvariance(ReferenceEvaluators.of(m), pos, types);
        }
    }

    /**
     * E(Rx + c) = E(x), F(Rx + c) = R F(x) for an isolated cluster, and reversing the atom order (which reorders the
     * types too) permutes E_i and F_i; bounds 1e-10 eV (E), 1e-11 eV (E_i), 1e-12 eV/Å (F): see the callers.
     */
    static void checkInvariance(DeepPotCalculator ev, double[] pos, int[] types) {
        int n = types.length;
        DeepPotResult r0 = ev.evaluate(pos, null, types);
        double[] rot = rotation(0.3, -1.1, 2.0);
        double[] moved = rotate(pos, rot);
        for (int i = 0; i < n; i++) {
            moved[3 * i] += 3.7;
            moved[3 * i + 1] -= 11.2;
            moved[3 * i + 2] += 0.4;
        }
        DeepPotResult r1 = ev.evaluate(moved, null, types);
        assertEquals(r0.energy(), r1.energy(), 1e-10, "rotation + translation");
        double[] fr = rotate(r0.forces(), rot);
        for (int k = 0; k < 3 * n; k++) assertEquals(fr[k], r1.forces()[k], 1e-12, "rotated force " + k);
        // permutation: reverse the atom order (mixes the types' order too)
        double[] pp = new double[3 * n];
        int[] pt = new int[n];
        for (int i = 0; i < n; i++) {
            int j = n - 1 - i;
            pt[i] = types[j];
            System.arraycopy(pos, 3 * j, pp, 3 * i, 3);
        }
        DeepPotResult r2 = ev.evaluate(pp, null, pt);
        assertEquals(r0.energy(), r2.energy(), 1e-10, "permutation");
        for (int i = 0; i < n; i++) {
            int j = n - 1 - i;
            assertEquals(r0.atomEnergy()[j], r2.atomEnergy()[i], 1e-11, "atom energy " + j);
            for (int b = 0; b < 3; b++) assertEquals(r0.forces()[3 * j + b], r2.forces()[3 * i + b], 1e-12);
        }
        assertTrue(maxAbs(r0.forces()) > 1e-3, "non-trivial forces");
    }

    @Test
    void smoothAtTheCutoff() throws Exception {
        // An O–H dimer at distance r_c − δ: near r_c the switch is w ≈ 10(1 − u)³, so E(r_c − δ) − E(r ≥ r_c) ∝ δ³ and
        // the force ∝ δ² (C² continuity). Halving δ must divide them by 8 and 4; accepted ±15% for the next order in δ
        // (u-expansion: relative corrections ~ 2δ/(r_c − r_s) = 0.8% at δ = 0.02 Å).
        DeepPotModel m = SeRGoldenCase.model();
        DeepPotCalculator ev = ReferenceEvaluators.of(m);
        double rc = m.rcut();
        int[] types = {0, 1};
        double far = ev.evaluate(new double[] {0, 0, 0, rc + 0.5, 0, 0}, null, types).energy();
        double[] dE = new double[2], f = new double[2];
        for (int k = 0; k < 2; k++) {
            double delta = 0.02 / (1 << k);
            DeepPotResult r = ev.evaluate(new double[] {0, 0, 0, rc - delta, 0, 0}, null, types);
            dE[k] = r.energy() - far;
            f[k] = r.forces()[3];
        }
        DeepPotResult at = ev.evaluate(new double[] {0, 0, 0, rc, 0, 0}, null, types);
        System.out.printf("se_e2_r at r_c: ΔE(δ=0.02)=%.3e ΔE(0.01)=%.3e ratio %.3f; F %.3e %.3e ratio %.3f%n",
                dE[0], dE[1], dE[0] / dE[1], f[0], f[1], f[0] / f[1]);
        assertEquals(far, at.energy(), 0.0, "at r_c the neighbour no longer counts");
        assertEquals(0.0, at.forces()[3], 0.0);
        assertTrue(Math.abs(dE[0]) > 1e-12, "the neighbour inside r_c changes the energy");
        assertEquals(8.0, dE[0] / dE[1], 8 * 0.15, "E − E(r_c) ∝ δ³");
        assertEquals(4.0, f[0] / f[1], 4 * 0.15, "F ∝ δ²");
    }

    static double[] deform(double[] x, int alpha, int beta, double e) {
        double[] y = x.clone();
        for (int r = 0; r < x.length / 3; r++) y[3 * r + alpha] += e * x[3 * r + beta];
        return y;
    }

    static double[] rotate(double[] x, double[] rot) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / 3; r++) {
            for (int a = 0; a < 3; a++) {
                y[3 * r + a] = rot[3 * a] * x[3 * r] + rot[3 * a + 1] * x[3 * r + 1] + rot[3 * a + 2] * x[3 * r + 2];
            }
        }
        return y;
    }

    static double[] rotation(double a, double b, double c) {
        double[] rz = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
        double[] ry = {Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)};
        double[] rx = {1, 0, 0, 0, Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c)};
        return mul(rz, mul(ry, rx));
    }

    static double[] mul(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
        return c;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) m = Math.max(m, Math.abs(x));
        return m;
    }
}
