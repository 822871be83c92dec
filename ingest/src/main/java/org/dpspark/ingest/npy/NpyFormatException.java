package org.dpspark.ingest.npy;

import java.io.IOException;

/** A {@code .npy} file (or {@code .npz} entry) that is not a valid array: the message names the file and the problem. */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NpyFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
