package org.dpspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.junit.jupiter.api.Test;

/**
 * DPA-1's reference evaluator against answers known without DeePMD-kit: forces = −∂E/∂r and virial = −∂E/∂ε by its
 * own central differences in double, invariance under rotation, translation and permutation (across types), C²
 * smoothness at the cutoff, and the in-place MD path equal to {@link SeAttenEvaluator#evaluate} bitwise.
 *
 * <p>Finite differences and invariance checks are {@link SeRPhysicsTest}'s (its bounds: h = 1e-5 Å, 1e-7 eV/Å and eV,
 * which hold here too: truncation h²/6·|∂³E| ≲ 1e-10 eV/Å, round-off ≈ √n·2·ulp(E_i)/2h ≈ √100·1.4e-14/1e-5 ≈ 1.4e-8
 * eV/Å with |E_i| ≤ 80 eV, 4–5 orders below the forces, 1e-3 to 1e-1 eV/Å).
 */
class SeAttenPhysicsTest {
    static DeepPotModel random(boolean v2) {
        DeepPotModels.SeAttenSpec spec = new DeepPotModels.SeAttenSpec(List.of("O", "H", "C"), 4.5, 0.8, 60,
                new int[] {6, 12}, 3, 5, 8, 2, v2, false, true, new int[] {12, 12});
        return DeepPotModels.randomSeAtten(spec, 0.15, 0.3, 0.2, new double[] {-93.0, -187.0, -150.0}, 21);
    }

    /** Water frame 7 with types O, H mapped into the model's type map (index of "O" and "H"). */
    static SeRPhysicsTest.Frame water(DeepPotModel m) throws Exception {
        SeRPhysicsTest.Frame w = SeRPhysicsTest.Frame.water(7);
        int[] t = new int[w.types().length];
        for (int i = 0; i < t.length; i++) t[i] = m.typeMap().indexOf(w.types()[i] == 0 ? "O" : "H");
        return new SeRPhysicsTest.Frame(w.coord(), w.box(), t);
    }

    @Test
    void forcesAndVirialsAreEnergyDerivatives() throws Exception {
        for (String name : List.of("concat", "rough", "noattn", "v2")) {
            DeepPotModel m = SeAttenGoldenTest.model(name);
            SeRPhysicsTest.Frame w = water(m);
            SeRPhysicsTest.checkForcesAndVirial(ReferenceEvaluators.of(m), w.coord(), w.box(), w.types(), new int[] {0, 100}, name + ", water");
        }
        for (boolean v2 : new boolean[] {false, true}) {
            DeepPotModel m = random(v2);
            SeRPhysicsTest.Frame w = water(m);
            int[] types = w.types().clone();
            for (int i = 0; i < types.length; i += 9) types[i] = 2; // some carbons among them: three elements
            SeRPhysicsTest.checkForcesAndVirial(ReferenceEvaluators.of(m), w.coord(), w.box(), types, new int[] {9, 64, 191},
                    (v2 ? "random v2" : "random") + ", 3 elements, water box");
        }
    }

    @Test
    void moleculeWithoutCell() throws Exception {
        DeepPotModel m = SeAttenGoldenTest.model("concat");
        SeRPhysicsTest.Frame w = water(m);
        double[] pos = Arrays.copyOf(w.coord(), 3 * 30);
        int[] types = Arrays.copyOf(w.types(), 30);
        types[3] = 0; // a carbon
        SeRPhysicsTest.checkForcesAndVirial(ReferenceEvaluators.of(m), pos, null, types, new int[] {0, 3, 17, 29}, "concat, 30-atom cluster");
    }

    @Test
    void invariantUnderRotationTranslationAndPermutation() throws Exception {
        // Isolated cluster: E(Rx + c) = E(x), F(Rx + c) = R F(x); relabelling atoms permutes E_i and F_i, here with the
        // atoms of different types reordered among each other (reversed order). Round-off bound: |E_i| ≤ 200 eV with
        // ~1e4 operations per atom in another order → ≲ 1e-11 eV per atom; forces ~1e-14 eV/Å.
        SeRPhysicsTest.Frame w = SeRPhysicsTest.Frame.water(3);
        int n = 24;
        double[] pos = Arrays.copyOf(w.coord(), 3 * n);
        for (DeepPotModel m : List.of(SeAttenGoldenTest.model("concat"), SeAttenGoldenTest.model("rough"),
                SeAttenGoldenTest.model("v2"), random(false))) {
            int[] types = new int[n];
            for (int i = 0; i < n; i++) types[i] = i % 3 == 0 ? m.typeMap().indexOf("O") : i % 5 == 0 ? m.typeMap().indexOf("C")
                    : m.typeMap().indexOf("H");
            // atom 0 keeps its type under the permutation below (the last atom is an O too): DeePMD-kit's padding slots
            // take atom 0's type, a frame-level constant of its dense evaluation
            types[n - 1] = types[0];
            SeRPhysicsTest.checkInvariance(ReferenceEvaluators.of(m), pos, types);
        }
    }

