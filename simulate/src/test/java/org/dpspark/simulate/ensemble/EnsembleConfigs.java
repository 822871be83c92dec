package org.dpspark.simulate.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpspark.core.JobConfig;

/** Settings from the real defaults plus {@code --set}-style overrides. */
final class EnsembleConfigs {
    private EnsembleConfigs() {}

    static SimulateSettings settings(String... overrides) {
        return SimulateSettings.fromConfig(JobConfig.load(null, new ArrayList<>(Arrays.asList(overrides))));
    }

    /** Silicon 2×2×2 (64 atoms) with Stillinger–Weber, 200 steps of 1 fs, frames every 50. */
    static List<String> silicon() {
        return List.of("simulate.structures=[{lattice=diamond,element=Si,a=5.431,repeat=[2,2,2]}]",
                "simulate.potentials=[{type=sw}]", "simulate.integrator.steps=200", "simulate.dump-every=50",
                "simulate.thermo-every=5");
    }

    static SimulateSettings silicon(String... more) {
        List<String> all = new ArrayList<>(silicon());
        all.addAll(Arrays.asList(more));
        return settings(all.toArray(String[]::new));
    }

    static List<TrajectorySpec> specs(SimulateSettings s) {
        List<InitialStructure> structures = new ArrayList<>();
        for (StructureSource src : s.structures()) {
            if (src instanceof StructureSource.LatticeSource l) {
                structures.add(l.build());
            } else if (src instanceof StructureSource.WaterBoxSource w) {
                structures.add(w.build());
            }
        }
        return s.expand(structures);
    }
}
