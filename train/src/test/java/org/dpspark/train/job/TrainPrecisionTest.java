package org.dpspark.train.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpspark.core.JobConfig;
import org.dpspark.model.DeepPotModel;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.TestData;
import org.dpspark.train.kernel.KernelPredictorTest;
import org.junit.jupiter.api.Test;

/**
 * {@code train.precision}: parsed and checked before any training, and a mixed-precision {@link Trainer} takes float32
 * steps while validating in float64 — its validation metrics equal a float64 trainer's with the same parameters bit for
 * bit (so the RMSE printed during training is what {@code dpspark test} prints).
 */
class TrainPrecisionTest {
    private static TrainSettings settings(String... sets) {
        return TrainSettings.from(JobConfig.load(null, List.of(sets)));
    }

    @Test
    void settingsAreCheckedWithClearErrors() {
        assertEquals(TrainPrecision.FLOAT64, settings().parallel().precision(), "the default");
        assertTrue(settings("train.precision=mixed").parallel().mixed());
        String f32 = assertThrows(IllegalArgumentException.class, () -> settings("train.precision=float32")).getMessage();
        assertTrue(f32.contains("float32") && f32.contains("mixed"), f32);
        String half = assertThrows(IllegalArgumentException.class, () -> settings("train.precision=half")).getMessage();
        assertTrue(half.contains("train.precision") && half.contains("mixed") && half.contains("float64"), half);
        String sd = assertThrows(IllegalArgumentException.class,
                () -> settings("train.precision=mixed", "train.compute=samediff")).getMessage();
        assertTrue(sd.contains("kernel") && sd.contains("samediff"), sd);
    }

    @Test
    void mixedTrainerStepsInFloat32AndValidatesInFloat64() throws Exception {
        DeepPotModel template = KernelPredictorTest.model(false);
        List<TrainFrame> b1 = List.of(TestData.water(0, 1)), b2 = List.of(TestData.water(1, 2));
        List<TrainFrame> valid = List.of(TestData.water(3, 0), TestData.water(3, 1));
        double[] pref = {0.3, 7.0, 0.05};
        Trainer mixed = new Trainer(template, settings("train.precision=mixed"));
        mixed.step(b1, pref, 1e-3);
        Trainer plain = new Trainer(template, settings());
        plain.load(mixed.params(), mixed.adam());
        Metrics mm = mixed.evaluate(valid, 4), mp = plain.evaluate(valid, 4);
        assertEquals(mp.energyRmse(), mm.energyRmse(), 0.0, "validation energy RMSE, bit for bit");
        assertEquals(mp.forceRmse(), mm.forceRmse(), 0.0, "validation force RMSE, bit for bit");
        double[] gm = mixed.gradient(b2, pref), gp = plain.gradient(b2, pref);
        double max = 0, diff = 0;
        for (int i = 0; i < gp.length; i++) {
            max = Math.max(max, Math.abs(gp[i]));
            diff = Math.max(diff, Math.abs(gp[i] - gm[i]));
        }
        // float32 round-off of the nets (MixedPrecisionKernelTest: γ_1024 = 1024·2⁻²⁴ relative), not float64's
        assertTrue(diff <= 1024 * Math.scalb(1.0, -24) * max && diff > 1e-9 * max, "gradient difference " + diff / max);
    }
}
