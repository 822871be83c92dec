package org.dpspark.train.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The Vector API tanh (polynomial exp) is tanh: against {@code Math.tanh} over z in [−25, 25] (including the clamped
 * tails and a bias per column, 7 columns so blocks cross rows and leave a scalar tail), and it equals itself bit for
 * bit on repeated calls (it replaced the Vector API's EXP lane op, whose compiled and interpreted forms differ).
 *
 * <p>Tolerance: 1 − 2/(e^{2z}+1) carries an absolute round-off of a few ulp of 1 (~4e-16) whatever z, as the scalar
 * form does; the polynomial's truncation is below 2e-16 relative.
 */
class VectorTanhTest {
    @Test
    void vectorTanhIsTanhAndDeterministic() {
        assertTrue(DualLayer.VECTOR, "the tests run with --add-modules=jdk.incubator.vector (<dpspark.jvm.flags>)");
        int n = 7, rows = 3001, count = n * rows;
        double[] bias = {0.0, 0.5, -0.25, 1.0, -3.0, 2.0, 0.125};
        ByteBuffer b = ByteBuffer.allocateDirect(count * 8).order(ByteOrder.nativeOrder());
        double[] z = new double[count];
        for (int i = 0; i < count; i++) {
            z[i] = -25.0 + 50.0 * i / count;
            b.putDouble(8 * i, z[i]);
        }
        VectorTanh.tanhBlock(b, 0, count, VectorTanh.biasTile(bias), n);
        double worst = 0;
        for (int i = 0; i < count; i++) {
            double ref = Math.tanh(z[i] + bias[i % n]);
            worst = Math.max(worst, Math.abs(b.getDouble(8 * i) - ref));
        }
        assertTrue(worst <= 4.5e-16, "max |Δ| vs Math.tanh " + worst);
        for (int rep = 0; rep < 2000; rep++) { // enough calls for the JIT to compile tanhBlock; results must not change
            ByteBuffer c = ByteBuffer.allocateDirect(count * 8).order(ByteOrder.nativeOrder());
            for (int i = 0; i < count; i++) c.putDouble(8 * i, z[i]);
            VectorTanh.tanhBlock(c, 0, count, VectorTanh.biasTile(bias), n);
            if (rep % 500 == 499) {
                for (int i = 0; i < count; i++) assertEquals(b.getDouble(8 * i), c.getDouble(8 * i), 0.0, "call " + rep + ", element " + i);
            }
        }
    }
}
