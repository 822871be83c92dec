package org.dpspark.simulate.dp;

import org.dpspark.model.eval.DeepPotResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.model.DeepPotModel;
import org.dpspark.simulate.dp.kernel.DeepPotKernelEvaluator;
import org.dpspark.simulate.dp.kernel.DeviceKind;
import org.dpspark.simulate.dp.kernel.KernelDevices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The golden test for the Aparapi kernels: deeppot_sea.yaml on DeePMD-kit's own test frame reproduces DeePMD-kit's
 * per-atom energies, forces, per-atom virials, descriptor and fitting last layer, in the Java thread pool and on
 * the OpenCL CPU device (PoCL) — and the result says which one ran.
 */
class DeepPotKernelGoldenTest {

    @ParameterizedTest
    @EnumSource(value = DeviceKind.class, names = {"JTP", "OPENCL_CPU"})
    void reproducesDeepmdReference(DeviceKind kind) throws Exception {
        DeepPotModel model = DeepPotModel.importDeepmd(GoldenCase.modelPath());
        GoldenCase g = GoldenCase.load();
        try (DeepPotKernelEvaluator ev = KernelModes.open(model, kind)) {
            DeepPotResult r = ev.evaluate(g.coord, g.box, g.atype, true);
            int n = g.natoms();
            double[] totalVirialRef = new double[9];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 9; k++) totalVirialRef[k] += g.atomicVirial[9 * i + k];
            }
            double eRef = 0;
            for (double e : g.atomicEnergy) eRef += e;
            double dDesc = DeepPotGoldenTest.maxAbsDiff(r.descriptor(), g.descriptor);
            double dFit = DeepPotGoldenTest.maxAbsDiff(r.fittingLastLayer(), g.fitLastLayer);
            double dE = DeepPotGoldenTest.maxAbsDiff(r.atomEnergy(), g.atomicEnergy);
            double dF = DeepPotGoldenTest.maxAbsDiff(r.forces(), g.force);
            double dV = DeepPotGoldenTest.maxAbsDiff(r.atomVirial(), g.atomicVirial);
            double dVt = DeepPotGoldenTest.maxAbsDiff(r.virial(), totalVirialRef);
            System.out.printf("golden deeppot_sea on [%s]: max|Δ| descriptor %.3e  fit_ll %.3e  atom_energy %.3e  E %.3e"
                    + "  force %.3e  atom_virial %.3e  virial %.3e%n", r.executionMode(), dDesc, dFit, dE,
                    Math.abs(r.energy() - eRef), dF, dV, dVt);
            // The mode that ran is the one required (the evaluator also throws otherwise).
            assertTrue(KernelDevices.isKind(r.executionMode(), kind), "ran as " + r.executionMode());
            // Same bound and reason as DeepPotGoldenTest: sums of ≤ 138 slots × 12 features of O(1) terms in an order
            // different from NumPy/PyTorch, ~1e-16 relative per operation → ≲ 1e-13 on values up to ~200 (atomic energies
            // ~ −186 eV, last bit 2.8e-14). An OpenCL compiler may also contract a·b + c into fma and its tanh/exp
            // differ by 1–2 ulp: the same order of magnitude. 1e-10 keeps 3 orders of margin and fails on any
            // convention error (≥ 1e-6).
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
}
