package org.dpspark.simulate.dp;

import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.junit.jupiter.api.Test;

/**
 * Forces and virials of the hand-written reverse pass against finite differences of the energy.
 *
 * <p>Tolerance: central differences of the bias-free energy Σ(E_i − bias) with step h = 1e-5 Å have truncation
 * error h²/6·|∂³E| ≲ 1e-9 eV/Å for these smooth nets and round-off ≈ (√n·1e-14 eV)/(2h) ≲ 1e-8 eV/Å
 * (each E_i ~ 10² eV carries ~1e-14 eV rounding); 1e-6 eV/Å absolute leaves a wide margin while any wrong
 * derivative term shows up at ≥ 1e-4 (forces here are 1e-2 … 1 eV/Å). Strain: step 1e-5 (dimensionless), same reasoning.
 */
class DeepPotDerivativeTest {
    static final double H = 1e-5;
    static final double TOL = 1e-6;

    static void checkForces(DeepPotEvaluator ev, double[] pos, double[] cell, int[] types, int[] atoms, String what) {
        DeepPotResult r = ev.evaluate(pos, cell, types);
        assertEquals(0, r.neighboursDropped(), "sel overflow");
        double worst = 0;
        for (int k : atoms) {
            for (int b = 0; b < 3; b++) {
                double fd = Numerics.fdForce(ev, pos, cell, types, k, b, H);
                worst = Math.max(worst, Math.abs(fd - r.forces()[3 * k + b]));
            }
        }
        System.out.printf("%s: forces vs finite differences max|Δ| %.2e eV/Å (max|F| %.2e)%n", what, worst, Numerics.maxAbs(r.forces()));
        assertTrue(worst < TOL, what + ": force max|Δ| " + worst);
    }

    static void checkStrainVirial(DeepPotEvaluator ev, double[] pos, double[] cell, int[] types, String what) {
        DeepPotResult r = ev.evaluate(pos, cell, types);
        double worst = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double fd = Numerics.fdStrainVirial(ev, pos, cell, types, a, b, 1e-5);
                worst = Math.max(worst, Math.abs(fd - r.virial()[3 * a + b]));
            }
        }
        double[] sum = new double[9];
        for (int i = 0; i < types.length; i++) for (int k = 0; k < 9; k++) sum[k] += r.atomVirial()[9 * i + k];
        double dsum = 0;
        for (int k = 0; k < 9; k++) dsum = Math.max(dsum, Math.abs(sum[k] - r.virial()[k]));
        System.out.printf("%s: virial vs strain finite differences max|Δ| %.2e eV (max|Ξ| %.2e); Σ atom virials − Ξ %.1e%n",
                what, worst, Numerics.maxAbs(r.virial()), dsum);
        assertTrue(worst < TOL, what + ": virial max|Δ| " + worst);
        assertTrue(dsum < 1e-12, "per-atom virials sum to the virial (round-off only)");
    }

    static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    @Test
    void goldenFrame() throws Exception {
        DeepPotEvaluator ev = new DeepPotEvaluator(DeepPotModel.importDeepmd(GoldenCase.modelPath()));
        GoldenCase g = GoldenCase.load();
        checkForces(ev, g.coord, g.box, g.atype, range(g.natoms()), "golden frame");
        checkStrainVirial(ev, g.coord, g.box, g.atype, "golden frame");
    }

    @Test
    void waterFrameWithDeepmdModel() throws Exception {
        DeepPotEvaluator ev = new DeepPotEvaluator(DeepPotModel.importDeepmd(GoldenCase.modelPath()));
        WaterFrame w = WaterFrame.load(7);
        checkForces(ev, w.coord, w.box, w.types, new int[] {0, 5, 63, 64, 100, 191}, "water data_0 frame 7");
        checkStrainVirial(ev, w.coord, w.box, w.types, "water data_0 frame 7");
    }

    @Test
    void moleculeVirialIsSumOfForceTimesPosition() throws Exception {
        // Without a cell, translation invariance makes Ξ = −Σ_k ∂E/∂r_k ⊗ r_k = Σ_k F_k ⊗ r_k.
        DeepPotEvaluator ev = new DeepPotEvaluator(DeepPotModel.importDeepmd(GoldenCase.modelPath()));
        GoldenCase g = GoldenCase.load();
        double[] pos = g.coord.clone();
        pos[6] = 12.25; // put atom 2 next to the other water instead of across the periodic boundary
        DeepPotResult r = ev.evaluate(pos, null, g.atype);
        double[] fr = new double[9];
        for (int k = 0; k < g.natoms(); k++) {
            for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) fr[3 * a + b] += r.forces()[3 * k + a] * pos[3 * k + b];
        }
        double d = 0;
        for (int k = 0; k < 9; k++) d = Math.max(d, Math.abs(fr[k] - r.virial()[k]));
        assertTrue(Numerics.maxAbs(r.virial()) > 1e-4, "non-trivial virial");
        assertTrue(d < 1e-13, "Σ F⊗r vs virial " + d); // round-off of a 6-atom sum
        checkForces(ev, pos, null, g.atype, range(g.natoms()), "molecule (no cell)");
        checkStrainVirial(ev, pos, null, g.atype, "molecule (no cell)");
    }

    @Test
    void typePairEmbeddingsAndTimesteps() throws Exception {
        // type_one_side = false (T² embedding nets), resnet_dt in embedding (idt on the 2× and 1× layers) and fitting.
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 5.0, 1.0, new int[] {46, 92},
                new int[] {4, 8, 8}, 4, false, true, new int[] {16, 16}, true, "tanh");
        DeepPotModel m = DeepPotModels.random(spec, 0.05, 0.08, 0.05, new double[] {-93.0, -187.0}, 11);
        DeepPotEvaluator ev = new DeepPotEvaluator(m);
        WaterFrame w = WaterFrame.load(3);
        checkForces(ev, w.coord, w.box, w.types, new int[] {1, 70, 150}, "type_one_side=false");
        checkStrainVirial(ev, w.coord, w.box, w.types, "type_one_side=false");
    }

    @Test
    void otherActivations() throws Exception {
        WaterFrame w = WaterFrame.load(11);
        for (String act : new String[] {"gelu", "silu", "softplus", "sigmoid"}) {
            DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 4.0, 0.5, new int[] {20, 40},
                    new int[] {4, 8}, 2, true, false, new int[] {8, 8}, true, act);
            DeepPotEvaluator ev = new DeepPotEvaluator(DeepPotModels.random(spec, 0.1, 0.1, 0.05, new double[] {-1, -2}, 5));
            checkForces(ev, w.coord, w.box, w.types, new int[] {2, 90}, act);
        }
    }
}
