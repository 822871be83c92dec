package org.dpspark.ingest.extxyz;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a byte stream, exposed as slices of one reusable buffer: after {@link #next()} the current
 * line is {@code buffer()[start() .. end())} without its {@code \n} and trailing {@code \r}. Memory is
 * the buffer (1 MiB, grown only for a longer line or a longer marked stretch), never the file.
 *
 * <p>{@link #mark()} / {@link #reset()} allow a short look-ahead (a few lines), and
 * {@link #pushBack()} un-reads the current line. Line numbers are 1-based.
 */
final class ByteLineReader implements Closeable {
    private static final int INITIAL = 1 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final InputStream in;
    private byte[] buf = new byte[INITIAL];
    private int pos;        // first byte of the next line
    private int limit;      // end of valid data in buf
    private boolean eof;
    private long lineNo;    // number of the current line
    private int start;      // current line
    private int end;
    private int markPos = -1;
    private long markLine;

    ByteLineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException {
        int i = pos;
        while (true) {
            byte[] b = buf;
            int lim = limit;
            i = indexOfNewline(b, i, lim);
            if (i < lim) {
                setLine(pos, i);
                pos = i + 1;
                return true;
            }
            if (eof) {
                if (pos >= limit) {
                    return false;
                }
                setLine(pos, limit);
                pos = limit;
                return true;
            }
            int scanned = i - pos;
            fill();
            i = pos + scanned;
        }
    }

    /** First '\n' in {@code [i, lim)}, or {@code lim}: eight bytes at a time (SWAR zero-byte test). */
    private static int indexOfNewline(byte[] b, int i, int lim) {
        while (i + 8 <= lim) {
            long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        while (i < lim && b[i] != '\n') {
            i++;
        }
        return i;
    }

    private void setLine(int s, int e) {
        if (e > s && buf[e - 1] == '\r') {
            e--;
        }
        start = s;
        end = e;
        lineNo++;
    }

    /** Reads more input, first moving the kept bytes (from the mark or the next line) to the front. */
    private void fill() throws IOException {
        int keep = markPos >= 0 ? Math.min(markPos, pos) : pos;
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, limit - keep);
            limit -= keep;
            pos -= keep;
            if (markPos >= 0) {
                markPos -= keep;
            }
            start = -1;
            end = -1;
        }
        if (limit == buf.length) {
            byte[] bigger = new byte[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /** Remembers the position before the next line. */
    void mark() {
        markPos = pos;
        markLine = lineNo;
    }

    /** Returns to the last mark: the next {@link #next()} reads the line after the marked one again. */
    void reset() {
        if (markPos < 0) {
            throw new IllegalStateException("no mark");
        }
        pos = markPos;
        lineNo = markLine;
        markPos = -1;
    }

    /** Forgets the mark so its bytes may be discarded. */
    void clearMark() {
        markPos = -1;
    }

    /** Un-reads the current line: the next {@link #next()} returns it again. */
    void pushBack() {
        pos = start;
        lineNo--;
        // a line ended by "\r\n" restarts at the same byte; nothing else to undo
    }

    byte[] buffer() { return buf; }
    int start() { return start; }
    int end() { return end; }
    /** 1-based number of the current line. */
    long lineNumber() { return lineNo; }

    /** Whether the current line holds only whitespace. */
    boolean isBlank() {
        for (int i = start; i < end; i++) {
            if (!isSpace(buf[i])) {
                return false;
            }
        }
        return true;
    }

    /** The current line decoded as UTF-8. */
    String text() {
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    /** The current line, shortened to {@code max} characters for messages. */
    String excerpt(int max) {
        int len = Math.min(end - start, max);
        String s = new String(buf, start, len, StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return end - start > max ? sb + "…" : sb.toString();
    }

    /**
     * The current line as a positive atom count: digits with optional surrounding whitespace.
     * Returns -1 when the line is anything else (or the count does not fit an int).
     */
    long parseCount() {
        int i = start;
        int e = end;
        while (i < e && isSpace(buf[i])) {
            i++;
        }
        while (e > i && isSpace(buf[e - 1])) {
            e--;
        }
        if (i == e || e - i > 10) {
            return -1;
        }
        long n = 0;
        for (; i < e; i++) {
            byte c = buf[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n > Integer.MAX_VALUE ? -1 : n;
    }

    /** Whether the current line contains the byte {@code c}. */
    boolean contains(byte c) {
        for (int i = start; i < end; i++) {
            if (buf[i] == c) {
                return true;
            }
        }
        return false;
    }

    static boolean isSpace(byte c) {
        return FastDoubleParser.isSpace(c);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
