package org.dpspark.simulate.md;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.simulate.potential.Evaluation;

/**
 * Runs one trajectory: integrator + force field + blow-up guard + observers called every k steps.
 *
 * <p>At step 0 the forces are evaluated (with energy and virial), the guard checks and the observers are
 * called. Then each step calls {@link Integrator#step}, asking for energy and virial only on steps where an
 * observer or the guard needs them. A trajectory that blows up stops with its {@link Status} and reason
 * instead of throwing, so that an ensemble's other members continue (an exception inside a step, e.g. from
 * the neighbour search after atoms flew apart, becomes {@link Status#FAILED}).
 *
 * <p>Deterministic: given the state (seeded) and the same components, the same numbers come out, bitwise.
 */
public final class Trajectory {
    private final ForceField ff;
    private final Integrator integrator;
    private final BlowUpGuard guard;
    private final List<StepObserver> observers = new ArrayList<>();
    private final List<Integer> intervals = new ArrayList<>();

    public Trajectory(ForceField ff, Integrator integrator, BlowUpGuard guard) {
        this.ff = ff;
        this.integrator = integrator;
        this.guard = guard;
    }

    /** Adds an observer called at step 0 and every {@code every} steps. */
    public Trajectory observe(int every, StepObserver observer) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1");
        }
        observers.add(observer);
        intervals.add(every);
        return this;
    }

    public ForceField forceField() { return ff; }

    public Integrator integrator() { return integrator; }

    /**
     * Runs {@code nsteps} steps from the state's current positions and velocities: {@link #start} then
     * {@link #advance}.
     *
     * @return status, reason, steps and neighbour-list builds
     */
    public RunResult run(MdState s, long nsteps) {
        int rebuilds0 = ff.list().rebuilds();
        RunResult bad = start(s);
        if (!bad.ok()) {
            return withRebuilds(bad, rebuilds0);
        }
        return withRebuilds(advance(s, nsteps), rebuilds0);
    }

    /**
     * Evaluates forces, energy and virial at the state's current positions, checks the guard and calls every
     * observer (the step-0 part of {@link #run}). Call once before one or more {@link #advance} calls, which
     * together give bitwise the same trajectory as one {@code run}.
     *
     * @return {@link Status#COMPLETED} when healthy, else the failure
     */
    public RunResult start(MdState s) {
        int rebuilds0 = ff.list().rebuilds();
        ff.compute(s, Evaluation.ENERGY | Evaluation.VIRIAL);
        RunResult bad = after(s, true);
        return bad != null ? withRebuilds(bad, rebuilds0)
                : new RunResult(Status.COMPLETED, null, s.step, ff.list().rebuilds() - rebuilds0);
    }

    /**
     * Advances {@code nsteps} steps after {@link #start} (or an earlier advance): observers and the guard fire at
     * absolute step numbers that are multiples of their intervals, so a run may be cut into chunks (e.g. to stream
     * frames out of a long trajectory) without changing it.
     *
     * @return status, reason, steps and neighbour-list builds during this call
     */
    public RunResult advance(MdState s, long nsteps) {
        int rebuilds0 = ff.list().rebuilds();
        long end = s.step + nsteps;
        while (s.step < end) {
            long next = s.step + 1;
            int flags = needsEnergy(next) ? Evaluation.ENERGY | Evaluation.VIRIAL : 0;
            try {
                integrator.step(s, ff, flags);
            } catch (RuntimeException e) {
                // a blown-up state can break the neighbour search (absurd coordinates); report, never throw
                String why = e.getClass().getSimpleName() + ": " + e.getMessage();
                RunResult nan = guard.check(s, ff, integrator);
                String reason = (nan != null ? nan.reason() + "; " : "") + why + " at step " + s.step;
                Status status = nan != null ? nan.status() : Status.FAILED;
                return new RunResult(status, reason, s.step, ff.list().rebuilds() - rebuilds0);
            }
            RunResult bad = after(s, false);
            if (bad != null) {
                return withRebuilds(bad, rebuilds0);
            }
        }
        return new RunResult(Status.COMPLETED, null, s.step, ff.list().rebuilds() - rebuilds0);
    }

    private boolean needsEnergy(long step) {
        if (step % guard.every() == 0) {
            return true;
        }
        for (int k = 0; k < observers.size(); k++) {
            if (step % intervals.get(k) == 0) {
                return true;
            }
        }
        return false;
    }

    private RunResult after(MdState s, boolean first) {
        if (first || s.step % guard.every() == 0) {
            RunResult r = guard.check(s, ff, integrator);
            if (r != null) {
                return r;
            }
        }
        for (int k = 0; k < observers.size(); k++) {
            if ((first || s.step % intervals.get(k) == 0) && !observers.get(k).observe(s)) {
                return new RunResult(Status.STOPPED, "observer " + k + " stopped the run at step " + s.step, s.step,
                        ff.list().rebuilds());
            }
        }
        return null;
    }

    private RunResult withRebuilds(RunResult r, int rebuilds0) {
        return new RunResult(r.status(), r.reason(), r.steps(), ff.list().rebuilds() - rebuilds0);
    }
}
