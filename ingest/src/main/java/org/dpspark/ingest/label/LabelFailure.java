package org.dpspark.ingest.label;

import org.dpspark.core.RejectReason;

/** A labelling that produced no usable frame: the reason (a rejects-table code) and a message for the user. */
public final class LabelFailure extends Exception {
    private final RejectReason reason;

    public LabelFailure(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectReason reason() { return reason; }
}
