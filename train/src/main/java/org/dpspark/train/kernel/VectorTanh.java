package org.dpspark.train.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * a = tanh(a + b) over a row, with the JDK's Vector API (incubator module {@code jdk.incubator.vector}, enabled by
 * {@code --add-modules=jdk.incubator.vector} in dpspark's JVM flags), because tanh by scalar {@code Math.exp} was a
 * noticeable share of a training step (measurements: docs/benchmarks.md#training-kernel). tanh(z) = 1 − 2/(e^{2z} + 1)
 * with 2z clamped to [−40, 40] (tanh(±20) is ±1 in double) and e^x = 2^k·p(r), k = round(x/ln 2), r = x − k·ln 2
 * (Cody–Waite split of ln 2), p the Taylor polynomial of degree 13 (truncation < 2e-16 relative for |r| ≤ ln2/2): only
 * add, multiply, fma and integer ops, so the result is the same in every JIT tier (the Vector API's own EXP lane op
 * runs SVML when compiled and a Java fallback before, which differ in the last bit: a kernel step was then not
 * reproducible bit for bit). Only loaded when {@link DualLayer#VECTOR} says the module is present (this class's
 * constants need it); otherwise, and for the row tails, the kernel uses the scalar form.
 */
final class VectorTanh {
    private VectorTanh() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 split so that k·LN2_HI is exact for |k| < 2^20 (fdlibm's split). */
    private static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    /** 1.5·2^52: x + MAGIC rounds x to the nearest integer, held in the low mantissa bits. */
    private static final double MAGIC = 6755399441055744.0;
    private static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);
    /** 1/n! as lane constants, n = 0..13 (written out: the polynomial must be straight-line code in the loop). */
    private static final DoubleVector C0 = c(0), C1 = c(1), C2 = c(2), C3 = c(3), C4 = c(4), C5 = c(5), C6 = c(6), C7 = c(7),
            C8 = c(8), C9 = c(9), C10 = c(10), C11 = c(11), C12 = c(12), C13 = c(13);
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0), TWO = DoubleVector.broadcast(S, 2.0);

    private static DoubleVector c(int n) {
        double f = 1;
        for (int k = 2; k <= n; k++) f *= k;
        return DoubleVector.broadcast(S, 1.0 / f);
    }

    /** bias repeated to length n + lanes, so that lanes consecutive columns from any column m are tile[m..m+lanes). */
    static double[] biasTile(double[] bias) {
        int n = bias.length;
        double[] tile = new double[n + S.length()];
        for (int j = 0; j < tile.length; j++) tile[j] = bias[j % n];
        return tile;
    }

    /**
     * Elements [off, off + count) of {@code block} (a direct buffer; rows of n columns, starting at a row) ← tanh(block
     * + bias of the column), {@code tile} from {@link #biasTile}. One pass over the whole block, because per-row calls
     * with their tails were slower (measurements: docs/benchmarks.md#training-kernel).
     */
    static void tanhBlock(ByteBuffer block, int off, int count, double[] tile, int n) {
        int l = S.length(), i = 0, m = 0;
        long base = (long) off << 3;
        for (; i <= count - l; i += l) {
            int at = (int) (base + ((long) i << 3));
            DoubleVector z = DoubleVector.fromByteBuffer(S, block, at, ORDER).add(DoubleVector.fromArray(S, tile, m));
            DoubleVector x = z.mul(2.0).max(-40.0).min(40.0);
            // e^x = 2^k·p(r): everything inline, so that C2 keeps the vectors in registers (a call or a loop that it
            // does not inline or unroll boxes them; measurements: docs/benchmarks.md#training-kernel)
            DoubleVector t = x.fma(LOG2E, MAGIC);
            DoubleVector k = t.sub(MAGIC);
            DoubleVector r = x.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            DoubleVector p = r.fma(C13, C12).fma(r, C11).fma(r, C10).fma(r, C9).fma(r, C8).fma(r, C7).fma(r, C6).fma(r, C5)
                    .fma(r, C4).fma(r, C3).fma(r, C2).fma(r, C1).fma(r, C0);
            LongVector scale = t.reinterpretAsLongs().sub(MAGIC_BITS).lanewise(VectorOperators.LSHL, 52);
            DoubleVector e = p.reinterpretAsLongs().add(scale).reinterpretAsDoubles().add(1.0);
            ONE.sub(TWO.div(e)).intoByteBuffer(block, at, ORDER);
            m = (m + l) % n;
        }
        for (; i < count; i++) {
            int at = (int) (base + ((long) i << 3));
            block.putDouble(at, DualLayer.tanh(block.getDouble(at) + tile[m]));
            if (++m >= n) m -= n;
        }
    }
}
