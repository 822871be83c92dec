package org.dpspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.model.DeepPotModel;
import org.junit.jupiter.api.Test;

/**
 * THE check that dpspark's se_e2_r is DeePMD-kit's: deeppot-r.yaml (DeePMD-kit's own TensorFlow-trained se_r test
 * model, type_one_side = false, imported from its serialization) on DeePMD-kit's test frame reproduces DeePMD-kit's
 * per-atom energies, forces and per-atom virials.
 */
class SeRGoldenTest {

    static double maxAbsDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length, "length");
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    @Test
    void reproducesDeepmdReference() throws Exception {
        DeepPotModel model = SeRGoldenCase.model();
        SeRGoldenCase g = SeRGoldenCase.load();
        DeepPotResult r = ReferenceEvaluators.of(model).evaluate(g.coord, g.box, g.atype, true);
        int n = g.natoms();
        double[] totalVirialRef = new double[9];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 9; k++) totalVirialRef[k] += g.atomicVirial[9 * i + k];
        }
        double eRef = 0;
        for (double e : g.atomicEnergy) eRef += e;
        double dE = maxAbsDiff(r.atomEnergy(), g.atomicEnergy);
        double dF = maxAbsDiff(r.forces(), g.force);
        double dV = maxAbsDiff(r.atomVirial(), g.atomicVirial);
        double dVt = maxAbsDiff(r.virial(), totalVirialRef);
        System.out.printf("golden deeppot-r (se_e2_r): max|Δ| atom_energy %.3e  E %.3e  force %.3e  atom_virial %.3e"
                + "  virial %.3e (max|F| %.2e, max|atom virial| %.2e)%n", dE, Math.abs(r.energy() - eRef), dF, dV, dVt,
                maxAbs(g.force), maxAbs(g.atomicVirial));
        // Double-precision round-off bound: D is a mean over 138 slots of 8-wide embeddings, the fitting net is
        // 8→[5,5,5]→1; a different summation order than TensorFlow's gives ~1e-16 relative per operation, ≲ 1e-13
        // absolute on atomic energies of ~ −187 eV (their last bit alone is 2.8e-14). 1e-10 leaves 3 orders of margin
        // and still fails on any convention error (a wrong res_rescale, padding rule or net order moves E by ≥ 1e-4).
        double tol = 1e-10;
        assertTrue(dE < tol, "atomic energy max|Δ| " + dE);
        assertTrue(Math.abs(r.energy() - eRef) < tol, "energy");
        assertTrue(dF < tol, "force max|Δ| " + dF);
        assertTrue(dV < tol, "atomic virial max|Δ| " + dV);
        assertTrue(dVt < tol, "virial max|Δ| " + dVt);
        assertEquals(0, r.neighboursDropped());
        assertEquals(8, r.descriptor().length / n, "D has M = neuron[last] = 8 values per atom");
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) m = Math.max(m, Math.abs(x));
        return m;
    }
}
