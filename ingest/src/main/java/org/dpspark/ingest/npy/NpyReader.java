package org.dpspark.ingest.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads NumPy {@code .npy} arrays (versions 1.0–3.0; dtypes in {@link NpyDtype}; C or Fortran order, returned
 * in C order). A whole array, a range {@code [from, to)} of its first axis (seeking, so large arrays can be
 * read in pieces), or a range of its flat C-order elements. A data section shorter than the header promises
 * is an error ({@link NpyFormatException} naming the file), never zero-filled.
 */
public final class NpyReader {
    private NpyReader() {}

    /** The header of a file. */
    public static NpyHeader header(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return checkedHeader(ch, file.toString());
        }
    }

    /** The whole array. */
    public static NpyArray read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader h = checkedHeader(ch, file.toString());
            return readRows(ch, h, file.toString(), 0, h.rows());
        }
    }

    /** Rows {@code [from, to)} of the first axis; the result has shape {@code (to-from, shape[1:]...)}. */
    public static NpyArray readRows(Path file, long from, long to) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader h = checkedHeader(ch, file.toString());
            return readRows(ch, h, file.toString(), from, to);
        }
    }

    /**
     * Elements {@code [from, to)} of the array flattened in C order (as {@code numpy.reshape} sees it),
     * whatever its shape; e.g. frames of an array stored as {@code (1, nframes*k)}.
     */
    public static double[] readFlat(Path file, long from, long to) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            String src = file.toString();
            NpyHeader h = checkedHeader(ch, src);
            if (from < 0 || to < from || to > h.size()) {
                throw new IllegalArgumentException(src + ": element range [" + from + ", " + to
                        + ") outside array of " + h.size());
            }
            if (!h.fortranOrder() || h.ndim() < 2) {
                ByteBuffer bb = readBytes(ch, h.dataOffset() + from * h.dtype().itemSize(), to - from, h, src);
                return h.dtype().toDoubles(bb, (int) (to - from));
            }
            long w = h.rowWidth();
            if (from % w == 0 && to % w == 0) {
                return readRows(ch, h, src, from / w, to / w).values();
            }
            double[] all = readRows(ch, h, src, 0, h.rows()).values();
            return Arrays.copyOfRange(all, (int) from, (int) to);
        }
    }

    /** The whole array of an integer or bool dtype as longs, C order. */
    public static long[] readLongs(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            String src = file.toString();
            NpyHeader h = checkedHeader(ch, src);
            long[] v = h.dtype().toLongs(readBytes(ch, h.dataOffset(), h.size(), h, src), (int) h.size(), src);
            return h.fortranOrder() ? FortranOrder.toC(v, h.shape()) : v;
        }
    }

    /** The whole array of an integer or bool dtype as ints; values outside the int range are an error. */
    public static int[] readInts(Path file) throws IOException {
        long[] v = readLongs(file);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != (int) v[i]) {
                throw new NpyFormatException(file.toString(), "value " + v[i] + " at " + i + " exceeds the int range");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    /** The whole array from a stream positioned at the magic bytes (e.g. an {@code .npz} entry). */
    public static NpyArray read(InputStream in, String source) throws IOException {
        NpyHeader h = NpyHeader.read(in, source);
        return readRows(in, h, source, 0, h.rows());
    }

    /**
     * Rows {@code [from, to)} of the first axis from a stream positioned at the first data byte after
     * {@code h}: skips (without keeping) the rows before {@code from}. Fortran-order arrays are read whole.
     */
    public static NpyArray readRows(InputStream in, NpyHeader h, String source, long from, long to)
            throws IOException {
        checkRange(h, source, from, to);
        int item = h.dtype().itemSize();
        long w = h.rowWidth();
        if (h.fortranOrder() && h.ndim() >= 2) {
            double[] all = h.dtype().toDoubles(readStream(in, h.size() * item, h, source), count(h.size(), source));
            double[] c = FortranOrder.toC(all, h.shape());
            return new NpyArray(rowShape(h, from, to), h.dtype(),
                    Arrays.copyOfRange(c, (int) (from * w), (int) (to * w)));
        }
        long skip = from * w * item;
        try {
            in.skipNBytes(skip);
        } catch (java.io.EOFException e) {
            throw truncated(h, source);
        }
        long n = (to - from) * w;
        return new NpyArray(rowShape(h, from, to), h.dtype(),
                h.dtype().toDoubles(readStream(in, n * item, h, source), count(n, source)));
    }

    static NpyArray readRows(FileChannel ch, NpyHeader h, String src, long from, long to) throws IOException {
        checkRange(h, src, from, to);
        long w = h.rowWidth();
        long n = (to - from) * w;
        int item = h.dtype().itemSize();
        long[] shape = rowShape(h, from, to);
        if (!h.fortranOrder() || h.ndim() < 2) {
            ByteBuffer bb = readBytes(ch, h.dataOffset() + from * w * item, n, h, src);
            return new NpyArray(shape, h.dtype(), h.dtype().toDoubles(bb, count(n, src)));
        }
        // Fortran order: for each trailing index the rows [from, to) are contiguous.
        long rows = to - from;
        double[] f = new double[count(n, src)];
        for (long j = 0; j < w; j++) {
            ByteBuffer bb = readBytes(ch, h.dataOffset() + (j * h.rows() + from) * item, rows, h, src);
            System.arraycopy(h.dtype().toDoubles(bb, (int) rows), 0, f, (int) (j * rows), (int) rows);
        }
        return new NpyArray(shape, h.dtype(), FortranOrder.toC(f, shape));
    }

    private static NpyHeader checkedHeader(FileChannel ch, String src) throws IOException {
        if (ch.size() == 0) {
            throw new NpyFormatException(src, "empty file");
        }
        NpyHeader h = NpyHeader.read(Channels.newInputStream(ch.position(0)), src);
        long have = ch.size() - h.dataOffset();
        if (have < h.dataBytes()) {
            throw truncated(h, src, have);
        }
        return h;
    }

    private static ByteBuffer readBytes(FileChannel ch, long pos, long elements, NpyHeader h, String src)
            throws IOException {
        long n = elements * h.dtype().itemSize();
        if (n > Integer.MAX_VALUE - 16) {
            throw new NpyFormatException(src, "too large to load at once (" + n + " bytes): read a row range");
        }
        ByteBuffer bb = ByteBuffer.allocate((int) n);
        long p = pos;
        while (bb.hasRemaining()) {
            int r = ch.read(bb, p);
            if (r < 0) {
                throw truncated(h, src);
            }
            p += r;
        }
        return bb.flip();
    }

    private static ByteBuffer readStream(InputStream in, long n, NpyHeader h, String src) throws IOException {
        if (n > Integer.MAX_VALUE - 16) {
            throw new NpyFormatException(src, "too large to load at once (" + n + " bytes): read a row range");
        }
        byte[] b = in.readNBytes((int) n);
        if (b.length < n) {
            throw truncated(h, src);
        }
        return ByteBuffer.wrap(b);
    }

    private static void checkRange(NpyHeader h, String src, long from, long to) {
        if (from < 0 || to < from || to > h.rows()) {
            throw new IllegalArgumentException(src + ": row range [" + from + ", " + to + ") outside "
                    + h.rows() + " rows");
        }
    }

    private static long[] rowShape(NpyHeader h, long from, long to) {
        long[] s = h.shape();
        if (s.length > 0) {
            s[0] = to - from;
        }
        return s;
    }

    private static int count(long n, String src) throws NpyFormatException {
        if (n > Integer.MAX_VALUE - 16) {
            throw new NpyFormatException(src, "too many elements to load at once (" + n + "): read a row range");
        }
        return (int) n;
    }

    private static NpyFormatException truncated(NpyHeader h, String src) {
        return new NpyFormatException(src, "truncated data section: " + h + " needs " + h.dataBytes() + " bytes");
    }

    private static NpyFormatException truncated(NpyHeader h, String src, long have) {
        return new NpyFormatException(src, "truncated data section: " + h + " needs " + h.dataBytes()
                + " bytes after the header, file has " + Math.max(0, have));
    }
}
