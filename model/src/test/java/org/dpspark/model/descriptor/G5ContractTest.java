package org.dpspark.model.descriptor;

import java.util.List;

/** G5 only (user-given set), cos cutoff. */
class G5ContractTest extends DescriptorContractTest {
    @Override
    AtomicDescriptor descriptor() {
        List<SymmetryFunctionSet.Angular> g5 = List.of(new SymmetryFunctionSet.Angular(0.005, 1, 1),
                new SymmetryFunctionSet.Angular(0.02, 2, -1), new SymmetryFunctionSet.Angular(0.1, 4, 1),
                new SymmetryFunctionSet.Angular(0.0, 16, -1));
        return new BehlerParrinello(new SymmetryFunctionSet(RC, CutoffFunction.COS, List.of(), List.of(), g5), List.of("O", "H"));
    }
}
