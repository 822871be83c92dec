package org.dpspark.ingest.deepmd;

import org.dpspark.core.RejectReason;

/** A problem that makes a whole DeePMD system, set or frame range unreadable; becomes one reject. */
final class SystemProblem extends Exception {
    private static final long serialVersionUID = 1L;
    private final RejectReason reason;

    SystemProblem(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }
}
