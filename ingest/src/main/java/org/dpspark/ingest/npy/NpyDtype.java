package org.dpspark.ingest.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A NumPy scalar type as written in a {@code .npy} header's {@code descr}: kind ({@code f} float, {@code i}
 * signed, {@code u} unsigned, {@code b} bool), item size in bytes and byte order. Decodes raw bytes to
 * {@code double} or {@code long}.
 *
 * @param kind     'f', 'i', 'u' or 'b'
 * @param itemSize bytes per element
 * @param order    byte order of multi-byte elements
 */
public record NpyDtype(char kind, int itemSize, ByteOrder order) {

    public static final NpyDtype F8 = new NpyDtype('f', 8, ByteOrder.LITTLE_ENDIAN);
    public static final NpyDtype I4 = new NpyDtype('i', 4, ByteOrder.LITTLE_ENDIAN);

    /**
     * Parses a descr such as {@code <f8}, {@code >f4}, {@code |u1}, {@code |b1}, {@code <i8}; {@code =} means
     * little-endian here (every platform dpspark runs on). Throws naming the descr when unsupported.
     */
    public static NpyDtype parse(String descr, String source) throws NpyFormatException {
        if (descr == null || descr.length() < 3) {
            throw new NpyFormatException(source, "unsupported dtype '" + descr + "'");
        }
        char o = descr.charAt(0);
        char kind = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw new NpyFormatException(source, "unsupported dtype '" + descr + "'");
        }
        boolean ok = switch (kind) {
            case 'f' -> size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'b' -> size == 1;
            default -> false;
        };
        if (!ok || (o != '<' && o != '>' && o != '|' && o != '=')) {
            throw new NpyFormatException(source, "unsupported dtype '" + descr
                    + "' (supported: float32/64, int/uint 8-64 bit, bool)");
        }
        if (o == '|' && size != 1) {
            throw new NpyFormatException(source, "dtype '" + descr + "' has no byte order");
        }
        return new NpyDtype(kind, size, o == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    /** The descr string, e.g. {@code <f8}. */
    public String descr() {
        char o = itemSize == 1 ? '|' : (order == ByteOrder.BIG_ENDIAN ? '>' : '<');
        return "" + o + kind + itemSize;
    }

    public boolean isFloat() {
        return kind == 'f';
    }

    /** Decodes {@code count} elements from the buffer's position as doubles (uint64 above 2^63 wraps). */
    public double[] toDoubles(ByteBuffer bb, int count) {
        ByteBuffer b = bb.slice().order(order);
        double[] out = new double[count];
        switch (kind) {
            case 'f' -> {
                if (itemSize == 8) {
                    b.asDoubleBuffer().get(out, 0, count);
                } else {
                    for (int i = 0; i < count; i++) {
                        out[i] = b.getFloat(4 * i);
                    }
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    out[i] = integerAt(b, i);
                }
            }
        }
        return out;
    }

    /** Decodes {@code count} integer or bool elements as longs; throws for float dtypes. */
    public long[] toLongs(ByteBuffer bb, int count, String source) throws NpyFormatException {
        if (kind == 'f') {
            throw new NpyFormatException(source, "expected an integer array, found dtype " + descr());
        }
        ByteBuffer b = bb.slice().order(order);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = integerAt(b, i);
        }
        return out;
    }

    private long integerAt(ByteBuffer b, int i) {
        int p = i * itemSize;
        boolean unsigned = kind == 'u';
        return switch (itemSize) {
            case 1 -> kind == 'b' ? (b.get(p) != 0 ? 1 : 0) : (unsigned ? b.get(p) & 0xFFL : b.get(p));
            case 2 -> unsigned ? b.getShort(p) & 0xFFFFL : b.getShort(p);
            case 4 -> unsigned ? b.getInt(p) & 0xFFFFFFFFL : b.getInt(p);
            default -> b.getLong(p);
        };
    }
}
