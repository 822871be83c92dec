package org.dpspark.simulate.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dpspark.core.JobConfig;
import org.junit.jupiter.api.Test;

class SimulateSettingsTest {
    static Path projectRoot() {
        return Path.of(System.getProperty("dpspark.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void everyShippedEnsembleConfigValidates() throws IOException {
        List<Path> confs;
        try (Stream<Path> s = Files.list(projectRoot().resolve("conf"))) {
            confs = s.filter(p -> p.getFileName().toString().startsWith("ensemble")).sorted().toList();
        }
        assertEquals(3, confs.size(), confs.toString());
        for (Path p : confs) {
            SimulateSettings s = SimulateSettings.fromConfig(JobConfig.load(p.toString(), List.of()));
            assertFalse(s.structures().isEmpty(), p.toString());
            assertFalse(s.potentials().isEmpty(), p.toString());
        }
        SimulateSettings si = SimulateSettings.fromConfig(JobConfig.load(projectRoot().resolve(
                "conf/ensemble-si-sw.conf").toString(), List.of()));
        assertEquals(16, EnsembleConfigs.specs(si).size(), "1 structure × 1 potential × 2 integrators × 2 T × 4 seeds");
    }

    @Test
    void entriesAreValidatedAgainstTheirDefaults() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnsembleConfigs.settings(
                "simulate.structures=[{lattice=fcc,element=Ar,a=5.26,repet=[2,2,2]}]", "simulate.potentials=[{type=sw}]"));
        assertTrue(e.getMessage().contains("repet") && e.getMessage().contains("simulate.structures[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EnsembleConfigs.settings(
                "simulate.structures=[{lattice=fcc,element=Ar}]", "simulate.potentials=[{type=sw}]"));
        assertTrue(e.getMessage().contains("needs a"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EnsembleConfigs.settings(
                "simulate.structures=[{lattice=fcc,element=Ar,a=5.26}]", "simulate.potentials=[{type=lj,epsilon=1}]"));
        assertTrue(e.getMessage().contains("needs sigma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EnsembleConfigs.settings(
                "simulate.structures=[{lattice=fcc,element=Ar,a=5.26}]", "simulate.potentials=[{type=morse}]"));
        assertTrue(e.getMessage().contains("morse"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EnsembleConfigs.settings(
                "simulate.structures=[{lattice=fcc,element=Ar,a=5.26}]",
                "simulate.potentials=[{type=deep-potential,model=m,execution=cuda}]"));
        assertTrue(e.getMessage().contains("cuda") && e.getMessage().contains("java"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EnsembleConfigs.silicon("simulate.integrator.type=verlet"));
        assertThrows(IllegalArgumentException.class, () -> EnsembleConfigs.silicon("simulate.seeds=[3,3]"));
    }

    @Test
    void seedsAreACountOrAListAndIdsFollowTheDefinition() {
        SimulateSettings count = EnsembleConfigs.silicon("simulate.seeds=3", "simulate.temperatures=[300,600]",
                "simulate.integrator.type=[nve,langevin]");
        assertEquals(List.of(1L, 2L, 3L), count.seeds());
        List<TrajectorySpec> specs = EnsembleConfigs.specs(count);
        assertEquals(12, specs.size());
        assertEquals(12, specs.stream().map(TrajectorySpec::id).distinct().count(), "ids are unique");
        SimulateSettings list = EnsembleConfigs.silicon("simulate.seeds=[1,2,3]", "simulate.temperatures=[300,600]",
                "simulate.integrator.type=[nve,langevin]", "simulate.integrator.steps=5000", "simulate.dump-every=7");
        // the id depends on what defines the path, not on its length or the output intervals
        assertEquals(specs.stream().map(TrajectorySpec::id).toList(),
                EnsembleConfigs.specs(list).stream().map(TrajectorySpec::id).toList());
        assertNotEquals(specs.get(0).id(), EnsembleConfigs.specs(EnsembleConfigs.silicon("simulate.seeds=3",
                "simulate.temperatures=[300,600]", "simulate.integrator.type=[nve,langevin]",
                "simulate.integrator.dt=0.5")).get(0).id(), "dt is part of the definition");
        assertEquals(16, specs.get(0).id().length());
    }
}
