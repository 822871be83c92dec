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

    @Test
    void qmLabelerSettingsAreCheckedBeforeSpark() {
        LoopSettings cp2k = new LoopSettings(JobConfig.load(conf("loop-si-cp2k.conf"), List.of()));
        assertEquals(LabelerType.CP2K, cp2k.labelerType);
        assertEquals(200.0, ((org.dpspark.ingest.label.Cp2kLabeler) cp2k.qm).settings().cutoff());
        assertEquals(List.of(3, 3, 3), ((org.dpspark.ingest.label.Cp2kLabeler) cp2k.qm).settings().kpoints());
        LoopSettings xtb = new LoopSettings(JobConfig.load(conf("loop-molecule-xtb.conf"), List.of()));
        assertEquals(LabelerType.XTB, xtb.labelerType);
        assertTrue(xtb.initRelabel);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LoopSettings(JobConfig.load(
                conf("loop-si-cp2k.conf"), List.of("loop.labeler.cp2k.timeout=-10"))));
        assertEquals("loop.labeler.cp2k.timeout must be > 0 s, got -10", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LoopSettings(JobConfig.load(
                conf("loop-si-cp2k.conf"), List.of("loop.labeler.cp2k.program=cp2k-not-here.psmp"))).checkLabeler());
        assertEquals("cp2k-not-here.psmp not found: apt-get install cp2k", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LoopSettings(JobConfig.load(
                conf("loop-molecule-xtb.conf"), List.of("loop.labeler.xtb.program=xtb-not-here"))).checkLabeler());
        assertEquals("xtb-not-here not found: apt-get install xtb", e.getMessage());
        // an element without the basis set: named with the setting to change (needs cp2k-data's library files)
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/usr/share/cp2k"))
                && org.dpspark.ingest.label.Programs.class != null && new java.io.File("/usr/bin/cp2k.psmp").canExecute(),
                "cp2k is not installed");
        e = assertThrows(IllegalArgumentException.class, () -> new LoopSettings(JobConfig.load(conf("loop-si-cp2k.conf"),
                List.of("loop.labeler.cp2k.basis-per-element.Si=NO-SUCH-BASIS"))).checkLabeler());
        assertTrue(e.getMessage().startsWith("cp2k labeler: no basis set NO-SUCH-BASIS for Si in "), e.getMessage());
    }

    @Test
    void aCommandTemplateIsRenderedOnceBeforeAnyJob(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path unclosed = java.nio.file.Files.writeString(tmp.resolve("pw.in"), "{{positions}}\n{{cell\n");
        LoopSettings s = new LoopSettings(JobConfig.load(conf("loop-si-sw.conf"), List.of("loop.labeler.type=command",
                "loop.labeler.command={ code = qe, template = \"" + unclosed + "\", args = [pw.x], output = out,"
                        + " format = \"qe/pw\" }")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::checkLabeler);
        assertEquals("loop.labeler.command.template " + unclosed + ": unclosed {{ in the QM input template", e.getMessage());
        Path missing = tmp.resolve("none.in");
        LoopSettings m = new LoopSettings(JobConfig.load(conf("loop-si-sw.conf"), List.of("loop.labeler.type=command",
                "loop.labeler.command={ code = qe, template = \"" + missing + "\", args = [pw.x], output = out,"
                        + " format = \"qe/pw\" }")));
        e = assertThrows(IllegalArgumentException.class, m::checkLabeler);
        assertTrue(e.getMessage().startsWith("loop.labeler.command.template: cannot read '" + missing + "'"), e.getMessage());
    }

    @Test
    void testFramesFromFilesInsteadOfMd() {
        LoopSettings xtb = new LoopSettings(JobConfig.load(conf("loop-molecule-xtb.conf"), List.of()));
        assertTrue(xtb.testEnabled(), "the xtb demo tests on xtb MD frames from a file (no reference potential for MD)");
        assertTrue(xtb.testRelabel);
        assertFalse(new LoopSettings(JobConfig.load(conf("loop-molecule-xtb.conf"), List.of("loop.test.inputs=[]")))
                .testEnabled(), "no inputs and no temperatures: no test set (as LoopQmIT sets it)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LoopSettings(JobConfig.load(
                conf("loop-molecule-xtb.conf"), List.of("loop.test.temperatures=[300]"))));
        assertEquals("loop.test: give either inputs (test frames from files) or temperatures (test frames from"
                + " reference MD), not both", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LoopSettings(JobConfig.load(
                conf("loop-molecule-xtb.conf"), List.of("loop.test.relabel-max=0"))));
        assertEquals("loop.test.relabel-max must be >= 1, got 0", e.getMessage());
    }
}
