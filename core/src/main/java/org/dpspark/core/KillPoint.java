package org.dpspark.core;

/**
 * Named points of a job where a reliability test can stop the JVM as {@code kill -9} would (no shutdown hooks, no
 * finally blocks): when the system property {@value #PROPERTY} names the point, {@link #reach} halts with exit code
 * 137. Without the property it does nothing. The points of ingest: {@code ingest.planned} (inputs discovered and
 * split, nothing written), {@code ingest.staged} (rows in the staging folder, nothing committed),
 * {@code ingest.frames-committed} (the frames commit landed, the rejects commit not yet).
 */
public final class KillPoint {
    /** System property naming the point at which to halt. */
    public static final String PROPERTY = "dpspark.kill-at";
    /** Exit code of the halt, as a process killed by SIGKILL reports it. */
    public static final int EXIT_CODE = 137;

    private KillPoint() {}

    /** Halts the JVM at once if {@code name} is the point {@value #PROPERTY} names. */
    public static void reach(String name) {
        if (name.equals(System.getProperty(PROPERTY))) {
            System.err.println("kill point " + name + " reached: halting");
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}
