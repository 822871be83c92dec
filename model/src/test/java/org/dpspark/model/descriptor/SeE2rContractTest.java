package org.dpspark.model.descriptor;

import java.util.List;

class SeE2rContractTest extends DescriptorContractTest {
    @Override
    AtomicDescriptor descriptor() {
        return new SeE2rFeatures(RC, 1.0, new int[] {24, 40}, List.of("O", "H"));
    }
}
