package org.dpspark.train.kernel;

import java.lang.reflect.Field;
import org.bytedeco.javacpp.DoublePointer;
import sun.misc.Unsafe;

/**
 * An off-heap array of doubles that both OpenBLAS ({@link Blas}, through {@link #at}) and Java loops ({@link #get},
 * {@link #put}) use without copies.
 *
 * <p>Why off-heap: JavaCPP passes a {@code double[]} to native code by copying it in and out (JNI
 * {@code Get/ReleaseDoubleArrayElements}), which slowed the kernel's products. Element access is by {@code Unsafe} at
 * the native address, because a direct {@code DoubleBuffer}'s index check was a noticeable share of the kernel's Java
 * time (measurements: docs/benchmarks.md#training-kernel). Indices are checked only by Java assertions ({@code -ea}, on
 * in the tests, which exercise every index path); the kernel's index arithmetic is what keeps them in range. The memory
 * is freed by JavaCPP's deallocator when the buffer is collected, or by {@link #close}.
 */
final class Dbuf implements AutoCloseable {
    /** The one {@code Unsafe} of the kernel's buffers ({@link Dbuf}, {@link Fbuf}). */
    static final Unsafe U = unsafe();
    private final DoublePointer ptr;
    private final long address;
    private final long length;
    private final java.nio.ByteBuffer bytes;

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sun.misc.Unsafe is not available", e);
        }
    }

    /** A zeroed buffer of {@code length} doubles. */
    Dbuf(long length) {
        this.length = length;
        ptr = new DoublePointer(Math.max(1, length));
        address = ptr.address();
        ptr.zero();
        long nbytes = Math.max(1, length) * 8;
        bytes = nbytes <= Integer.MAX_VALUE ? ptr.asByteBuffer().order(java.nio.ByteOrder.nativeOrder()) : null;
    }

    long length() { return length; }

    double get(int i) {
        assert i >= 0 && i < length : i + " outside [0, " + length + ")";
        return U.getDouble(address + ((long) i << 3));
    }

    void put(int i, double v) {
        assert i >= 0 && i < length : i + " outside [0, " + length + ")";
        U.putDouble(address + ((long) i << 3), v);
    }

    void add(int i, double v) { put(i, get(i) + v); }

    /**
     * Native address of element {@code i}, for hot loops that step a {@code long} address themselves ({@link #ld},
     * {@link #st}): C2 compiles {@code get(int)}'s int-to-address arithmetic per access, which made the kernel's
     * element-wise loops about twice as slow (measurements: docs/benchmarks.md#training-kernel). The caller asserts
     * the range it will touch with {@link #span}.
     */
    long addr(int i) {
        assert i >= 0 && i <= length : i;
        return address + ((long) i << 3);
    }

    /** Asserts that elements [off, off + n) are inside the buffer (Java assertions only, as for {@link #get}). */
    boolean span(int off, long n) {
        assert off >= 0 && off + n <= length : "[" + off + ", " + (off + n) + ") outside [0, " + length + ")";
        return true;
    }

    /** A direct byte view of the whole buffer (native order), or null above 2 GB (ByteBuffer's int limit). */
    java.nio.ByteBuffer bytes() { return bytes; }

    static double ld(long address) { return U.getDouble(address); }

    static void st(long address, double v) { U.putDouble(address, v); }

    /** Sets elements [off, off + n) to 0. */
    void zero(int off, int n) {
        assert off >= 0 && off + n <= length;
        U.setMemory(address + ((long) off << 3), (long) n << 3, (byte) 0);
    }

    /** Copies elements [off, off + n) to {@code dst[0..n)}. */
    void read(int off, double[] dst, int n) {
        for (int i = 0; i < n; i++) dst[i] = get(off + i);
    }

    /**
     * Views of the buffer for {@link #at(long, int)}, made on first use: a JavaCPP pointer made per call (with its
     * deallocator proxy, which JavaCPP tracks by reference) was the small matrix products' whole heap traffic
     * (measurements: docs/benchmarks.md#training-kernel).
     */
    private final DoublePointer[] views = new DoublePointer[3];

    /** A pointer to element {@code off} (a view: no copy, no ownership), made anew. */
    DoublePointer at(long off) { return new DoublePointer(ptr).position(off); }

    /**
     * A pointer to element {@code off} through the buffer's view number {@code slot} (0–2), reused: valid until the
     * next call with the same slot. One call passes the operands of one native function in distinct slots, so that
     * the same buffer can be two of them.
     */
    DoublePointer at(long off, int slot) {
        DoublePointer v = views[slot];
        if (v == null) views[slot] = v = new DoublePointer(ptr);
        return v.position(off);
    }

    /** Copies {@code src[0..n)} to elements [off, off + n). */
    void copyFrom(double[] src, int off, int n) {
        ptr.position(off).put(src, 0, n);
        ptr.position(0);
    }

    /** Copies elements [off, off + n) to {@code dst[dstOff..)}. */
    void copyTo(int off, double[] dst, int dstOff, int n) {
        ptr.position(off).get(dst, dstOff, n);
        ptr.position(0);
    }

    @Override
    public void close() { ptr.close(); }
}
