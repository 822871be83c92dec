package org.dpspark.core;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A record that did not become a frame.
 *
 * @param dataset     dataset name given at ingest
 * @param sourceFile  file or system folder
 * @param sourceIndex 0-based frame index in the source; -1 when the whole file failed
 * @param line        1-based line of a parse error, or null
 * @param format      reader format ({@code extxyz}, {@code deepmd/npy}, …) or {@code unknown}
 * @param reason      reason code
 * @param message     explanation naming what was wrong
 */
public record Reject(String dataset, String sourceFile, int sourceIndex, Integer line, String format,
                     RejectReason reason, String message) implements Serializable {

    /** Deterministic id: a re-run that meets the same problem yields the same id. */
    public String id() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            String key = dataset + '\0' + sourceFile + '\0' + sourceIndex + '\0' + reason + '\0' + message;
            return HexFormat.of().formatHex(md.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line for logs: {@code file#index (line L): reason: message}. */
    public String describe() {
        return sourceFile + (sourceIndex >= 0 ? " frame " + sourceIndex : "")
                + (line != null ? " line " + line : "") + ": " + reason.code() + ": " + message;
    }
}
