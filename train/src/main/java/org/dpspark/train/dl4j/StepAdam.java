package org.dpspark.train.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * DL4J's Adam with the global training step as an offset of the iteration counter. dl4j-spark's parameter-averaging
 * workers rebuild their network from a configuration clone whose iteration count starts at 0 every round, which
 * would restart Adam's bias correction (1 − β^t) each round; with {@code stepOffset} = the global step at the start
 * of the round, worker iteration i is training step offset + i, as in one long Adam run (DeePMD-kit's TF Adam).
 * The driver sets the offset and the (staircase, constant within a round) learning rate before each round.
 */
public class StepAdam extends Adam {
    private long stepOffset;

    public StepAdam() {}

    public StepAdam(double lr, double beta1, double beta2, double epsilon) {
        super(lr, beta1, beta2, epsilon);
    }

    public long getStepOffset() { return stepOffset; }

    public void setStepOffset(long o) { stepOffset = o; }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        long off = stepOffset;
        AdamUpdater u = new AdamUpdater(this) {
            @Override
            public void applyUpdater(INDArray gradient, int iteration, int epoch) {
                super.applyUpdater(gradient, (int) (iteration + off), epoch);
            }
        };
        long[] gradientShape = viewArray.shape().clone(); // the view holds [m | v]: the gradient is half of it (as Adam's)
        gradientShape[gradientShape.length - 1] /= 2;
        u.setStateViewArray(viewArray, gradientShape, viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public StepAdam clone() {
        StepAdam a = new StepAdam(getLearningRate(), getBeta1(), getBeta2(), getEpsilon());
        a.setLearningRateSchedule(getLearningRateSchedule());
        a.stepOffset = stepOffset;
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepAdam s && super.equals(o) && s.stepOffset == stepOffset;
    }

    @Override
    public int hashCode() { return super.hashCode() * 31 + Long.hashCode(stepOffset); }
}
