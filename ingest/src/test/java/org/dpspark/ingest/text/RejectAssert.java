package org.dpspark.ingest.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;

/** Test helper: checks every field of a reject that a reader fills. */
public final class RejectAssert {
    private RejectAssert() {}

    /**
     * @param line expected 1-based line, or null to require only that one is present (> 0)
     */
    public static void check(Reject r, RejectReason reason, int index, Integer line, Path file, String format) {
        assertEquals(reason, r.reason(), r.describe());
        assertEquals(index, r.sourceIndex(), r.describe());
        assertEquals(file.toString(), r.sourceFile(), r.describe());
        assertEquals(format, r.format(), r.describe());
        assertEquals("test", r.dataset());
        assertTrue(r.message() != null && !r.message().isBlank(), r.describe());
        if (line != null) {
            assertEquals(line, r.line(), r.describe());
        } else if (reason != RejectReason.EMPTY_FILE) {
            assertTrue(r.line() != null && r.line() > 0, "line number expected: " + r.describe());
        }
    }
}
