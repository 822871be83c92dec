package org.dpspark.train.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The wall-time budget's plan, on a synthetic clock: warm-up excluded, plan before the first decay, the cap kept. */
class StepBudgetTest {

    @Test
    void plansFromTheRateAfterWarmUpAtTheFirstDecay() {
        StepBudget b = new StepBudget(Duration.ofSeconds(1000), 1_000_000, 50);
        // round 1 (warm-up): 10 steps in 20 s; then 10 steps per 5 s (2 steps/s)
        assertTrue(b.afterRound(10, 20).isEmpty());
        assertTrue(b.afterRound(20, 25).isEmpty());
        assertTrue(b.afterRound(40, 35).isEmpty());
        OptionalLong plan = b.afterRound(50, 40); // the first decay: plan now
        assertTrue(plan.isPresent());
        assertEquals(2.0, b.rate(), 1e-12);
        // 50 + 2 steps/s · (1000 − 40) s · (1 − margin)
        assertEquals(50 + (long) Math.floor(2.0 * 960 * (1 - StepBudget.MARGIN)), plan.getAsLong());
        assertTrue(b.afterRound(60, 45).isEmpty(), "planned once");
    }

    @Test
    void plansAfterATenthOfTheBudgetWhenDecaysAreFarApart() {
        StepBudget b = new StepBudget(Duration.ofSeconds(100), 1_000_000, 5000);
        assertTrue(b.afterRound(10, 2).isEmpty());
        assertTrue(b.afterRound(20, 5).isEmpty());
        OptionalLong plan = b.afterRound(30, 10); // 10 % of 100 s
        assertEquals(30 + (long) Math.floor(20.0 / 8 * 90 * (1 - StepBudget.MARGIN)), plan.getAsLong());
    }

    @Test
    void neverPlansBeyondTheConfiguredSteps() {
        StepBudget b = new StepBudget(Duration.ofHours(2), 300, 50);
        b.afterRound(10, 1);
        assertEquals(300, b.afterRound(50, 2).getAsLong());
    }

    @Test
    void aSlowWarmUpRoundIsNotTimed() {
        // the warm-up round alone spent more than a tenth of the budget (a loaded machine): the plan waits for a timed
        // round, whose rate (5 steps/s) is the one used, not the warm-up's (0.1 steps/s)
        StepBudget b = new StepBudget(Duration.ofSeconds(60), 1_000_000, 5000);
        assertTrue(b.afterRound(5, 45).isEmpty());
        OptionalLong plan = b.afterRound(10, 46);
        assertEquals(5.0, b.rate(), 1e-12);
        assertEquals(10 + (long) Math.floor(5.0 * 14 * (1 - StepBudget.MARGIN)), plan.getAsLong());
    }

    @Test
    void aWarmUpThatSpendsTheBudgetEndsTheRun() {
        StepBudget b = new StepBudget(Duration.ofSeconds(30), 1_000_000, 5000);
        assertEquals(5, b.afterRound(5, 31).getAsLong());
    }

    @Test
    void overrunWhenTheBudgetIsSpent() {
        StepBudget b = new StepBudget(Duration.ofMinutes(1), 1000, 10);
        assertFalse(b.overrun(59.9));
        assertTrue(b.overrun(60));
    }

    @Test
    void aBudgetMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new StepBudget(Duration.ZERO, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new ScheduleSettings(1e-3, 1e-8, 10, LrScale.of("none"),
                null, 0.9, 0.999, 1e-8, 10, 10, 10, Duration.ofSeconds(-1)));
    }
}
