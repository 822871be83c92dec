package org.dpspark.simulate.dp;

import static org.junit.jupiter.api.Assertions.fail;

import org.dpspark.model.DeepPotModel;
import org.dpspark.simulate.dp.kernel.DeepPotKernelEvaluator;
import org.dpspark.simulate.dp.kernel.DeviceKind;
import org.dpspark.simulate.dp.kernel.KernelDevices;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens a {@link DeepPotKernelEvaluator} on a required device kind for the tests. An OpenCL CPU device (PoCL,
 * installed by CI) is required: without one the test FAILS with the reason, unless the environment variable
 * {@code DPSPARK_NO_OPENCL=1} says this machine deliberately has none, in which case it is skipped with that reason.
 */
final class KernelModes {
    private KernelModes() {}

    static DeepPotKernelEvaluator open(DeepPotModel model, DeviceKind kind) {
        try {
            return new DeepPotKernelEvaluator(model, kind);
        } catch (IllegalStateException e) {
            if (kind == DeviceKind.OPENCL_CPU) {
                Assumptions.assumeFalse("1".equals(System.getenv("DPSPARK_NO_OPENCL")),
                        "DPSPARK_NO_OPENCL=1: no OpenCL platform on this machine (" + e.getMessage() + ")");
            }
            return fail("no " + kind + " device: " + e.getMessage() + " [OpenCL inventory: " + KernelDevices.inventory()
                    + "]. Install PoCL (apt-get install pocl-opencl-icd ocl-icd-libopencl1) or set DPSPARK_NO_OPENCL=1");
        }
    }
}
