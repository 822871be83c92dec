package org.dpspark.loop;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.dpspark.core.JobConfig;
import org.dpspark.simulate.ensemble.PotentialType;
import org.dpspark.simulate.ensemble.SimulateSettings;
import org.junit.jupiter.api.Test;

/** The loop section of the shipped configurations, and its errors (no Spark). */
class LoopSettingsTest {
    private static String conf(String name) {
        Path p = Path.of("").toAbsolutePath();
        while (!p.resolve("conf").toFile().isDirectory()) p = p.getParent();
        return p.resolve("conf").resolve(name).toString();
    }

    @Test
    void demoConfigurationIsComplete() {
        LoopSettings s = new LoopSettings(JobConfig.load(conf("loop-si-sw.conf"), List.of()));
        assertEquals(4, s.models);
        assertEquals(PotentialType.SW, s.labelerPotential().type());
        assertEquals(List.of(300.0, 600.0, 900.0, 1200.0, 1500.0), s.stage(7).getDoubleList("temperatures"));
        SimulateSettings init = s.md(s.c.getConfig("init"), s.potentialOr("init.potential"));
        assertEquals(4, init.expand(List.of(org.dpspark.simulate.ensemble.InitialStructure.of("si",
                org.dpspark.simulate.lattice.Lattice.silicon(2, 2, 2)))).size(), "2 temperatures × 2 seeds");
        assertTrue(s.testEnabled());
        LoopSettings small = new LoopSettings(JobConfig.load(conf("loop-si-sw-small.conf"), List.of()));
        assertEquals(2, small.models);
    }

    @Test
    void badEntriesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LoopSettings(JobConfig.load(
                conf("loop-si-sw.conf"), List.of("loop.explore=[{ temperatures = [300], stesp = 10 }]"))));
        assertTrue(e.getMessage().contains("loop.explore[0].stesp"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LoopSettings(JobConfig.load(conf("loop-si-sw.conf"),
                List.of("loop.models=1"))));
        assertTrue(e.getMessage().contains("loop.models"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LoopSettings(JobConfig.load(conf("loop-si-sw.conf"),
                List.of("loop.labeler.potential=[{ type = sw }, { type = sw }]"))));
        assertTrue(e.getMessage().contains("exactly one"), e.getMessage());
    }
}
