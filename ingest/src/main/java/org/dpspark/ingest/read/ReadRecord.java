package org.dpspark.ingest.read;

import org.dpspark.core.Frame;
import org.dpspark.core.Reject;

/** What a reader yields: a parsed frame or a reject, never both. */
public record ReadRecord(Frame frame, Reject reject) {

    public ReadRecord {
        if ((frame == null) == (reject == null)) {
            throw new IllegalArgumentException("exactly one of frame and reject");
        }
    }

    public static ReadRecord frame(Frame f) {
        return new ReadRecord(f, null);
    }

    public static ReadRecord reject(Reject r) {
        return new ReadRecord(null, r);
    }

    public boolean isFrame() {
        return frame != null;
    }
}
