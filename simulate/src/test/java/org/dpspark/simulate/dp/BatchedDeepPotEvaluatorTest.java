package org.dpspark.simulate.dp;

import org.dpspark.model.eval.DeepPotEvaluator;

import org.dpspark.model.eval.BatchedDeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.simulate.lattice.WaterBox;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

/**
 * The batched evaluator is DeePMD-kit's model: on DeePMD-kit's golden frame it reproduces DeePMD-kit's reference
 * outputs with the golden test's bound, and on water frames (DeePMD-kit's deeppot_sea and a random net of the water
 * example's shapes, several block sizes so that blocks split types and frames unevenly) it agrees with the slow
 * straightforward reference {@link DeepPotEvaluator}.
 *
 * <p>Tolerance against the reference: |Δ| ≤ 1e-10 + 1e-12·|x| per component. The two evaluate the same arithmetic
 * in a different order (FMAs with one rounding instead of two, blocked sums in the matrix products, padding terms
 * of gr pre-summed, force scatter per net), and tanh by a polynomial instead of {@link Math#exp}, each
 * ≤ ~2 ulp per operation; summed over the ~10⁴ terms of O(1) of an atomic energy or force this is ≲ 1e-13 relative
 * (the measured differences are printed). 1e-12 relative keeps an order of margin, and any indexing, slot or
 * convention error (≥ 1e-6) fails.
 */
class BatchedDeepPotEvaluatorTest {
    static final double ABS = 1e-10;
    static final double REL = 1e-12;

    /** Largest |a − b| / (ABS + REL·|b|) over the components: ≤ 1 passes. */
    static double worst(double[] a, double[] b) {
        assertEquals(b.length, a.length, "length");
        double w = 0;
        for (int i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]) / (ABS + REL * Math.abs(b[i])));
        return w;
    }

    static void assertAgrees(DeepPotResult fast, DeepPotResult ref, String label) {
        double we = worst(new double[] {fast.energy()}, new double[] {ref.energy()});
        double wa = worst(fast.atomEnergy(), ref.atomEnergy());
        double wf = worst(fast.forces(), ref.forces());
        double wv = worst(fast.virial(), ref.virial());
        double wav = worst(fast.atomVirial(), ref.atomVirial());
        System.out.printf("batched vs reference, %s: |ΔE| %.2e eV, worst/bound: energy %.1e atom energies %.1e forces %.1e"
                + " virial %.1e atom virials %.1e%n", label, Math.abs(fast.energy() - ref.energy()), we, wa, wf, wv, wav);
        assertTrue(we <= 1, label + " energy");
        assertTrue(wa <= 1, label + " atom energies");
        assertTrue(wf <= 1, label + " forces");
        assertTrue(wv <= 1, label + " virial");
        assertTrue(wav <= 1, label + " atom virials");
        assertEquals(ref.neighboursDropped(), fast.neighboursDropped(), label + " dropped neighbours");
        if (ref.descriptor() != null) assertTrue(worst(fast.descriptor(), ref.descriptor()) <= 1, label + " descriptor");
        if (ref.fittingLastLayer() != null) {
            assertTrue(worst(fast.fittingLastLayer(), ref.fittingLastLayer()) <= 1, label + " fitting last layer");
        }
    }

    @Test
    void reproducesDeepmdReference() throws Exception {
        DeepPotModel model = DeepPotModel.importDeepmd(GoldenCase.modelPath());
        GoldenCase g = GoldenCase.load();
        DeepPotResult r = new BatchedDeepPotEvaluator(model, 4).evaluate(g.coord, g.box, g.atype, true);
        double eRef = 0;
        for (double e : g.atomicEnergy) eRef += e;
        // the golden test's bound and reasons (DeepPotGoldenTest): round-off ≲ 1e-13 on values of order 1–200
        double tol = 1e-10;
        assertTrue(DeepPotGoldenTest.maxAbsDiff(r.descriptor(), g.descriptor) < tol, "descriptor");
        assertTrue(DeepPotGoldenTest.maxAbsDiff(r.fittingLastLayer(), g.fitLastLayer) < tol, "fitting last layer");
        assertTrue(DeepPotGoldenTest.maxAbsDiff(r.atomEnergy(), g.atomicEnergy) < tol, "atomic energies");
        assertTrue(Math.abs(r.energy() - eRef) < tol, "energy");
        assertTrue(DeepPotGoldenTest.maxAbsDiff(r.forces(), g.force) < tol, "forces");
        assertTrue(DeepPotGoldenTest.maxAbsDiff(r.atomVirial(), g.atomicVirial) < tol, "atomic virials");
        assertEquals(0, r.neighboursDropped());
        assertEquals(BatchedDeepPotEvaluator.MODE, r.executionMode());
    }

    @Test
    void agreesWithReferenceOnWaterFrames() throws Exception {
        DeepPotModel sea = DeepPotModel.importDeepmd(GoldenCase.modelPath());
        WaterFrame w = WaterFrame.load(0);
        DeepPotResult ref = new DeepPotEvaluator(sea).evaluate(w.coord, w.box, w.types, true);
        for (int block : new int[] {1, 7, 32, 1000}) {
            DeepPotResult fast = new BatchedDeepPotEvaluator(sea, block).evaluate(w.coord, w.box, w.types, true);
            assertAgrees(fast, ref, "deeppot_sea, 192 atoms, block " + block);
        }
    }

    @Test
    void agreesWithReferenceForTheWaterExampleNet() {
        // embedding [25,50,100] (resnet skips), axis 16, fitting [240,240,240], sel [46,92]: the production shapes
        DeepPotModel m = DeepPotModels.random(DeepPotModels.Spec.waterExample(), 0.05, 0.08, 0.05,
                new double[] {-93.6, -187.1}, 2);
        Structure s = WaterBox.build(64, 1.0, 1L);
        int[] types = DeepPotPotential.forStructure(new DeepPotEvaluator(m), s).modelTypes(s.types()).clone();
        DeepPotResult ref = new DeepPotEvaluator(m).evaluate(s.positions(), s.cell(), types, true);
        DeepPotResult fast = new BatchedDeepPotEvaluator(m, 24).evaluate(s.positions(), s.cell(), types, true);
        assertAgrees(fast, ref, "water-example net, 192 atoms, block 24");
        // evaluateInto (the MD path) gives the same numbers as evaluate
        BatchedDeepPotEvaluator ev = new BatchedDeepPotEvaluator(m, 24);
        double[] f = new double[3 * types.length], v = new double[9], e = new double[types.length];
        double energy = ev.evaluateInto(s.positions(), s.cell(), types, f, v, e, null);
        assertEquals(fast.energy(), energy, 0.0);
        assertTrue(worst(f, fast.forces()) == 0 && worst(v, fast.virial()) == 0 && worst(e, fast.atomEnergy()) == 0,
                "evaluateInto bitwise as evaluate");
    }
}
