package org.dpspark.ingest.label;

import org.dpspark.core.Elements;

/** Checks shared by the QM labelers' settings; each error is one line naming the setting. */
final class QmSettingsChecks {
    private QmSettingsChecks() {}

    static void common(String where, int threads, long timeoutSeconds) {
        if (threads < 1) throw new IllegalArgumentException(where + ".threads must be >= 1, got " + threads);
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException(where + ".timeout must be > 0 s, got " + timeoutSeconds);
        }
    }

    static void element(String where, String symbol) {
        if (!Elements.isSymbol(symbol)) throw new IllegalArgumentException(where + ": '" + symbol + "' is not an element symbol");
    }
}
