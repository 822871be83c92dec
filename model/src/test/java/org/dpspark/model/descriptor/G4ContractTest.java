package org.dpspark.model.descriptor;

import java.util.List;

/** G4 only, default angular grid, C² polynomial cutoff. */
class G4ContractTest extends DescriptorContractTest {
    @Override
    AtomicDescriptor descriptor() {
        return new BehlerParrinello(new SymmetryFunctionSet(RC, CutoffFunction.POLY5, List.of(),
                SymmetryFunctionSet.defaults(RC).g4(), List.of()), List.of("O", "H"));
    }
}
