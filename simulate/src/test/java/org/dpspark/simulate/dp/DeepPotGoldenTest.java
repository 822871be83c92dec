package org.dpspark.simulate.dp;

import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.model.DeepPotModel;
import org.junit.jupiter.api.Test;

/**
 * THE check that dpspark's se_e2_a is DeePMD-kit's: deeppot_sea.yaml evaluated on DeePMD-kit's own test frame
 * reproduces DeePMD-kit's per-atom energies, forces, per-atom virials, descriptor and fitting last layer.
 */
class DeepPotGoldenTest {

    static double maxAbsDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length, "length");
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    @Test
    void reproducesDeepmdReference() throws Exception {
        DeepPotModel model = DeepPotModel.importDeepmd(GoldenCase.modelPath());
        GoldenCase g = GoldenCase.load();
        DeepPotResult r = new DeepPotEvaluator(model).evaluate(g.coord, g.box, g.atype, true);
        int n = g.natoms();
        double[] totalVirialRef = new double[9];
        double[] totalVirial = new double[9];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 9; k++) totalVirialRef[k] += g.atomicVirial[9 * i + k];
        }
        double eRef = 0;
        for (double e : g.atomicEnergy) eRef += e;
        double dDesc = maxAbsDiff(r.descriptor(), g.descriptor);
        double dFit = maxAbsDiff(r.fittingLastLayer(), g.fitLastLayer);
        double dE = maxAbsDiff(r.atomEnergy(), g.atomicEnergy);
        double dF = maxAbsDiff(r.forces(), g.force);
        double dV = maxAbsDiff(r.atomVirial(), g.atomicVirial);
        double dVt = maxAbsDiff(r.virial(), totalVirialRef);
        System.out.printf("golden deeppot_sea: max|Δ| descriptor %.3e  fit_ll %.3e  atom_energy %.3e  E %.3e  force %.3e"
                + "  atom_virial %.3e  virial %.3e%n", dDesc, dFit, dE, Math.abs(r.energy() - eRef), dF, dV, dVt);
        // Double-precision round-off bound: every quantity is a sum over ≤ 138 slots × 12 features of products
        // of O(1) terms, evaluated in a different summation order than NumPy/PyTorch; ~1e-16 relative per operation
        // accumulates to ≲ 1e-13 on values of order 1–200 (atomic energies are ~ −186 eV, so their last bit is
        // 2.8e-14). 1e-10 absolute leaves 3 orders of margin and still fails on any convention error (≥ 1e-6).
        double tol = 1e-10;
        assertTrue(dDesc < tol, "descriptor max|Δ| " + dDesc);
        assertTrue(dFit < tol, "fitting last layer max|Δ| " + dFit);
        assertTrue(dE < tol, "atomic energy max|Δ| " + dE);
        assertTrue(Math.abs(r.energy() - eRef) < tol, "energy");
        assertTrue(dF < tol, "force max|Δ| " + dF);
        assertTrue(dV < tol, "atomic virial max|Δ| " + dV);
        assertTrue(dVt < tol, "virial max|Δ| " + dVt);
        assertEquals(0, r.neighboursDropped());
    }
}
