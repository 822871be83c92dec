package org.dpspark.train.kernel;

import org.bytedeco.javacpp.FloatPointer;
import sun.misc.Unsafe;

/**
 * An off-heap array of floats for the float32 nets of {@code train.precision = mixed} ({@link MixedNets}): the float
 * twin of {@link Dbuf} (same access rules: element access by native address, indices checked by Java assertions only,
 * memory freed by {@link #close} or JavaCPP's deallocator), plus the conversions to and from {@link Dbuf} at the
 * boundary between the float32 nets and the float64 rest of the step (on the Vector API when it is there:
 * {@link FloatLayerLanes#toFloat}, {@link FloatLayerLanes#toDouble}).
 */
final class Fbuf implements AutoCloseable {
    private static final Unsafe U = Dbuf.U;
    private final FloatPointer ptr;
    private final long address;
    private final long length;
    private final java.nio.ByteBuffer bytes;
    private final FloatPointer[] views = new FloatPointer[3];

    /** A zeroed buffer of {@code length} floats. */
    Fbuf(long length) {
        this.length = length;
        ptr = new FloatPointer(Math.max(1, length));
        address = ptr.address();
        ptr.zero();
        long nbytes = Math.max(1, length) * 4;
        bytes = nbytes <= Integer.MAX_VALUE ? ptr.asByteBuffer().order(java.nio.ByteOrder.nativeOrder()) : null;
    }

    long length() { return length; }

    float get(int i) {
        assert i >= 0 && i < length : i + " outside [0, " + length + ")";
        return U.getFloat(address + ((long) i << 2));
    }

    void put(int i, float v) {
        assert i >= 0 && i < length : i + " outside [0, " + length + ")";
        U.putFloat(address + ((long) i << 2), v);
    }

    /** Native address of element {@code i} (see {@link Dbuf#addr}). */
    long addr(int i) {
        assert i >= 0 && i <= length : i;
        return address + ((long) i << 2);
    }

    /** Asserts that elements [off, off + n) are inside the buffer (Java assertions only). */
    boolean span(int off, long n) {
        assert off >= 0 && off + n <= length : "[" + off + ", " + (off + n) + ") outside [0, " + length + ")";
        return true;
    }

    /** A direct byte view of the whole buffer (native order), or null above 2 GB. */
    java.nio.ByteBuffer bytes() { return bytes; }

    static float ld(long address) { return U.getFloat(address); }

    static void st(long address, float v) { U.putFloat(address, v); }

    /** A pointer to element {@code off} through the reused view number {@code slot} (0–2), as {@link Dbuf#at(long, int)}. */
    FloatPointer at(long off, int slot) {
        FloatPointer v = views[slot];
        if (v == null) views[slot] = v = new FloatPointer(ptr);
        return v.position(off);
    }

    /** Elements [off, off + n) ← src[srcOff, srcOff + n), rounded to nearest float. */
    void setFrom(int off, Dbuf src, int srcOff, int n) {
        assert span(off, n) && src.span(srcOff, n);
        if (DualLayer.VECTOR && bytes != null && src.bytes() != null) {
            FloatLayerLanes.toFloat(src.bytes(), srcOff, bytes, off, n);
            return;
        }
        long d = addr(off), s = src.addr(srcOff);
        for (int i = 0; i < n; i++, d += 4, s += 8) st(d, (float) Dbuf.ld(s));
    }

    /** dst[dstOff, dstOff + n) ← elements [off, off + n) (exact: every float is a double). */
    void copyTo(int off, Dbuf dst, int dstOff, int n) {
        assert span(off, n) && dst.span(dstOff, n);
        if (DualLayer.VECTOR && bytes != null && dst.bytes() != null) {
            FloatLayerLanes.toDouble(bytes, off, dst.bytes(), dstOff, n);
            return;
        }
        long s = addr(off), d = dst.addr(dstOff);
        for (int i = 0; i < n; i++, s += 4, d += 8) Dbuf.st(d, ld(s));
    }

    @Override
    public void close() { ptr.close(); }
}
