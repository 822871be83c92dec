package org.dpspark.ingest.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The one place where ingest undoes compression: a gzip file (recognised by its magic bytes
 * {@code 1f 8b}, whatever its name, so {@code frames.xyz.gz}, {@code OUTCAR.gz} or a gzip file without the
 * suffix) is read through a {@link GZIPInputStream}; any other file as it is. Detection
 * ({@link InputProbe}) and the readers that stream text or XML ({@link FrameReader#readsCompressed()})
 * open files through here; readers of random-access containers (HDF5, npy/npz) do not, and detection does
 * not offer them a compressed file.
 */
public final class Decompression {
    private static final int BUFFER = 1 << 16;

    private Decompression() {}

    /** Whether the file starts with the gzip magic bytes; false when it cannot be read. */
    public static boolean isGzip(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return isGzip(in.readNBytes(2));
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /**
     * The file's content, decompressed when it is gzip (a concatenation of gzip members, as {@code cat a.gz b.gz}
     * makes, is read through). A corrupt or truncated gzip stream fails later, in {@code read}, with an
     * {@link IOException} (e.g. {@link java.io.EOFException}).
     */
    public static InputStream open(Path path) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), BUFFER);
        try {
            raw.mark(2);
            byte[] head = raw.readNBytes(2);
            raw.reset();
            return isGzip(head) ? new GZIPInputStream(raw, BUFFER) : raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
