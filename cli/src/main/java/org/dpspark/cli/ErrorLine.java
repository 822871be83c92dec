package org.dpspark.cli;

import org.apache.spark.SparkException;

/**
 * The one line a failed command prints: the message of the error that says what went wrong. Spark's wrappers
 * ({@link SparkException}: "Job aborted due to stage failure ...") give way to their cause; a multi-line message is
 * cut to its first line. The stack trace goes to the log (DEBUG) and, with {@code --verbose}, to the error stream.
 */
final class ErrorLine {
    private ErrorLine() {}

    /** The line for {@code e}, without the command prefix. */
    static String of(Throwable e) {
        Throwable t = e;
        while (t instanceof SparkException && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getName() + (t.getCause() != null && t.getCause() != t ? ": " + of(t.getCause()) : "");
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).stripTrailing() + " (--verbose shows the rest)";
    }
}
