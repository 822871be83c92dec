package org.dpspark.ingest.label;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.dpspark.core.Frame;
import org.dpspark.core.RejectReason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The xtb labeler with the real program (Debian xtb 6.5.1, GFN2-xTB) on a water molecule: forces are minus the
 * gradient of the energy (central finite differences), the molecule's forces sum to zero, the energy is xtb's
 * printed total energy in eV; failures are rejects with the folder kept.
 */
class XtbLabelerTest {
    @TempDir Path tmp;

    @BeforeAll
    static void xtbInstalled() {
        assumeTrue(QmTestPrograms.installed("xtb"), "xtb is not installed (apt-get install xtb; the CI installs it)");
    }

    private static XtbSettings settings(String program) {
        return new XtbSettings(program, "gfn2", 0, 0, 1, 120, 250);
    }

    @Test
    void forcesAreMinusTheEnergyGradient() throws Exception {
        XtbLabeler l = XtbLabeler.checked(settings("xtb"));
        Frame f = l.label(QmTestPrograms.water(1, 0.0), tmp.resolve("c"));
        // xtb prints "TOTAL ENERGY ... Eh" with 12 decimals: the labelled energy is that number in eV
        String stdout = Files.readString(tmp.resolve("c/stdout.txt"));
        String line = stdout.lines().filter(s -> s.contains("TOTAL ENERGY")).reduce((a, b) -> b).orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?\\d+\\.\\d+)").matcher(line);
        assertTrue(m.find(), line);
        double eh = Double.parseDouble(m.group(1));
        assertEquals(eh * XtbOutput.EV_PER_HARTREE, f.energy(), 1e-11 * 27.2114);
        double[] force = f.forces();
        double sum = 0;
        for (int i = 0; i < 3; i++) sum += force[3 * i];
        // no external field: the forces of a molecule sum to zero (the gradient file has 14+ digits)
        assertEquals(0.0, sum, 1e-8);
        // central difference on H1's x: error h^2/6 E''' ~ 1e-6 eV/Å for h = 1e-3 Å; SCC converged to 1e-6 Eh
        // (xtb's default accuracy) gives ~1e-6 eV / 2e-3 Å noise in the difference: tolerance 2e-3 eV/Å of a ~0.3 eV/Å force
        double h = 1e-3;
        double ep = l.label(QmTestPrograms.water(1, h), tmp.resolve("p")).energy();
        double em = l.label(QmTestPrograms.water(1, -h), tmp.resolve("m")).energy();
        assertEquals(-(ep - em) / (2 * h), force[3], 2e-3);
        assertTrue(Math.abs(force[3]) > 0.05, "a force worth testing: " + force[3]);
        assertNull(f.virial());
    }

    @Test
    void failuresAreRejectsAndKeepTheFolder() throws Exception {
        // one SCC iteration cannot converge: xtb stops with "did not converge"
        XtbLabeler l = new XtbLabeler(new XtbSettings("xtb", "gfn2", 0, 0, 1, 120, 1));
        LabelFailure e = assertThrows(LabelFailure.class, () -> l.label(QmTestPrograms.water(0, 0), tmp.resolve("u")));
        assertEquals(RejectReason.UNCONVERGED, e.reason(), e.getMessage());
        assertTrue(Files.exists(tmp.resolve("u/coord.xyz")), "the folder is kept for inspection");
        // a periodic frame is not for xtb
        Frame cell = QmTestPrograms.water(0, 0).toBuilder().cell(new double[] {9, 0, 0, 0, 9, 0, 0, 0, 9})
                .pbc(new boolean[] {true, true, true}).build();
        assertEquals(RejectReason.SHAPE_MISMATCH, assertThrows(LabelFailure.class,
                () -> l.label(cell, tmp.resolve("pbc"))).reason());
        // a program that hangs: killed at the timeout
        Path slow = tmp.resolve("slow.sh");
        Files.writeString(slow, "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwxr-xr-x"));
        XtbLabeler hang = new XtbLabeler(new XtbSettings(slow.toString(), "gfn2", 0, 0, 1, 1, 250));
        long t0 = System.nanoTime();
        e = assertThrows(LabelFailure.class, () -> hang.label(QmTestPrograms.water(0, 0), tmp.resolve("t")));
        assertEquals(RejectReason.FAILED_RUN, e.reason());
        assertTrue(e.getMessage().contains("timed out after 1 s"), e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "killed, not waited for");
        // a program that reports another structure (an xtb run on a copy of the input with one atom moved)
        Path other = tmp.resolve("other.sh");
        Files.writeString(other, "#!/bin/sh\nsed -i '3s/^O 0.0/O 0.3/' coord.xyz\nexec "
                + Programs.resolve("xtb", "") + " \"$@\"\n");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwxr-xr-x"));
        e = assertThrows(LabelFailure.class, () -> new XtbLabeler(settings(other.toString()))
                .label(QmTestPrograms.water(0, 0), tmp.resolve("o")));
        assertEquals(RejectReason.SHAPE_MISMATCH, e.reason(), e.getMessage());
    }

    @Test
    void badSettingsAreOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> XtbLabeler.checked(settings("xtb-not-installed-here")));
        assertEquals("xtb-not-installed-here not found: apt-get install xtb", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new XtbSettings("xtb", "gfn2", 0, 0, 1, -5, 250));
        assertEquals("loop.labeler.xtb.timeout must be > 0 s, got -5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new XtbSettings("xtb", "gfn3", 0, 0, 1, 5, 250));
        assertTrue(e.getMessage().contains("gfn2, gfn1, gfn0, gfnff"), e.getMessage());
    }
}
