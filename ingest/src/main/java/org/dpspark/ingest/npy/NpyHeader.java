package org.dpspark.ingest.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a {@code .npy} array (format versions 1.0, 2.0 and 3.0): dtype, memory order and shape.
 * The data follow at {@link #dataOffset()} as {@code size() × itemSize} bytes.
 *
 * @param major        format major version (1, 2 or 3)
 * @param dtype        element type
 * @param fortranOrder whether the data are stored column-major (first axis fastest)
 * @param shape        array shape; empty for a 0-d (scalar) array
 * @param dataOffset   byte offset of the first data byte from the start of the array
 */
public record NpyHeader(int major, NpyDtype dtype, boolean fortranOrder, long[] shape, long dataOffset) {

    /** The six magic bytes every {@code .npy} starts with. */
    public static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private static final int MAX_HEADER = 1 << 20;
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    /** Number of elements (1 for a 0-d array). */
    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Length of the first axis (1 for a 0-d array). */
    public long rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /** Elements per index of the first axis: product of the other axes (1 for 0-d and 1-d arrays). */
    public long rowWidth() {
        long n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** Bytes of the data section. */
    public long dataBytes() {
        return size() * dtype.itemSize();
    }

    /**
     * Reads the header from the start of a stream, leaving the stream at the first data byte.
     *
     * @param source file or entry name used in error messages
     */
    public static NpyHeader read(InputStream in, String source) throws IOException {
        byte[] pre = readFully(in, 8, source, "header");
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre[i] != MAGIC[i]) {
                throw new NpyFormatException(source, "not a .npy file (bad magic bytes)");
            }
        }
        int major = pre[6] & 0xFF;
        if (major < 1 || major > 3) {
            throw new NpyFormatException(source, "unsupported .npy format version " + major + "." + (pre[7] & 0xFF));
        }
        int lenBytes = major == 1 ? 2 : 4;
        byte[] lb = readFully(in, lenBytes, source, "header length");
        long len = 0;
        for (int i = lenBytes - 1; i >= 0; i--) {
            len = (len << 8) | (lb[i] & 0xFF);
        }
        if (len > MAX_HEADER) {
            throw new NpyFormatException(source, "implausible header length " + len);
        }
        byte[] hb = readFully(in, (int) len, source, "header");
        String text = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parse(text, major, 8 + lenBytes + len, source);
    }

    static NpyHeader parse(String text, int major, long dataOffset, String source) throws NpyFormatException {
        String t = text.trim();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            throw new NpyFormatException(source, "header is not a dict: " + abbreviate(t));
        }
        Matcher d = DESCR.matcher(t);
        Matcher f = FORTRAN.matcher(t);
        Matcher s = SHAPE.matcher(t);
        if (!d.find()) {
            throw new NpyFormatException(source, "header has no simple 'descr' (structured dtypes are unsupported): "
                    + abbreviate(t));
        }
        if (!f.find() || !s.find()) {
            throw new NpyFormatException(source, "header lacks 'fortran_order' or 'shape': " + abbreviate(t));
        }
        NpyDtype dtype = NpyDtype.parse(d.group(1), source);
        long[] shape = parseShape(s.group(1), source);
        long size = 1;
        try {
            for (long dim : shape) {
                size = Math.multiplyExact(size, dim);
            }
            Math.multiplyExact(size, (long) dtype.itemSize());
        } catch (ArithmeticException e) {
            throw new NpyFormatException(source, "shape " + Arrays.toString(shape) + " is too large");
        }
        return new NpyHeader(major, dtype, f.group(1).equals("True"), shape, dataOffset);
    }

    private static long[] parseShape(String inner, String source) throws NpyFormatException {
        String[] parts = inner.split(",");
        long[] dims = new long[parts.length];
        int n = 0;
        for (String p : parts) {
            String v = p.trim();
            if (v.endsWith("L")) {
                v = v.substring(0, v.length() - 1);
            }
            if (v.isEmpty()) {
                continue;
            }
            try {
                dims[n] = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(source, "bad shape (" + inner + ")");
            }
            if (dims[n] < 0) {
                throw new NpyFormatException(source, "negative dimension in shape (" + inner + ")");
            }
            n++;
        }
        return Arrays.copyOf(dims, n);
    }

    private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new NpyFormatException(source, b.length == 0 && what.equals("header") ? "empty or truncated file"
                    : "truncated " + what + " (" + b.length + " of " + n + " bytes)");
        }
        return b;
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.major == major && h.dtype.equals(dtype)
                && h.fortranOrder == fortranOrder && Arrays.equals(h.shape, shape) && h.dataOffset == dataOffset;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + dtype.hashCode();
    }

    @Override
    public String toString() {
        return "npy v" + major + " " + dtype.descr() + (fortranOrder ? " F" : " C") + " shape " + Arrays.toString(shape);
    }
}
