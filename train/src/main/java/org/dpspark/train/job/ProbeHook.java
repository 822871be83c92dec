package org.dpspark.train.job;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** TEMPORARY: times each worker step (fit of one batch) for the round breakdown. */
final class ProbeHook implements TrainingHook {
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<long[]> T0 = ThreadLocal.withInitial(() -> new long[1]);

    @Override
    public void preUpdate(DataSet minibatch, Model model) {}

    @Override
    public void postUpdate(DataSet minibatch, Model model) {}

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) { T0.get()[0] = System.nanoTime(); }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        RoundProbe.STEP_NANOS.addAndGet(System.nanoTime() - T0.get()[0]);
        RoundProbe.STEPS.incrementAndGet();
    }
}