    @Test
    void smoothAtTheCutoff() throws Exception {
        // A dimer at r_c − δ, with the smooth models (smooth_type_embedding; attn_layer 0): near r_c the switch is
        // w ≈ 10(1 − u)³ and the attention weights carry w_j w_k, so E(r_c − δ) − E(r ≥ r_c) ∝ δ³ and F ∝ δ².
        // Halving δ divides them by 8 and 4; ±15% for the next order (2δ/(r_c − r_s) ≈ 1% at δ = 0.02 Å). Both atoms
        // are of atom 0's type: DeePMD-kit's padding slots take atom 0's type, so a leaving neighbour of another type
        // turns into a padding slot of another type, a jump of its G·(−davg/dstd) term (its dense se_atten is smooth
        // at r_c only for neighbours of atom 0's type, or with davg = 0); this evaluator reproduces that as is.
        for (String name : List.of("concat", "noattn", "v2")) {
            DeepPotModel m = SeAttenGoldenTest.model(name);
            DeepPotCalculator ev = ReferenceEvaluators.of(m);
            double rc = m.rcut();
            int[] types = {2, 2};
            double far = ev.evaluate(new double[] {0, 0, 0, rc + 0.5, 0, 0}, null, types).energy();
            double[] dE = new double[2], f = new double[2];
            for (int k = 0; k < 2; k++) {
                double delta = 0.02 / (1 << k);
                DeepPotResult r = ev.evaluate(new double[] {0, 0, 0, rc - delta, 0, 0}, null, types);
                dE[k] = r.energy() - far;
                f[k] = r.forces()[3];
            }
            DeepPotResult at = ev.evaluate(new double[] {0, 0, 0, rc, 0, 0}, null, types);
            System.out.printf("se_atten %s at r_c: ΔE(δ=0.02)=%.3e ΔE(0.01)=%.3e ratio %.3f; F %.3e %.3e ratio %.3f%n",
                    name, dE[0], dE[1], dE[0] / dE[1], f[0], f[1], f[0] / f[1]);
            assertEquals(far, at.energy(), 0.0, "at r_c the neighbour no longer counts");
            assertEquals(0.0, at.forces()[3], 0.0);
            assertTrue(Math.abs(dE[0]) > 1e-12, "the neighbour inside r_c changes the energy");
            assertEquals(8.0, dE[0] / dE[1], 8 * 0.15, name + ": E − E(r_c) ∝ δ³");
            assertEquals(4.0, f[0] / f[1], 4 * 0.15, name + ": F ∝ δ²");
        }
        // with davg = 0 (set_davg_zero, DeePMD-kit's default for se_atten) padding slots are zero rows: smooth for a
        // leaving neighbour of any type. An H leaves the O (atom 0) while a C stays at 1.5 Å from the O (4.25 Å from
        // the H): D's cross term between the two neighbours is linear in the H's row, so again ΔE ∝ δ³.
        DeepPotCalculator ev = ReferenceEvaluators.of(DeepPotModels.randomSeAtten(new DeepPotModels.SeAttenSpec(
                List.of("O", "H", "C"), 4.0, 0.5, 20, new int[] {6, 12}, 3, 5, 8, 2, false, false, true, new int[] {12}),
                0.0, 0.3, 0.2, new double[] {-93.0, -187.0, -150.0}, 3));
        int[] types = {0, 2, 1};
        double far = ev.evaluate(new double[] {0, 0, 0, 0, 1.5, 0, 4.5, 0, 0}, null, types).energy();
        double e1 = ev.evaluate(new double[] {0, 0, 0, 0, 1.5, 0, 3.98, 0, 0}, null, types).energy() - far;
        double e2 = ev.evaluate(new double[] {0, 0, 0, 0, 1.5, 0, 3.99, 0, 0}, null, types).energy() - far;
        System.out.printf("se_atten davg = 0, H leaving O at r_c: ΔE(δ=0.02)=%.3e ΔE(0.01)=%.3e ratio %.3f%n", e1, e2, e1 / e2);
        assertTrue(Math.abs(e1) > 1e-12, "the neighbour inside r_c changes the energy");
        assertEquals(8.0, e1 / e2, 8 * 0.15, "davg = 0: E − E(r_c) ∝ δ³ across types");
    }

    @Test
    void inPlacePathEqualsEvaluateBitwise() throws Exception {
        DeepPotModel m = SeAttenGoldenTest.model("v2");
        SeRPhysicsTest.Frame w = water(m);
        SeAttenEvaluator a = new SeAttenEvaluator(m), b = new SeAttenEvaluator(m);
        DeepPotResult r = a.evaluate(w.coord(), w.box(), w.types());
        int n = w.types().length;
        double[] f = new double[3 * n], v = new double[9], e = new double[n];
        double energy = b.evaluateInto(w.coord(), w.box(), w.types(), f, v, e);
        assertEquals(r.energy(), energy, 0.0);
        assertArrayEquals(r.forces(), f, 0.0);
        assertArrayEquals(r.virial(), v, 0.0);
        assertArrayEquals(r.atomEnergy(), e, 0.0);
    }
}
