package org.dpspark.train.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dpspark.core.JobConfig;
import org.dpspark.model.DeepPotModel;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.TestData;
import org.dpspark.train.kernel.KernelPredictorTest;
import org.dpspark.train.kernel.ModelParams;
import org.junit.jupiter.api.Test;

/**
 * The {@link Trainer}'s validation on the kernel ({@code train.compute = kernel}, the default; no SameDiff graph):
 * a prediction between two training steps shares the trainer's kernel and changes nothing of the next step (the
 * gradient and loss are the same bit for bit as without it), it predicts with the parameters of the last step, and it
 * gives the metrics of the SameDiff trainer ({@code samediff}) with the same parameters.
 */
class TrainerPredictionTest {
    private static TrainSettings settings(String compute) {
        return TrainSettings.from(JobConfig.load(null, List.of("train.compute=" + compute)));
    }

    @Test
    void validationBetweenStepsChangesNothingAndMatchesTheGraph() throws Exception {
        DeepPotModel template = KernelPredictorTest.model(false);
        List<TrainFrame> b1 = List.of(TestData.water(0, 1)), b2 = List.of(TestData.water(1, 2));
        // larger than the training batches: the kernel's buffers grow
        List<TrainFrame> valid = List.of(TestData.waterVirial(0), TestData.water(3, 0), TestData.water(3, 1), TestData.goldenFrame(),
                TestData.water(3, 2));
        double[] pref = {0.3, 7.0, 0.05};

        Trainer plain = new Trainer(template, settings("kernel"));
        plain.step(b1, pref, 1e-3);
        double[] gPlain = plain.gradient(b2, pref);

        Trainer validated = new Trainer(template, settings("kernel"));
        validated.step(b1, pref, 1e-3);
        Metrics mk = validated.evaluate(valid, 4);
        double[] g = validated.gradient(b2, pref);
        assertArrayEquals(gPlain, g, "gradient after a validation (bit for bit)");
        assertArrayEquals(plain.lastLoss(), validated.lastLoss(), "loss after a validation (bit for bit)");

        DeepPotModel stepped = validated.model();
        assertArrayEquals(validated.params(), ModelParams.flat(stepped), "model() holds the current parameters");

        // the SameDiff trainer with the parameters after the step: the same metrics (sums of squares of the same
        // predictions; tolerance as KernelPredictorTest's, 1e-11 relative), so the validation used those parameters (a
        // step at lr 1e-3 moves the predictions by far more)
        Trainer sd = new Trainer(template, settings("samediff"));
        sd.load(validated.params(), validated.adam());
        Metrics ms = sd.evaluate(valid, 4);
        assertEquals(ms.energyCount(), mk.energyCount());
        assertEquals(ms.energyRmse(), mk.energyRmse(), 1e-11 * ms.energyRmse(), "energy RMSE");
        assertEquals(ms.forceRmse(), mk.forceRmse(), 1e-11 * ms.forceRmse(), "force RMSE");
        assertEquals(ms.virialRmse(), mk.virialRmse(), 1e-11 * ms.virialRmse(), "virial RMSE");
        assertArrayEquals(ModelParams.flat(sd.model()), ModelParams.flat(stepped), "model() of both computes");
    }
}
