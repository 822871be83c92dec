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
 * What format detection may look at: the path, the first bytes of a file (up to {@link #HEAD_BYTES}),
 * or the names in a directory.
 */
public final class InputProbe {
    /** How many leading bytes of a file are read for detection. */
    public static final int HEAD_BYTES = 64 * 1024;

    private final Path path;
    private final boolean directory;
    private final byte[] head;
    private final List<String> children;

    private InputProbe(Path path, boolean directory, byte[] head, List<String> children) {
        this.path = path;
        this.directory = directory;
        this.head = head;
        this.children = children;
    }

    /** Probes a file or directory; never throws for unreadable files (empty head instead). */
    public static InputProbe of(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                return new InputProbe(path, true, new byte[0],
                        s.map(p -> p.getFileName().toString()).sorted().toList());
            } catch (IOException e) {
                return new InputProbe(path, true, new byte[0], List.of());
            }
        }
        try (InputStream in = Files.newInputStream(path)) {
            return new InputProbe(path, false, in.readNBytes(HEAD_BYTES), List.of());
        } catch (IOException e) {
            return new InputProbe(path, false, new byte[0], List.of());
        }
    }

    public Path path() { return path; }
    public String fileName() { return path.getFileName() == null ? "" : path.getFileName().toString(); }
    public boolean isDirectory() { return directory; }
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
