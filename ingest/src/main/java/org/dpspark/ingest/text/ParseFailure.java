package org.dpspark.ingest.text;

import org.dpspark.core.RejectReason;

/**
 * A problem found while parsing a text record: carries the reject reason and the 1-based line where it
 * was found, so that a parser can turn it into a {@link org.dpspark.core.Reject} for the frame at hand.
 */
public final class ParseFailure extends RuntimeException {
    private final RejectReason reason;
    private final int line;
    private final boolean wholeFile;

    /**
     * @param reason why the record is rejected
     * @param line   1-based line number, or 0 when unknown
     * @param message what was wrong, naming the expected content
     */
    public ParseFailure(RejectReason reason, int line, String message) {
        this(reason, line, message, false);
    }

    /**
     * @param wholeFile true when the problem spoils every frame of the file (a broken header), so that
     *                  parsers do not try to resynchronise on the next frame
     */
    public ParseFailure(RejectReason reason, int line, String message, boolean wholeFile) {
        super(message, null, false, false);
        this.reason = reason;
        this.line = line;
        this.wholeFile = wholeFile;
    }

    /** Whether the failure spoils the whole file rather than one frame. */
    public boolean wholeFile() { return wholeFile; }

    /** This failure marked as spoiling the whole file. */
    public ParseFailure asWholeFile() {
        return wholeFile ? this : new ParseFailure(reason, line, getMessage(), true);
    }

    public RejectReason reason() { return reason; }

    /** 1-based line, or 0 when unknown. */
    public int line() { return line; }

    /** The line as stored in a reject (null when unknown). */
    public Integer lineOrNull() { return line > 0 ? line : null; }
}
