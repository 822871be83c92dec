package org.dpspark.ingest.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: builds damaged copies of a real file (ISO-8859-1 so that every byte survives).
 * Line numbers are 1-based, as in rejects.
 */
public final class Broken {
    private final List<String> lines;

    private Broken(List<String> lines) {
        this.lines = lines;
    }

    public static Broken of(Path source) throws IOException {
        return new Broken(new ArrayList<>(Files.readAllLines(source, StandardCharsets.ISO_8859_1)));
    }

    /** 1-based number of the {@code occurrence}-th (1-based) line containing {@code text}. */
    public int find(String text, int occurrence) {
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text) && ++seen == occurrence) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("'" + text + "' occurrence " + occurrence + " not found");
    }

    public String line(int lineNo) {
        return lines.get(lineNo - 1);
    }

    public Broken replace(int lineNo, String text) {
        lines.set(lineNo - 1, text);
        return this;
    }

    public Broken delete(int lineNo) {
        lines.remove(lineNo - 1);
        return this;
    }

    /** Writes the first {@code keepLines} lines, the last one cut after {@code keepChars} characters (-1: whole). */
    public Path truncate(Path out, int keepLines, int keepChars) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keepLines; i++) {
            String l = lines.get(i);
            if (i == keepLines - 1 && keepChars >= 0) {
                b.append(l, 0, Math.min(keepChars, l.length()));
            } else {
                b.append(l).append('\n');
            }
        }
        Files.write(out, b.toString().getBytes(StandardCharsets.ISO_8859_1));
        return out;
    }

    public Path write(Path out) throws IOException {
        return truncate(out, lines.size(), -1);
    }

    /** Writes the file with {@code garbage} bytes put in place of line {@code lineNo}. */
    public Path writeWithGarbage(Path out, int lineNo, byte[] garbage) throws IOException {
        try (var os = Files.newOutputStream(out)) {
            for (int i = 0; i < lines.size(); i++) {
                if (i == lineNo - 1) {
                    os.write(garbage);
                } else {
                    os.write(lines.get(i).getBytes(StandardCharsets.ISO_8859_1));
                }
                os.write('\n');
            }
        }
        return out;
    }

    /** Some bytes that are no text: NULs, high bytes, an ESC; no line breaks. */
    public static byte[] garbage() {
        byte[] g = new byte[64];
        for (int i = 0; i < g.length; i++) {
            g[i] = (byte) (i * 37 + 0x80);
        }
        g[5] = 0;
        g[17] = 0x1b;
        return g;
    }
}
