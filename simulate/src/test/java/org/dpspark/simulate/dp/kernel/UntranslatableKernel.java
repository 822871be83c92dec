package org.dpspark.simulate.dp.kernel;

/**
 * A kernel Aparapi cannot translate to OpenCL (it allocates a String): requested on an OpenCL device, Aparapi
 * falls back to Java; used to check that such a fallback is seen and reported, never silent.
 */
final class UntranslatableKernel extends WitnessKernel {
    int[] out = new int[1];

    @Override
    public void run() {
        writeWitness();
        if (getGlobalId() == 0) {
            out[0] = String.valueOf(getGlobalId()).length();
        }
    }
}
