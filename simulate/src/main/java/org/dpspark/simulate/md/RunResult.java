package org.dpspark.simulate.md;

/**
 * Outcome of {@link Trajectory#run}.
 *
 * @param status how it ended
 * @param reason human-readable detail (null when completed), e.g. "atoms 3 and 17 at 0.41 Å < 0.5 Å at step 120"
 * @param steps the state's step count at the end
 * @param rebuilds neighbour-list builds during the run
 */
public record RunResult(Status status, String reason, long steps, int rebuilds) {

    public boolean ok() {
        return status == Status.COMPLETED;
    }
}
