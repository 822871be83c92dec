package org.dpspark.simulate.md;

/**
 * Called by {@link Trajectory} every k steps (and at step 0) with energy and virial evaluated at that step.
 * Must not modify the state. Used for thermo output and, later, frame writing.
 */
@FunctionalInterface
public interface StepObserver {

    /** @return false to stop the run (status {@link Status#STOPPED}) */
    boolean observe(MdState state);
}
