package org.dpspark.model.descriptor;

import java.util.List;

/** G2 only, default radial grid, cos cutoff. */
class G2ContractTest extends DescriptorContractTest {
    @Override
    AtomicDescriptor descriptor() {
        SymmetryFunctionSet d = SymmetryFunctionSet.defaults(RC);
        List<SymmetryFunctionSet.Radial> g2 = new java.util.ArrayList<>(d.g2());
        g2.add(new SymmetryFunctionSet.Radial(2.0, 2.5)); // a shifted one, user-given
        return new BehlerParrinello(new SymmetryFunctionSet(RC, CutoffFunction.COS, g2, List.of(), List.of()), List.of("O", "H"));
    }
}
