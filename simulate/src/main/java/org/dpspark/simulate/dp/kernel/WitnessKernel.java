package org.dpspark.simulate.dp.kernel;

import com.aparapi.Kernel;

/**
 * Base of every dpspark kernel: work item 0 writes a witness that tells, after the run, whether the code ran as
 * OpenCL or as Java, independently of what Aparapi's bookkeeping says ({@code Kernel.getTargetDevice()} and
 * {@code isRunningCL()} report the <em>preferred</em> device, not the one that ran).
 *
 * <p>The witness is {@code fma(1 + 2⁻³⁰, 1 − 2⁻³⁰, −1)}. OpenCL's {@code fma} is fused (one rounding, required
 * correctly rounded for double): −2⁻⁶⁰. Aparapi's Java implementation of {@code Kernel.fma} is {@code a*b + c}
 * (two roundings, and Java may not fuse them): 1 − 2⁻⁶⁰ rounds to 1, so the result is exactly 0. The inputs are
 * kernel arguments, so no compiler folds them differently. NaN means the kernel did not run at all.
 */
abstract class WitnessKernel extends Kernel {
    /** The value OpenCL writes. */
    static final double OPENCL_WITNESS = -0x1p-60;
    /** The value a Java execution (thread pool or sequential) writes. */
    static final double JAVA_WITNESS = 0.0;

    double[] witness = {Double.NaN};
    double witnessA = 1.0 + 0x1p-30;
    double witnessB = 1.0 - 0x1p-30;
    double witnessC = -1.0;

    /** Call first in {@code run()}. */
    void writeWitness() {
        if (getGlobalId() == 0) {
            witness[0] = fma(witnessA, witnessB, witnessC);
        }
    }
}
