package org.dpspark.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What format detection may look at: the path, the first bytes of a file (up to {@link #HEAD_BYTES}; of a
 * gzip file, the first decompressed bytes, see {@link #compressed()}), or the names in a directory.
 */
public final class InputProbe {
    /** How many leading bytes of a file are read for detection. */
    public static final int HEAD_BYTES = 64 * 1024;

    private final Path path;
    private final boolean directory;
    private final byte[] head;
    private final List<String> children;
    private final boolean compressed;

    private InputProbe(Path path, boolean directory, byte[] head, List<String> children, boolean compressed) {
        this.path = path;
        this.directory = directory;
        this.head = head;
        this.children = children;
        this.compressed = compressed;
    }

    /** Probes a file or directory; never throws for unreadable files (empty head instead). */
    public static InputProbe of(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                return new InputProbe(path, true, new byte[0],
                        s.map(p -> p.getFileName().toString()).sorted().toList(), false);
            } catch (IOException e) {
                return new InputProbe(path, true, new byte[0], List.of(), false);
            }
        }
        boolean gzip = Decompression.isGzip(path);
        try (InputStream in = gzip ? Decompression.open(path) : Files.newInputStream(path)) {
            return new InputProbe(path, false, readHead(in), List.of(), gzip);
        } catch (IOException e) {
            return new InputProbe(path, false, new byte[0], List.of(), gzip);
        }
    }

    /** Up to HEAD_BYTES; a gzip stream that breaks inside the head gives what came before the break. */
    private static byte[] readHead(InputStream in) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; out.size() < HEAD_BYTES && (n = in.read(buf, 0, Math.min(buf.length, HEAD_BYTES - out.size()))) > 0; ) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // keep the bytes read so far; the reader reports the break with its frame
        }
        return out.toByteArray();
    }

    public Path path() { return path; }
    public String fileName() { return path.getFileName() == null ? "" : path.getFileName().toString(); }
    public boolean isDirectory() { return directory; }
    /** Whether the file is gzip; {@link #head()} is then its decompressed start. */
    public boolean compressed() { return compressed; }
    /** Leading bytes of a file (empty for directories). */
    public byte[] head() { return Arrays.copyOf(head, head.length); }
    /** Leading bytes decoded as ISO-8859-1 text (every byte maps to one char). */
    public String headText() { return new String(head, StandardCharsets.ISO_8859_1); }
    /** Names of the entries of a directory, sorted (empty for files). */
    public List<String> children() { return children; }
    /** Whether the file starts with the given bytes. */
    public boolean startsWith(byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
