package org.dpspark.simulate.md;

/** How a trajectory ended. */
public enum Status {
    /** All requested steps done. */
    COMPLETED,
    /** A position, velocity, force or energy became NaN or infinite. */
    NAN,
    /** Two atoms came closer than the guard's minimum distance. */
    OVERLAP,
    /** The temperature exceeded the guard's limit. */
    HOT,
    /**
     * The engine could not continue, e.g. the neighbour search failed because atoms flew apart to absurd
     * coordinates between two guard checks; the reason carries the exception message.
     */
    FAILED,
    /** An observer asked to stop. */
    STOPPED
}
