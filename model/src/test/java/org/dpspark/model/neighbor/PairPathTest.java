package org.dpspark.model.neighbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.testing.DeepmdSystem;
import org.dpspark.model.testing.TestFrame;
import org.junit.jupiter.api.Test;

/**
 * The half pair loop of {@link NeighborListBuilder} (small orthorhombic periodic cells) against its bin search:
 * the same cell with a 1e-200 Å off-diagonal element takes the bin path, and must give the same neighbours, cell
 * shifts and displacements (the perturbation changes displacements by ≤ 1e-200 Å, far below one ulp).
 */
class PairPathTest {
    static List<String> entries(NeighborList nl, int i) {
        List<String> out = new ArrayList<>();
        for (int p = nl.start(i); p < nl.end(i); p++) {
            out.add(nl.neighbor(p) + " " + nl.shift(p, 0) + " " + nl.shift(p, 1) + " " + nl.shift(p, 2) + " "
                    + nl.vec(p, 0) + " " + nl.vec(p, 1) + " " + nl.vec(p, 2) + " " + nl.distance(p));
        }
        out.sort(null);
        return out;
    }

    @Test
    void pairLoopEqualsBinSearchOnWater() throws IOException {
        List<TestFrame> frames = DeepmdSystem.read(SharedData.path("deepmd/water/data_0"));
        NeighborListBuilder b = new NeighborListBuilder(6.0);
        for (TestFrame f : frames.subList(0, 5)) {
            NeighborList pairs = b.build(f.positions(), f.cell(), f.pbc());
            double[] skew = f.cell().clone();
            skew[1] = 1e-200;
            NeighborList bins = b.build(f.positions(), skew, f.pbc());
            assertEquals(bins.size(), pairs.size());
            assertTrue(pairs.size() > 80 * f.natoms(), "water has ~89 neighbours per atom within 6 Å");
            for (int i = 0; i < f.natoms(); i++) {
                assertEquals(entries(bins, i), entries(pairs, i), f.id() + " atom " + i);
            }
        }
    }
}
