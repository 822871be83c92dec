package org.dpspark.ingest.read;

import java.io.Serializable;

/**
 * A piece of one input that one task reads.
 *
 * @param path      file or system folder, as discovered (absolute)
 * @param format    reader format name
 * @param part      reader-specific sub-part (e.g. {@code set.001}, an HDF5 group), or "" for all
 * @param firstFrame index of the first frame of the piece within {@code part} (0 for all)
 * @param endFrame  one past the last frame, or -1 for "to the end"
 */
public record InputSplit(String path, String format, String part, long firstFrame, long endFrame)
        implements Serializable {

    /** The whole input as one split. */
    public static InputSplit whole(String path, String format) {
        return new InputSplit(path, format, "", 0, -1);
    }
}
