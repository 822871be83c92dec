package org.dpspark.core;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Wall and CPU time of a job's successive phases, for its log: on a machine shared with other jobs the wall time
 * mostly measures the others, while the process CPU time (every thread of the JVM: driver and local executors) is
 * what the phase itself cost. {@code mark("write")} closes the phase that began at the previous mark.
 */
public final class PhaseTimes {
    private final StringBuilder log = new StringBuilder();
    private long wall = System.nanoTime();
    private long cpu = processCpuNanos();

    /** Ends the current phase under {@code name}. */
    public void mark(String name) {
        long w = System.nanoTime();
        long c = processCpuNanos();
        if (log.length() > 0) {
            log.append(", ");
        }
        log.append(String.format(Locale.ROOT, "%s %.2f s (CPU %.2f s)", name, (w - wall) / 1e9, (c - cpu) / 1e9));
        wall = w;
        cpu = c;
    }

    /** The phases so far: {@code name wall s (CPU cpu s), ...}. */
    @Override
    public String toString() {
        return log.toString();
    }

    /** CPU time of this JVM, ns (-1 when the platform does not report it). */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
