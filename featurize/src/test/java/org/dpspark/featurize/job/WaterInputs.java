package org.dpspark.featurize.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.testing.DeepmdSystem;
import org.dpspark.model.testing.TestFrame;

/** The shared water frames (deepmd/water/data_N, type map O H) as featurize inputs, for the pure-Java tests. */
public final class WaterInputs {
    private WaterInputs() {}

    public static List<FrameInput> read(int system) throws IOException {
        List<FrameInput> out = new ArrayList<>();
        int k = 0;
        for (TestFrame f : DeepmdSystem.read(SharedData.path("deepmd/water/data_" + system))) {
            int n = f.natoms();
            int[] z = new int[n];
            String[] labels = new String[n];
            for (int i = 0; i < n; i++) {
                z[i] = f.types()[i] == 0 ? 8 : 1;
                labels[i] = f.types()[i] == 0 ? "O" : "H";
            }
            // every 4th frame plays "valid", to exercise the statistics split
            String split = k++ % 4 == 3 ? "valid" : "train";
            out.add(new FrameInput(f.id(), "water/data_" + system, split, z, labels, f.positions(), f.cell(), f.pbc(),
                    f.energy()));
        }
        return out;
    }
}
