package org.dpspark.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Why a record went to the rejects table instead of the frames table. */
public enum RejectReason {
    /** A NaN or infinite number in positions, cell, energy, forces or virial. */
    NAN_OR_INF,
    /** Arrays whose lengths disagree with the atom count, or an atom count that does not match. */
    SHAPE_MISMATCH,
    /** A symbol, number or type label that names no element. */
    UNKNOWN_ELEMENT,
    /** No energy for the frame. */
    MISSING_ENERGY,
    /** No forces for the frame. */
    MISSING_FORCES,
    /** An SCF or optimisation that did not converge. */
    UNCONVERGED,
    /** A QM run that ended in an error. */
    FAILED_RUN,
    /** Malformed or truncated text or binary content. */
    PARSE_ERROR,
    /** A unit the file declares that dpspark cannot convert. */
    UNSUPPORTED_UNIT,
    /** A file with no content. */
    EMPTY_FILE,
    /** No reader recognises the file. */
    UNRECOGNIZED_FORMAT,
    /** The file could not be read at all. */
    IO_ERROR;

    /** Lowercase code as stored in the table, e.g. {@code nan_or_inf}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(RejectReason::code).toList();
    }
}
