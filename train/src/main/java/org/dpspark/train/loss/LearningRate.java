package org.dpspark.train.loss;

import java.io.Serializable;

/**
 * DeePMD-kit's exponential learning-rate decay (docs/physics.md#loss-and-schedules): lr(t) = lr₀·q^⌊t/s⌋ with
 * q = (lr_stop/lr₀)^{s/numb_steps}, s = decay_steps, t the training step (0-based).
 *
 * @param start lr₀ (already scaled for data-parallel workers when applicable)
 * @param stop lr_stop, reached at t = numb_steps (up to the floor of the staircase)
 * @param decaySteps s
 * @param numbSteps total number of training steps
 */
public record LearningRate(double start, double stop, int decaySteps, long numbSteps) implements Serializable {

    public LearningRate {
        if (!(start > 0) || !(stop > 0) || decaySteps <= 0 || numbSteps <= 0) {
            throw new IllegalArgumentException("learning rate needs start > 0, stop > 0, decay_steps > 0, numb_steps > 0");
        }
    }

    /** q = (lr_stop/lr₀)^{s/numb_steps}. */
    public double decayRate() {
        return Math.pow(stop / start, (double) decaySteps / numbSteps);
    }

    /** lr(t). */
    public double at(long step) {
        return start * Math.pow(decayRate(), Math.floorDiv(step, decaySteps));
    }
}
