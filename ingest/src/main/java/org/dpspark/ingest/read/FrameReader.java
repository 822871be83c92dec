package org.dpspark.ingest.read;

import java.io.IOException;
import java.util.List;

/**
 * One source format. A reader is stateless and serializable-free: it is looked up by name in
 * {@link ReaderRegistry} on the driver (to plan) and in executors (to read).
 *
 * <p>Contract: {@link #read} never loses a good frame because of a bad one. Every record that cannot
 * become a frame is returned as a {@link ReadRecord#reject} naming the file, the frame index and the
 * reason; a reader that cannot continue after an error rejects the rest of the file in one record.
 * Units are converted to the project's (Å, eV, eV/Å, virial in eV) here, using {@link org.dpspark.core.Units}.
 */
public interface FrameReader {

    /** Format name as given to {@code --format}, e.g. {@code deepmd/npy}, {@code extxyz}, {@code vasp/outcar}. */
    String format();

    /**
     * Whether this reader recognises the input by content (for {@code --format auto}); must be cheap and
     * must not throw. A directory input is recognised by its listing (e.g. {@code type.raw} + {@code set.*}).
     */
    boolean recognizes(InputProbe probe);

    /**
     * Splits one input into independently readable pieces (e.g. one per {@code set.*} folder or per frame
     * range); runs on the driver. The default is the whole input as one split.
     */
    default List<InputSplit> plan(String path, ReadOptions options) throws IOException {
        return List.of(InputSplit.whole(path, format()));
    }

    /**
     * Whether {@link #read} opens its files through {@link Decompression}, so a gzip file of this format is read
     * (and, under {@code --format auto}, recognised by its decompressed head). Default: no.
     */
    default boolean readsCompressed() {
        return false;
    }

    /** Reads one split lazily; runs in executors. */
    RecordStream read(InputSplit split, ReadOptions options) throws IOException;
}
