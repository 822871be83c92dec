package org.dpspark.train.dl4j;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A dl4j-spark training hook that runs {@link NativeMemory#reclaim} on the worker after every training step (one
 * {@code fit} of one batch), with the executor's own budget ({@link NativeMemory#budget()}, evaluated there).
 */
public final class ReclaimHook implements TrainingHook {
    private static final long serialVersionUID = 1L;

    @Override
    public void preUpdate(DataSet minibatch, Model model) {}

    @Override
    public void postUpdate(DataSet minibatch, Model model) { NativeMemory.reclaim(NativeMemory.budget()); }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {}

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) { NativeMemory.reclaim(NativeMemory.budget()); }
}
