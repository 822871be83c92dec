package org.dpspark.simulate.md;

/**
 * A time integrator over a mutable {@link MdState} (jax-md's (init, step) pair). {@code step} advances
 * positions and velocities by one time step, evaluating forces once at the new positions with the given
 * request flags, and increments {@code s.step} / {@code s.time}. No allocation per step.
 */
public interface Integrator {

    /** Short name, e.g. {@code nve}. */
    String name();

    /** Time step, fs. */
    double dt();

    /** Advances one step. Forces in {@code s.eval} must be those of the current positions. */
    void step(MdState s, ForceField ff, int flags);

    /**
     * Degrees of freedom of the kinetic energy for the temperature: 3N − 3 when the integrator conserves
     * total momentum (started at zero), 3N when it does not (Langevin noise).
     */
    int degreesOfFreedom(int natoms);
}
