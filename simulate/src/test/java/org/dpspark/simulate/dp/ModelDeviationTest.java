package org.dpspark.simulate.dp;

import org.dpspark.model.eval.DeepPotEvaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.simulate.lattice.WaterBox;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

/**
 * Force model deviation (docs/physics.md#model-deviation-and-concurrent-learning, DP-GEN): zero for identical models,
 * the defining formula otherwise.
 */
class ModelDeviationTest {

    @Test
    void identicalModelsDeviateByExactlyZero() throws IOException {
        DeepPotModel sea = DeepPotNveTest.sea();
        Structure box = WaterBox.build(16, 1.0, 3L);
        ModelDeviation dev = new ModelDeviation(List.of(new DeepPotEvaluator(sea), new DeepPotEvaluator(sea)));
        int[] types = DeepPotPotential.forStructure(new DeepPotEvaluator(sea), box).modelTypes(box.types());
        double[] d = dev.evaluate(box.positions(), box.cell(), types);
        // the same deterministic evaluation twice gives bitwise equal forces: every deviation is exactly 0
        assertEquals(0.0, d[0], 0.0);
        assertEquals(0.0, d[1], 0.0);
        assertEquals(0.0, d[2], 0.0);
    }

    @Test
    void differentModelsFollowTheDefinition() throws IOException {
        DeepPotModel sea = DeepPotNveTest.sea();
        DeepPotModel other = PerturbedModels.perturbFitting(sea, 0.2, 5L);
        DeepPotModel third = PerturbedModels.perturbFitting(sea, 0.2, 6L);
        Structure box = WaterBox.build(16, 1.0, 3L);
        int[] types = DeepPotPotential.forStructure(new DeepPotEvaluator(sea), box).modelTypes(box.types()).clone();
        double[] pos = box.positions();
        double[][] f = {
            new DeepPotEvaluator(sea).evaluate(pos, box.cell(), types).forces(),
            new DeepPotEvaluator(other).evaluate(pos, box.cell(), types).forces(),
            new DeepPotEvaluator(third).evaluate(pos, box.cell(), types).forces()};
        double[] d = new ModelDeviation(List.of(new DeepPotEvaluator(sea), new DeepPotEvaluator(other),
                new DeepPotEvaluator(third))).evaluate(pos, box.cell(), types);
        assertTrue(d[0] > 0 && d[1] > 0 && d[0] >= d[2] && d[2] >= d[1], java.util.Arrays.toString(d));
        // by hand from the definition ε_i = sqrt(⟨|F_i − ⟨F_i⟩|²⟩) over the 3 models
        int n = types.length;
        double max = 0, min = Double.MAX_VALUE, sum = 0;
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int b = 0; b < 3; b++) {
                double mean = (f[0][3 * i + b] + f[1][3 * i + b] + f[2][3 * i + b]) / 3;
                for (double[] fm : f) {
                    v += (fm[3 * i + b] - mean) * (fm[3 * i + b] - mean) / 3;
                }
            }
            double e = Math.sqrt(v);
            max = Math.max(max, e);
            min = Math.min(min, e);
            sum += e;
        }
        // same arithmetic in a different order: agreement to double round-off relative to the values
        assertEquals(max, d[0], 1e-12 * max);
        assertEquals(min, d[1], 1e-12 * max);
        assertEquals(sum / n, d[2], 1e-12 * max);
        // two models: ε_i = |F_i¹ − F_i²| / 2
        double[] two = ModelDeviation.perAtom(new double[][] {{1, 0, 0}, {0, 0, 0}}, 1);
        assertEquals(0.5, two[0], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new ModelDeviation(List.of(new DeepPotEvaluator(sea))));
    }
}
