package org.dpspark.simulate.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.model.DeepPotModel;
import org.dpspark.model.compress.Compression;
import org.dpspark.model.eval.BatchedDeepPotEvaluator;
import org.dpspark.simulate.potential.Evaluation;
import org.junit.jupiter.api.Test;

/**
 * check_frequency semantics of {@link DeepPotPotential} with a compressed model whose tables a water frame leaves
 * (made for neighbours no closer than 3 Å, no extrapolation sub-table): ≤ 0 counts and names the overflow in the
 * execution mode and goes on; N &gt; 0 goes on for N − 1 evaluations and stops at the N-th with an error naming the
 * count and the setting.
 */
class TableOverflowCheckTest {

    static DeepPotPotential potential(int checkFrequency) throws Exception {
        DeepPotModel sea = DeepPotModel.importDeepmd(GoldenCase.modelPath());
        DeepPotModel narrow = sea.withCompression(Compression.build(sea.seA(), 3.0, 0.01, 1, checkFrequency));
        return new DeepPotPotential(new BatchedDeepPotEvaluator(narrow), new int[] {0, 1});
    }

    @Test
    void overflowWarnsOrStopsPerCheckFrequency() throws Exception {
        WaterFrame w = WaterFrame.load(0);
        Evaluation out = new Evaluation(w.types.length);
        DeepPotPotential warn = potential(-1);
        warn.compute(w.coord, w.box, w.types, null, Evaluation.ENERGY, out);
        warn.compute(w.coord, w.box, w.types, null, Evaluation.ENERGY, out);
        long once = warn.tableOverflow() / 2;
        assertTrue(once > 0, "the frame leaves the tables");
        assertTrue(warn.executionModes().contains("[compressed model: " + 2 * once + " environments outside the tables]"),
                warn.executionModes());

        DeepPotPotential strict = potential(3);
        strict.compute(w.coord, w.box, w.types, null, Evaluation.ENERGY, out);
        strict.compute(w.coord, w.box, w.types, null, Evaluation.ENERGY, out);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> strict.compute(w.coord, w.box, w.types, null, Evaluation.ENERGY, out));
        assertTrue(e.getMessage().contains(3 * once + " environments outside the compressed model's tables in the last 3"
                + " evaluations (check_frequency 3)"), e.getMessage());
        assertEquals(3 * once, strict.tableOverflow());
    }
}
