package org.dpspark.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dpspark.core.JobConfig;
import org.dpspark.train.job.TrainSettings;
import org.junit.jupiter.api.Test;

/** lr(t) and the prefactors exactly as docs/physics.md#loss-and-schedules, and the defaults as DeePMD-kit's. */
class ScheduleTest {
    @Test
    void exponentialDecayAsDeepmd() {
        LearningRate lr = new LearningRate(1e-3, 3.51e-8, 5000, 1_000_000);
        double q = Math.pow(3.51e-8 / 1e-3, 5000.0 / 1_000_000);
        assertEquals(1e-3, lr.at(0), 0);
        assertEquals(1e-3, lr.at(4999), 0);
        assertEquals(1e-3 * q, lr.at(5000), 1e-18);
        assertEquals(1e-3 * Math.pow(q, 7), lr.at(37_123), 1e-18);
        assertEquals(3.51e-8, lr.at(1_000_000), 1e-20); // q^200 = lr_stop/lr0
    }

    @Test
    void prefactorsFollowTheLearningRate() {
        Prefactors p = new Prefactors(0.02, 1, 1000, 1, 0, 0);
        double[] a = p.at(1e-3, 1e-3);
        assertEquals(0.02, a[0], 0);
        assertEquals(1000, a[1], 0);
        double[] b = p.at(1e-4, 1e-3); // x = 0.1
        assertEquals(0.02 * 0.1 + 1 * 0.9, b[0], 1e-15);
        assertEquals(1000 * 0.1 + 0.9, b[1], 1e-12);
        assertEquals(0, b[2], 0);
    }

    @Test
    void defaultsAreDeepmdKits() {
        TrainSettings s = TrainSettings.from(JobConfig.load(null, List.of("train.parallel.workers=4")));
        assertEquals(1e-3, s.schedule().lrStart(), 0);
        assertEquals(3.51e-8, s.schedule().lrStop(), 0);
        assertEquals(5000, s.schedule().decaySteps());
        assertEquals(new Prefactors(0.02, 1, 1000, 1, 0, 0), s.schedule().prefactors());
        assertEquals(4.0, s.schedule().lrFactor(4), 0); // linear scaling by workers
        assertEquals(1, s.data().batchFrames(192)); // DeePMD "auto": ⌈32/natoms⌉
        assertEquals(5, s.data().batchFrames(7));
        assertEquals(4, s.parallel().workers());
    }
}
