package org.dpspark.ingest.text;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a text file line by line and knows the 1-based number of the last line returned. Bytes are
 * decoded as ISO-8859-1, so garbage bytes never fail decoding (they become odd characters that then fail
 * number parsing with a line number). One line of look-ahead ({@link #peek()}).
 */
public final class LineSource implements Closeable {
    private final BufferedReader reader;
    private String peeked;
    private boolean hasPeeked;
    private int lineNumber;

    public LineSource(BufferedReader reader) {
        this.reader = reader;
    }

    /** Opens a file for reading (a gzip file decompressed, {@link org.dpspark.ingest.read.Decompression}). */
    public static LineSource open(Path path) throws IOException {
        return new LineSource(new BufferedReader(new InputStreamReader(
                org.dpspark.ingest.read.Decompression.open(path), StandardCharsets.ISO_8859_1), 1 << 16));
    }

    /** The next line without its terminator, or null at the end of the file. */
    public String next() throws IOException {
        String line;
        if (hasPeeked) {
            line = peeked;
            hasPeeked = false;
            peeked = null;
        } else {
            line = reader.readLine();
        }
        if (line != null) {
            lineNumber++;
        }
        return line;
    }

    /** The line {@link #next()} would return, without consuming it (null at the end). */
    public String peek() throws IOException {
        if (!hasPeeked) {
            peeked = reader.readLine();
            hasPeeked = true;
        }
        return peeked;
    }

    /** 1-based number of the line last returned by {@link #next()} (0 before the first). */
    public int lineNumber() {
        return lineNumber;
    }

    /**
     * The next line, which must exist; at the end of the file throws a {@link ParseFailure} (PARSE_ERROR)
     * saying the file is truncated inside {@code what}.
     */
    public String require(String what) throws IOException {
        String line = next();
        if (line == null) {
            throw new ParseFailure(org.dpspark.core.RejectReason.PARSE_ERROR, lineNumber,
                    "file ends inside " + what + " (truncated)");
        }
        return line;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
