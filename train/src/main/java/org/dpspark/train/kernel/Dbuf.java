package org.dpspark.train.kernel;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * An off-heap array of doubles that both OpenBLAS ({@link Blas}, through {@link #at}) and Java loops ({@link #get},
 * {@link #put}, through a direct {@link DoubleBuffer}) use without copies.
 *
 * <p>Why off-heap: JavaCPP passes a {@code double[]} to native code by copying it in and out (JNI
 * {@code Get/ReleaseDoubleArrayElements}), which made the kernel's 552×50·50×100 products 25 % slower (62.9 vs 47.7
 * GFLOP/s, one core, 2026-11-24); a direct buffer's element access costs Java loops 0.25 instead of 0.18 ns.
 * The memory is freed by JavaCPP's deallocator when the buffer is collected, or by {@link #close}.
 */
final class Dbuf implements AutoCloseable {
    private final DoublePointer ptr;
    private final DoubleBuffer buf;
    private final long length;

    /** A zeroed buffer of {@code length} doubles. */
    Dbuf(long length) {
        this.length = length;
        ptr = new DoublePointer(Math.max(1, length));
        buf = ptr.asBuffer();
        ptr.zero();
    }

    long length() { return length; }

    double get(int i) { return buf.get(i); }

    void put(int i, double v) { buf.put(i, v); }

    void add(int i, double v) { buf.put(i, buf.get(i) + v); }

    /** Sets elements [off, off + n) to 0. */
    void zero(int off, int n) {
        for (int i = 0; i < n; i++) buf.put(off + i, 0.0);
    }

    /** A pointer to element {@code off} (a view: no copy, no ownership). */
    DoublePointer at(long off) { return new DoublePointer(ptr).position(off); }

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
