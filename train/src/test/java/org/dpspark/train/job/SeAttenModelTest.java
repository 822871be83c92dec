package org.dpspark.train.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpspark.core.JobConfig;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.UnsupportedModelException;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.model.eval.SeAttenEvaluator;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.Prediction;
import org.dpspark.train.graph.ReferencePredictor;
import org.dpspark.train.graph.TestData;
import org.junit.jupiter.api.Test;

/**
 * DPA-1 (se_atten) in the train module: {@code test} predicts with its reference evaluator; what training does not
 * take (attention layers, the strip type embedding of se_atten_v2, the dl4j-spark engine, the SameDiff graph) is
 * refused with a message naming it ({@link SeAttenTrainTest} trains attn_layer 0).
 */
class SeAttenModelTest {
    static DeepPotModel dpa1() {
        return DeepPotModels.randomSeAtten(new DeepPotModels.SeAttenSpec(List.of("O", "H"), 4.0, 0.5, 64, new int[] {6, 12},
                3, 4, 8, 2, false, false, true, new int[] {12, 12}), 0.0, 0.3, 0.2, new double[] {-93.0, -187.0}, 7);
    }

    @Test
    void unsupportedSeAttenTrainingIsRefusedClearly() {
        for (String d : List.of("se_atten", "dpa1")) { // DeePMD-kit's default attn_layer = 2
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrainSettings.from(JobConfig.load(null, List.of("train.model.descriptor=" + d))));
            assertTrue(e.getMessage().contains("train.model.attn-layer = 2"), e.getMessage());
        }
        for (String[] bad : new String[][] {{"train.model.descriptor=se_atten_v2", "train.model.descriptor = se_atten_v2"},
                {"train.model.tebd-input-mode=strip", "train.model.tebd-input-mode = strip"},
                {"train.parallel.engine=dl4j-spark", "train.parallel.engine = dl4j-spark"},
                {"train.compute=samediff", "train.compute = samediff"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainSettings.from(JobConfig.load(null,
                    List.of("train.model.descriptor=se_atten", "train.model.attn-layer=0", "train.parallel.engine=rdd", bad[0]))));
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
        TrainSettings ok = TrainSettings.from(JobConfig.load(null, List.of("train.model.descriptor=se_atten",
                "train.model.attn-layer=0", "train.parallel.engine=rdd")));
        assertTrue(ok.network().seAtten() && ok.network().tebdDim() == 8 && ok.network().concatOutputTebd());
        UnsupportedModelException u = assertThrows(UnsupportedModelException.class, () -> new Trainer(dpa1(), ok));
        assertTrue(u.getMessage().contains("attn_layer = 0 only") && u.getMessage().contains("attn_layer = 2"), u.getMessage());
    }

    @Test
    void testPathPredictsWithTheReferenceEvaluator() throws Exception {
        DeepPotModel m = dpa1();
        List<TrainFrame> frames = List.of(TestData.water(3, 0), TestData.water(3, 1));
        List<Prediction> p = new ReferencePredictor(m).predict(frames);
        SeAttenEvaluator ev = new SeAttenEvaluator(m);
        for (int k = 0; k < frames.size(); k++) {
            TrainFrame f = frames.get(k);
            DeepPotResult r = ev.evaluate(f.positions(), f.cell(), f.types());
            assertEquals(r.energy(), p.get(k).energy(), 0.0, "same evaluator, same bits");
            assertArrayEquals(r.forces(), p.get(k).forces(), 0.0);
            assertArrayEquals(r.virial(), p.get(k).virial(), 0.0);
        }
    }
}
