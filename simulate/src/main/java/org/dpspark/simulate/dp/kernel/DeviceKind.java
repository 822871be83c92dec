package org.dpspark.simulate.dp.kernel;

/** Where {@link DeepPotKernelEvaluator} runs its kernels. */
public enum DeviceKind {
    /** Best available: an OpenCL GPU, else an OpenCL CPU device (e.g. PoCL), else the Java thread pool (logged). */
    AUTO,
    /** An OpenCL GPU; required: construction fails without one, evaluation fails if a kernel ran elsewhere. */
    GPU,
    /** An OpenCL CPU device (PoCL, Intel CPU runtime); required like {@link #GPU}. */
    OPENCL_CPU,
    /** Aparapi's Java thread pool (always available); required like {@link #GPU}. */
    JTP
}
