package org.dpspark.train.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpspark.core.JobConfig;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.UnsupportedModelException;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.model.eval.SeREvaluator;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.Prediction;
import org.dpspark.train.graph.ReferencePredictor;
import org.dpspark.train.graph.TestData;
import org.junit.jupiter.api.Test;

/**
 * se_e2_r in the train module: the reference predictor (what {@code test} uses with compute = samediff) predicts with
 * the se_e2_r reference evaluator; a slab is refused naming the frame. Training: {@link SeRTrainTest}.
 */
class SeRModelTest {
    static DeepPotModel seR() throws Exception {
        return DeepPotModel.importDeepmd(SharedData.path("deepmd-models/deeppot-r.yaml"));
    }

    @Test
    void testPathPredictsWithTheReferenceEvaluator() throws Exception {
        DeepPotModel m = seR();
        List<TrainFrame> frames = List.of(TestData.water(3, 0), TestData.water(3, 1));
        List<Prediction> p = new ReferencePredictor(m).predict(frames);
        SeREvaluator ev = new SeREvaluator(m);
        for (int k = 0; k < frames.size(); k++) {
            TrainFrame f = frames.get(k);
            DeepPotResult r = ev.evaluate(f.positions(), f.cell(), f.types());
            assertEquals(r.energy(), p.get(k).energy(), 0.0, "same evaluator, same bits");
            assertArrayEquals(r.forces(), p.get(k).forces(), 0.0);
            assertArrayEquals(r.virial(), p.get(k).virial(), 0.0);
        }
        TrainFrame w = frames.get(0);
        TrainFrame slab = new TrainFrame(w.dataset(), w.system(), w.types(), w.positions(), w.cell(),
                new boolean[] {true, true, false}, w.energy(), w.forces(), null, "slab-0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReferencePredictor(m).predict(List.of(slab)));
        assertTrue(e.getMessage().startsWith("frame slab-0 of data_3: periodic along only 2"), e.getMessage());
    }
}
