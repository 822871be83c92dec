package org.dpspark.train.job;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Lays out a training run over a wall-time budget ({@code train.max-time}): the user says how long, the run decides
 * how many steps, so that the learning-rate and loss-prefactor schedules (which run from step 0 to the last step)
 * end when the time does.
 *
 * <p>How: the first round is JIT and Spark warm-up and is not timed (on a loaded machine it took 45 s where later
 * rounds of 5 steps took 1 s). The step rate is then measured over at least one more round, until the first
 * learning-rate decay ({@code decay-steps}) or a tenth of the budget, whichever comes later for that round, and the
 * total is planned once: {@code steps = now + rate · (budget − elapsed) · (1 − margin)}, never above the configured {@code steps} (an
 * upper bound). Until the first decay the learning rate is lr₀ whatever the total, so the steps already taken followed
 * the planned schedule. If the machine slows down later, {@link #overrun} ends the run when the budget is spent.
 */
final class StepBudget {

    /** Fraction of the remaining time held back for validation spikes, the final save and test. */
    static final double MARGIN = 0.03;
    /** Planning happens at the latest when this fraction of the budget is spent. */
    static final double PROBE_FRACTION = 0.1;

    private final double budgetSeconds;
    private final long upperBound;
    private final int decaySteps;
    private long warmStep = -1;
    private double warmSeconds;
    private boolean planned;
    private double rate = Double.NaN;

    /**
     * @param budget     the wall-time budget of this invocation (from the start of the training loop), positive
     * @param upperBound the most steps this invocation may take (the configured {@code train.steps} less the steps
     *                   of a resumed checkpoint): the plan never exceeds it
     * @param decaySteps steps between learning-rate decays: the plan is made before the first decay
     */
    StepBudget(Duration budget, long upperBound, int decaySteps) {
        if (budget.isNegative() || budget.isZero()) throw new IllegalArgumentException("train.max-time must be positive");
        this.budgetSeconds = budget.toNanos() / 1e9;
        this.upperBound = upperBound;
        this.decaySteps = decaySteps;
    }

    /** The budget in seconds. */
    double seconds() {
        return budgetSeconds;
    }

    /**
     * Called after each round of training steps.
     *
     * @param step    steps done so far by this invocation
     * @param elapsed seconds since the training loop started
     * @return the planned number of steps of this invocation, once, when the plan is made; empty otherwise
     */
    OptionalLong afterRound(long step, double elapsed) {
        if (planned) return OptionalLong.empty();
        if (warmStep < 0) { // the first round warms up the JIT and Spark: not representative, never timed
            warmStep = step;
            warmSeconds = elapsed;
            if (!overrun(elapsed)) return OptionalLong.empty();
            planned = true; // the warm-up alone spent the budget
            return OptionalLong.of(step);
        }
        if (elapsed < PROBE_FRACTION * budgetSeconds && step < decaySteps) return OptionalLong.empty();
        planned = true;
        rate = (step - warmStep) / Math.max(elapsed - warmSeconds, 1e-9);
        double left = Math.max(0, budgetSeconds - elapsed) * (1 - MARGIN);
        long total = step + (long) Math.floor(rate * left);
        return OptionalLong.of(Math.max(step, Math.min(total, upperBound)));
    }

    /** The measured speed the plan used, steps per second (NaN before the plan). */
    double rate() {
        return rate;
    }

    /** True when the budget is spent: the run ends after the round in progress. */
    boolean overrun(double elapsed) {
        return elapsed >= budgetSeconds;
    }
}
