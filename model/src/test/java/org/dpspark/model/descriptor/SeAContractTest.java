package org.dpspark.model.descriptor;

/** se_e2_a: D = (1/N²) GᵀR̃R̃ᵀG_< of the environment matrix with a random tanh embedding. */
class SeAContractTest extends DescriptorContractTest {
    @Override
    AtomicDescriptor descriptor() {
        return new SeADescriptorForTest(RC, 1.0, new int[] {24, 40}, 42);
    }
}
