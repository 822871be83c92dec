package org.dpspark.model;

/**
 * A DeePMD-kit model file uses a class, option or value that dpspark does not implement
 * (e.g. a descriptor other than se_e2_a, {@code exclude_types}, frame parameters, an unknown activation),
 * or a dpspark model directory has an unknown artifact version. The message names the offending
 * key and value and where in the serialization tree it was found.
 */
public final class UnsupportedModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsupportedModelException(String message) {
        super(message);
    }
}
