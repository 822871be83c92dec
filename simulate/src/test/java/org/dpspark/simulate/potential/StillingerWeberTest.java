package org.dpspark.simulate.potential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Stillinger–Weber forces and virial against finite differences of its energy. */
class StillingerWeberTest {
    private final StillingerWeber sw = StillingerWeber.silicon();

    @Test
    void forcesEqualFiniteDifferences() {
        // h = 1e-5 Å: truncation h²|E'''|/6 ~ 1e-10·(10 eV/Å³) = 1e-9, rounding 1e-16·250 eV/1e-5 Å ~ 3e-9 eV/Å;
        // forces are ~1–5 eV/Å, tolerance 1e-6 eV/Å. SW is smooth (C^∞) at its cutoff, so no pair spoils FD.
        for (Structure s : new Structure[] {SwConfigs.perturbed64(), SwConfigs.smallTriclinic()}) {
            double[] f = sw.evaluate(s).forcesCopy();
            double[] fd = FiniteDifference.forces(sw, s, 1e-5);
            for (int k = 0; k < f.length; k++) {
                assertEquals(fd[k], f[k], 1e-6, "component " + k);
            }
        }
    }

    @Test
    void virialEqualsStrainDerivative() {
        // Ξ_βα = −∂E/∂ε_αβ, step 1e-6 (relative strain): error ~1e-16·250/1e-6 + 1e-12·E''' ≲ 1e-7 eV; tol 1e-6 eV
        for (Structure s : new Structure[] {SwConfigs.perturbed64(), SwConfigs.smallTriclinic()}) {
            double[] w = sw.evaluate(s).virialCopy();
            double[] fd = FiniteDifference.strainDerivative(sw, s, 1e-6);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    assertEquals(fd[3 * a + b], w[3 * b + a], 1e-6, "virial " + a + b);
                }
            }
        }
    }

    @Test
    void translationAndRotationInvariance() {
        // total force vanishes (Newton's third law within each term): sum of ~1e2 terms of ~5 eV/Å, 1e-11
        Evaluation e = sw.evaluate(SwConfigs.perturbed64());
        double[] f = e.forcesCopy();
        for (int b = 0; b < 3; b++) {
            double sum = 0;
            for (int i = 0; i < f.length / 3; i++) {
                sum += f[3 * i + b];
            }
            assertEquals(0.0, sum, 1e-11);
        }
        // rotational invariance makes the virial symmetric
        double[] w = e.virialCopy();
        assertEquals(w[1], w[3], 1e-10);
        assertEquals(w[2], w[6], 1e-10);
        assertEquals(w[5], w[7], 1e-10);
    }
}
