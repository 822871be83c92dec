package org.dpspark.train.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * a = tanh(a + b) over a float32 block ({@link MixedNets}), the float twin of {@link VectorTanh}: tanh(z) =
 * 1 − 2/(e^{2z} + 1), 2z clamped to [−40, 40], e^x = 2^k·p(r), k = round(x/ln 2), r = x − k·ln 2 (Cody–Waite split of
 * ln 2 for float), p the Taylor polynomial of degree 7 (truncation r⁸/8! < 6e-9 relative for |r| ≤ ln2/2, below
 * float's half ulp 6e-8). The result is within a few float ulps of tanh (absolute error ≲ 2e-7, checked against
 * Math.tanh in FloatVectorTanhTest); only add, multiply, fma and integer lane ops, so every JIT tier gives the same bits.
 * 8 float lanes per AVX2 register against 4 doubles: the reason the float32 nets' element-wise passes are ~2× faster.
 * Only loaded when {@link DualLayer#VECTOR} is true.
 */
final class FloatVectorTanh {
    private FloatVectorTanh() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final float LOG2E = 1.44269504f;
    /** ln 2 = LN2_HI + LN2_LO with k·LN2_HI exact for |k| < 2^9 (LN2_HI has 9 significant bits). */
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: x + MAGIC rounds x to the nearest integer, held in the low mantissa bits. */
    private static final float MAGIC = 12582912f;
    private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);
    private static final FloatVector C0 = c(0), C1 = c(1), C2 = c(2), C3 = c(3), C4 = c(4), C5 = c(5), C6 = c(6), C7 = c(7);
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f), TWO = FloatVector.broadcast(S, 2f);

    private static FloatVector c(int n) {
        double f = 1;
        for (int k = 2; k <= n; k++) f *= k;
        return FloatVector.broadcast(S, (float) (1.0 / f));
    }

    /** Lanes per vector (the bias tile's padding). */
    static int lanes() { return S.length(); }

    /** The scalar form for row tails and the non-vector path (float32 result of the double formula). */
    static float tanh(float z) { return (float) DualLayer.tanh(z); }

    /**
     * Elements [off, off + count) of {@code block} (a direct buffer of floats, rows of n columns, starting at a row)
     * ← tanh(block + bias of the column); {@code tile} is the bias repeated to length n + lanes.
     */
    static void tanhBlock(ByteBuffer block, int off, int count, float[] tile, int n) {
        int l = S.length(), i = 0, m = 0;
        long base = (long) off << 2;
        for (; i <= count - l; i += l) {
            int at = (int) (base + ((long) i << 2));
            FloatVector z = FloatVector.fromByteBuffer(S, block, at, ORDER).add(FloatVector.fromArray(S, tile, m));
            FloatVector x = z.mul(2f).max(-40f).min(40f);
            FloatVector t = x.fma(LOG2E, MAGIC);
            FloatVector k = t.sub(MAGIC);
            FloatVector r = x.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            FloatVector p = r.fma(C7, C6).fma(r, C5).fma(r, C4).fma(r, C3).fma(r, C2).fma(r, C1).fma(r, C0);
            IntVector scale = t.reinterpretAsInts().sub(MAGIC_BITS).lanewise(VectorOperators.LSHL, 23);
            FloatVector e = p.reinterpretAsInts().add(scale).reinterpretAsFloats().add(1f);
            ONE.sub(TWO.div(e)).intoByteBuffer(block, at, ORDER);
            m = (m + l) % n;
        }
        for (; i < count; i++) {
            int at = (int) (base + ((long) i << 2));
            block.putFloat(at, tanh(block.getFloat(at) + tile[m]));
            if (++m >= n) m -= n;
        }
    }
}
