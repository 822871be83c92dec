package org.dpspark.train.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.train.data.TrainFrame;
import org.junit.jupiter.api.Test;

/**
 * THE tie between the DL4J graph and the reference: DeePMD-kit's deeppot_sea.yaml put into {@link DeepPotGraph} gives
 * the energies, forces and virials of {@link DeepPotEvaluator} (which reproduces DeePMD-kit to 1e-15) on DeePMD-kit's
 * own test frame and on real water frames, evaluated together in one mixed batch.
 */
class GraphConsistencyTest {

    static double maxAbsDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length, "length");
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    @Test
    void deeppotSeaGraphEqualsReferenceEvaluator() throws Exception {
        DeepPotModel model = DeepPotModel.importDeepmd(TestData.deeppotSea());
        List<TrainFrame> frames = List.of(TestData.goldenFrame(), TestData.water(0, 0), TestData.water(3, 7));
        List<Prediction> got = GraphPredictor.of(model).predict(frames);
        DeepPotEvaluator ref = new DeepPotEvaluator(model);
        for (int k = 0; k < frames.size(); k++) {
            TrainFrame f = frames.get(k);
            DeepPotResult r = ref.evaluate(f.positions(), f.cell(), f.types());
            Prediction p = got.get(k);
            double dE = Math.abs(p.energy() - r.energy());
            double dF = maxAbsDiff(p.forces(), r.forces());
            double dV = maxAbsDiff(p.virial(), r.virial());
            System.out.printf("graph vs DeepPotEvaluator, %s (%d atoms): |ΔE| %.3e eV (E %.6f)  max|ΔF| %.3e eV/Å"
                    + "  max|ΔΞ| %.3e eV  (max|F| %.3f eV/Å, max|Ξ| %.3f eV)%n", f.id(), f.natoms(), dE, r.energy(), dF, dV,
                    maxAbs(r.forces()), maxAbs(r.virial()));
            // Both are double precision; they differ only in summation order (BLAS batched matmuls and segment sums
            // vs sequential loops). Energies are sums of ~N_atoms terms of ~−93/−187 eV (192-atom water: E ≈ −2.9e4 eV,
            // ulp 3.6e-12), forces and virials sums of ≤ 138 slot terms × 12 features: round-off ≲ 1e-11 absolute.
            // 1e-9 (energy) and 1e-10 (forces, virial) keep a margin and still catch any convention error (≥ 1e-6).
            assertTrue(dE < 1e-9, "energy |Δ| " + dE);
            assertTrue(dF < 1e-10, "force max|Δ| " + dF);
            assertTrue(dV < 1e-10 * Math.max(1, maxAbs(r.virial())), "virial max|Δ| " + dV);
        }
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) m = Math.max(m, Math.abs(x));
        return m;
    }
}
