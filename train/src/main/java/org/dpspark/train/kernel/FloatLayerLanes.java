package org.dpspark.train.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise parts of {@link FloatDualLayer} and the float ↔ double conversions at the float32 nets' boundary on
 * the JDK's Vector API (the preferred species: 16 float lanes with AVX-512, 8 with AVX2). The forward pass covers all
 * of a row's columns [0, {@link #covered}(n)): the whole vectors, then one last vector ending at column n that overlaps
 * the previous one (it rewrites the same values), so that the embedding widths 25, 50, 100 leave no scalar tail (with
 * 16 lanes, 31 of each slot's 175 activations were scalar: the largest Java share of a mixed-precision step, JFR
 * 2026-12-08); rows narrower than a vector, and the reverse pass's tails, are the caller's scalar loops (an overlapping
 * last vector with masked sums, and a vectorised skip adjoint, measured slower on JDK 17). Scalar {@code Unsafe} loops
 * are not auto-vectorised by C2. Buffers are {@link Fbuf#bytes()} / {@link Dbuf#bytes()} views; offsets are in
 * elements. Only loaded when {@link DualLayer#VECTOR} is true.
 */
final class FloatLayerLanes {
    private FloatLayerLanes() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    /** Doubles of a vector with as many lanes as {@link #H} floats: the conversions' pair of species. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> H = VectorSpecies.of(float.class, VectorShape.forBitSize(D.length() * 32));

    /** The largest multiple of the lane count ≤ n: the columns of a row's whole vectors. */
    static int upper(int n) { return n - n % S.length(); }

    /** The first column a row's scalar loop must do after {@link #forwardRow}: n (none) when a row holds a vector, else 0. */
    static int covered(int n) { return n >= S.length() ? n : 0; }

    private static FloatVector ld(ByteBuffer b, int element) { return FloatVector.fromByteBuffer(S, b, element << 2, ORDER); }

    /**
     * One row of the value/tangent outputs: y = a∘g + skip(x), and when {@code dy} is non-null ẏ = s(a)∘ż∘g + skip(ẋ),
     * columns [0, covered(n)) of a segment of n columns; a null x means no skip term. y and ẏ must not share memory
     * with the inputs (the overlapping last vector reads them again).
     */
    static void forwardRow(ByteBuffer a, int ao, ByteBuffer x, int xo, ByteBuffer dz, int dzo, ByteBuffer dx, int dxo,
            ByteBuffer y, int yo, ByteBuffer dy, int dyo, float[] g, int go, int n, boolean tanh) {
        int l = S.length(), vectors = n < l ? 0 : (n + l - 1) / l;
        for (int v = 0; v < vectors; v++) {
            int o = Math.min(v * l, n - l); // the last one ends at column n
            FloatVector av = ld(a, ao + o), gv = FloatVector.fromArray(S, g, go + o);
            FloatVector yv = av.mul(gv);
            if (x != null) yv = yv.add(ld(x, xo + o));
            yv.intoByteBuffer(y, (yo + o) << 2, ORDER);
            if (dy == null) continue;
            FloatVector zd = ld(dz, dzo + o).mul(gv);
            if (tanh) zd = zd.mul(ONE.sub(av.mul(av))); // (1 − a²)·ż·g
            if (dx != null) zd = zd.add(ld(dx, dxo + o));
            zd.intoByteBuffer(dy, (dyo + o) << 2, ORDER);
        }
    }

    /**
     * One row of the reverse (see {@link DualLayer}'s formulas): z̄, ż̄ stored; accB += z̄ (∂b), accI += ȳ∘a + ẏ̄∘s∘ż
     * (∂idt), and when {@code unitW} is non-null unitW += ż̄ (the input layer's ∂W with ẋ = 1); columns [0, upper(nOut)).
     */
    static void reverseRow(ByteBuffer a, int ao, ByteBuffer dz, int dzo, ByteBuffer yb, int ybo, ByteBuffer dyb, int dybo,
            ByteBuffer zb, int zbo, ByteBuffer dzb, int dzbo, float[] g, float[] accB, float[] accI, float[] unitW, int nOut,
            boolean tanh) {
        int l = S.length(), up = upper(nOut);
        for (int o = 0; o < up; o += l) {
            FloatVector av = ld(a, ao + o), dzv = ld(dz, dzo + o), ybv = ld(yb, ybo + o), dybv = ld(dyb, dybo + o);
            FloatVector gv = FloatVector.fromArray(S, g, o);
            FloatVector s = tanh ? ONE.sub(av.mul(av)) : ONE;
            FloatVector.fromArray(S, accI, o).add(ybv.fma(av, dybv.mul(s).mul(dzv))).intoArray(accI, o);
            FloatVector ab = ybv.mul(gv), dab = dybv.mul(gv);
            FloatVector z = tanh ? s.mul(ab.sub(av.mul(dzv).mul(dab).mul(2f))) : ab;
            FloatVector dzbar = s.mul(dab);
            z.intoByteBuffer(zb, (zbo + o) << 2, ORDER);
            dzbar.intoByteBuffer(dzb, (dzbo + o) << 2, ORDER);
            FloatVector.fromArray(S, accB, o).add(z).intoArray(accB, o);
            if (unitW != null) FloatVector.fromArray(S, unitW, o).add(dzbar).intoArray(unitW, o);
        }
    }

    /** d[doff + k] ← (double) f[foff + k], k &lt; n (exact). */
    static void toDouble(ByteBuffer f, int foff, ByteBuffer d, int doff, int n) {
        int l = D.length(), k = 0;
        for (; k + l <= n; k += l) {
            ((DoubleVector) FloatVector.fromByteBuffer(H, f, (foff + k) << 2, ORDER).convertShape(VectorOperators.F2D, D, 0))
                    .intoByteBuffer(d, (doff + k) << 3, ORDER);
        }
        for (; k < n; k++) d.putDouble((doff + k) << 3, f.getFloat((foff + k) << 2));
    }

    /** f[foff + k] ← (float) d[doff + k], k &lt; n (rounded to nearest, as the cast). */
    static void toFloat(ByteBuffer d, int doff, ByteBuffer f, int foff, int n) {
        int l = D.length(), k = 0;
        for (; k + l <= n; k += l) {
            ((FloatVector) DoubleVector.fromByteBuffer(D, d, (doff + k) << 3, ORDER).convertShape(VectorOperators.D2F, H, 0))
                    .intoByteBuffer(f, (foff + k) << 2, ORDER);
        }
        for (; k < n; k++) f.putFloat((foff + k) << 2, (float) d.getDouble((doff + k) << 3));
    }

    /** d[doff + k] += f[foff + k], k &lt; n, in double. */
    static void addToDouble(ByteBuffer f, int foff, ByteBuffer d, int doff, int n) {
        int l = D.length(), k = 0;
        for (; k + l <= n; k += l) {
            DoubleVector w = (DoubleVector) FloatVector.fromByteBuffer(H, f, (foff + k) << 2, ORDER)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector.fromByteBuffer(D, d, (doff + k) << 3, ORDER).add(w).intoByteBuffer(d, (doff + k) << 3, ORDER);
        }
        for (; k < n; k++) d.putDouble((doff + k) << 3, d.getDouble((doff + k) << 3) + f.getFloat((foff + k) << 2));
    }
}
