package org.dpspark.train.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise parts of {@link FloatDualLayer} on 8 float lanes (the JDK's Vector API): one row at a time, over
 * the columns [0, upper) with upper the largest multiple of the lane count; the caller finishes the columns from
 * upper on with its scalar loop. Scalar {@code Unsafe} loops are not auto-vectorised by C2, and these loops were the
 * largest Java share of a mixed-precision step (JFR, 2026-12-07). Buffers are {@link Fbuf#bytes()} views; offsets are
 * in elements. Only loaded when {@link DualLayer#VECTOR} is true.
 */
final class FloatLayerLanes {
    private FloatLayerLanes() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    /** The first column a row's scalar tail must do for rows of {@code n} columns. */
    static int upper(int n) { return n - n % S.length(); }

    private static FloatVector ld(ByteBuffer b, int element) { return FloatVector.fromByteBuffer(S, b, element << 2, ORDER); }

    /**
     * One row of the value/tangent outputs: y = a∘g + skip(x), and when {@code dy} is non-null ẏ = s(a)∘ż∘g + skip(ẋ),
     * columns [0, upper(n)) of a segment of n columns; a null x means no skip term.
     */
    static void forwardRow(ByteBuffer a, int ao, ByteBuffer x, int xo, ByteBuffer dz, int dzo, ByteBuffer dx, int dxo,
            ByteBuffer y, int yo, ByteBuffer dy, int dyo, float[] g, int go, int n, boolean tanh) {
        int l = S.length(), up = upper(n);
        for (int o = 0; o < up; o += l) {
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
}
