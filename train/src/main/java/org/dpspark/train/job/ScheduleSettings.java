package org.dpspark.train.job;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.time.Duration;
import org.dpspark.train.loss.Prefactors;

/**
 * The training schedule of the {@code train} section: learning rate, loss prefactors, Adam, steps and the
 * display/checkpoint intervals. lr(t) = lrStart · q^⌊t/decaySteps⌋ with q = (lrStop/lrStart)^(decaySteps/steps).
 *
 * @param lrStart    learning rate at step 0 (per worker, before {@link #lrScale})
 * @param lrStop     learning rate reached at {@code steps}
 * @param decaySteps steps between learning-rate decays
 * @param lrScale    learning-rate factor for the number of data-parallel workers
 * @param prefactors energy / force / virial loss prefactors (start and limit)
 * @param beta1      Adam β₁
 * @param beta2      Adam β₂
 * @param epsilon    Adam ε
 * @param steps      training steps (numb_steps)
 * @param dispFreq   steps between validation + log lines
 * @param saveFreq   steps between checkpoints
 * @param maxTime    wall-time budget of the training loop ({@code train.max-time}); {@link Duration#ZERO}: none, the
 *                   run takes {@code steps} steps. With a budget, {@code steps} is an upper bound and the run plans its
 *                   length from its measured speed ({@link StepBudget})
 */
public record ScheduleSettings(double lrStart, double lrStop, int decaySteps, LrScale lrScale, Prefactors prefactors,
        double beta1, double beta2, double epsilon, long steps, int dispFreq, int saveFreq, Duration maxTime) implements Serializable {

    public ScheduleSettings {
        if (maxTime.isNegative()) {
            throw new IllegalArgumentException("train.max-time must be 0 (no budget) or positive, got " + maxTime);
        }
    }

    /** The schedule keys of a {@code train} config section. */
    static ScheduleSettings from(Config c) {
        Config l = c.getConfig("loss");
        Prefactors pref = new Prefactors(l.getDouble("start-pref-e"), l.getDouble("limit-pref-e"),
                l.getDouble("start-pref-f"), l.getDouble("limit-pref-f"), l.getDouble("start-pref-v"),
                l.getDouble("limit-pref-v"));
        Config lr = c.getConfig("learning-rate");
        Config a = c.getConfig("adam");
        return new ScheduleSettings(lr.getDouble("start"), lr.getDouble("stop"), lr.getInt("decay-steps"),
                LrScale.of(lr.getString("scale-by-workers")), pref, a.getDouble("beta1"), a.getDouble("beta2"),
                a.getDouble("epsilon"), c.getLong("steps"), c.getInt("disp-freq"), c.getInt("save-freq"),
                c.getDuration("max-time"));
    }

    /** Learning-rate factor for {@code workers} data-parallel workers. */
    public double lrFactor(int workers) {
        return lrScale.factor(workers);
    }

    /**
     * This schedule for fine-tuning: {@code fineTuneSteps} steps from learning rate {@code fineTuneLrStart}; a
     * value {@code <= 0} keeps the configured one.
     */
    public ScheduleSettings fineTune(long fineTuneSteps, double fineTuneLrStart) {
        return new ScheduleSettings(fineTuneLrStart > 0 ? fineTuneLrStart : lrStart, lrStop, decaySteps, lrScale,
                prefactors, beta1, beta2, epsilon, fineTuneSteps > 0 ? fineTuneSteps : steps, dispFreq, saveFreq, maxTime);
    }

    /** This schedule laid out over {@code total} steps (a wall-time budget's plan). */
    public ScheduleSettings withSteps(long total) {
        return new ScheduleSettings(lrStart, lrStop, decaySteps, lrScale, prefactors, beta1, beta2, epsilon, total,
                dispFreq, saveFreq, maxTime);
    }

    /** True when {@code train.max-time} sets a wall-time budget. */
    public boolean hasBudget() {
        return !maxTime.isZero();
    }
}
