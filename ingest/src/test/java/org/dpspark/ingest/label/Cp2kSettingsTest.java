package org.dpspark.ingest.label;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpspark.core.Frame;
import org.junit.jupiter.api.Test;

/** CP2K labeler settings from the shipped defaults, the generated input, and the one-line errors (no CP2K run). */
class Cp2kSettingsTest {
    /** The defaults' loop.labeler.cp2k section. */
    static Cp2kSettings defaults() {
        return Cp2kSettings.fromConfig(ConfigFactory.parseResources("dpspark-defaults.conf").resolve()
                .getConfig("loop.labeler.cp2k"));
    }

    private static Cp2kSettings with(Cp2kSettings s, String program, long timeout, Map<String, String> basis) {
        return new Cp2kSettings(program, s.launcher(), s.threads(), timeout, s.functional(), s.basisSet(), s.potential(),
                basis, s.potentialPerElement(), s.dataDir(), s.basisFile(), s.potentialFile(), s.cutoff(), s.relCutoff(),
                s.epsScf(), s.maxScf(), s.maxOuterScf(), s.smearing(), s.addedMos(), s.kpoints(), s.charge(), s.multiplicity(), s.stress(), s.vacuum(), s.template());
    }

    @Test
    void periodicInputAsksForForcesAndStress() {
        Frame si = Frame.builder().dataset("t").sourceFile("si").atomicNumbers(new int[] {14, 14})
                .positions(new double[] {0, 0, 0, 1.35775, 1.35775, 1.35775})
                .cell(new double[] {0, 2.7155, 2.7155, 2.7155, 0, 2.7155, 2.7155, 2.7155, 0}).build();
        Cp2kInput.Written w = Cp2kInput.write(si, defaults());
        String in = w.text();
        assertTrue(w.periodic());
        assertArrayEquals(new double[3], w.shift());
        for (String s : List.of("RUN_TYPE ENERGY_FORCE", "STRESS_TENSOR ANALYTICAL", "&STRESS_TENSOR ON", "&FORCES ON",
                "PERIODIC XYZ", "A 0.0 2.7155 2.7155", "Si 1.35775 1.35775 1.35775", "BASIS_SET DZVP-MOLOPT-SR-GTH",
                "POTENTIAL GTH-PBE", "&XC_FUNCTIONAL PBE", "CUTOFF 400", "REL_CUTOFF 50", "EPS_SCF 1.0e-6")) {
            assertTrue(in.contains(s), s + " in\n" + in);
        }
        assertFalse(in.contains("{{"), "every placeholder filled");
    }

    @Test
    void smearingDiagonalisesInsteadOfOt() {
        Cp2kSettings d = defaults();
        assertFalse(Cp2kInput.generated(d, true).contains("&SMEAR"), "no smearing by default");
        Cp2kSettings s = new Cp2kSettings(d.program(), d.launcher(), d.threads(), d.timeoutSeconds(), d.functional(),
                d.basisSet(), d.potential(), d.basisPerElement(), d.potentialPerElement(), d.dataDir(), d.basisFile(),
                d.potentialFile(), d.cutoff(), d.relCutoff(), d.epsScf(), d.maxScf(), d.maxOuterScf(), 1000, 24,
                List.of(3, 3, 3), d.charge(), d.multiplicity(), d.stress(), d.vacuum(), d.template());
        String in = Cp2kInput.generated(s, true);
        for (String want : List.of("ADDED_MOS 24", "&DIAGONALIZATION", "METHOD FERMI_DIRAC", "ELECTRONIC_TEMPERATURE [K] 1000",
                "METHOD BROYDEN_MIXING", "SCHEME MONKHORST-PACK 3 3 3")) {
            assertTrue(in.contains(want), want + " in\n" + in);
        }
        assertFalse(in.contains("&OT") || in.contains("&OUTER_SCF"), in);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Cp2kSettings(d.program(),
                d.launcher(), d.threads(), d.timeoutSeconds(), d.functional(), d.basisSet(), d.potential(),
                d.basisPerElement(), d.potentialPerElement(), d.dataDir(), d.basisFile(), d.potentialFile(), d.cutoff(),
                d.relCutoff(), d.epsScf(), d.maxScf(), d.maxOuterScf(), 1000, 0, List.of(), d.charge(), d.multiplicity(), d.stress(),
                d.vacuum(), d.template()));
        assertTrue(e.getMessage().contains("added-mos > 0"), e.getMessage());
    }

    @Test
    void moleculeIsCentredInANonPeriodicBox() {
        Frame h2o = QmTestPrograms.water(0, 0);
        Cp2kInput.Written w = Cp2kInput.write(h2o, defaults());
        assertFalse(w.periodic());
        assertTrue(w.text().contains("PERIODIC NONE") && w.text().contains("PSOLVER MT"), w.text());
        assertFalse(w.text().contains("STRESS_TENSOR"), "no stress for a molecule");
        // bounding box x: [-0.759, 0.759] -> edge = 1.518 + 2 x 6 Å vacuum; the box centre is the molecule's centre
        double[] p = h2o.positions();
        double edge = (p[3] - p[6]) + 12;
        assertEquals(edge / 2, w.shift()[0], 1e-12);
        assertTrue(w.text().contains("A " + edge + " 0.0 0.0"), w.text());
    }

    @Test
    void badSettingsAreOneLineBeforeAnyRun(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Cp2kSettings d = defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cp2kLabeler.checked(with(d, "cp2k-missing.psmp", 60, Map.of()), List.of("Si")));
        assertEquals("cp2k-missing.psmp not found: apt-get install cp2k", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> with(d, "cp2k.psmp", -1, Map.of()));
        assertEquals("loop.labeler.cp2k.timeout must be > 0 s, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> with(d, "cp2k.psmp", 60, Map.of("Xx", "DZVP")));
        assertTrue(e.getMessage().contains("'Xx' is not an element symbol"), e.getMessage());
        // library check on a small library file in the cp2k-data format
        Path lib = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(lib.resolve("BASIS_MOLOPT"), "# test\n Si DZVP-MOLOPT-SR-GTH DZVP-MOLOPT-SR-GTH-q4\n 1\n 2 0 2 6 2 2 1\n");
        Files.writeString(lib.resolve("GTH_POTENTIALS"), "Si GTH-PBE-q4 GTH-PBE\n    2    2\n");
        Cp2kSettings local = new Cp2kSettings(d.program(), d.launcher(), 1, 60, "PBE", d.basisSet(), d.potential(), Map.of(),
                Map.of(), lib.toString(), "BASIS_MOLOPT", "GTH_POTENTIALS", 400, 50, 1e-6, 50, 10, 0, 20, List.of(), 0, 1, true, 6, "");
        Cp2kData.check(local, List.of("Si"));
        e = assertThrows(IllegalArgumentException.class, () -> Cp2kData.check(local, List.of("Si", "O")));
        assertTrue(e.getMessage().startsWith("cp2k labeler: no basis set DZVP-MOLOPT-SR-GTH for O in "), e.getMessage());
    }

    @Test
    void shippedLibrariesHaveTheDefaultsForCommonElements() {
        assumeTrue(Files.isDirectory(Path.of(defaults().dataDir())), "cp2k-data is not installed");
        Cp2kData.check(defaults(), List.of("H", "C", "N", "O", "Si"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cp2kData.check(with(defaults(), "cp2k.psmp", 60, Map.of("Si", "NO-SUCH-BASIS")), List.of("Si")));
        assertTrue(e.getMessage().contains("no basis set NO-SUCH-BASIS for Si"), e.getMessage());
    }
}
