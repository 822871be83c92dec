package org.dpspark.ingest.label;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpspark.core.Frame;
import org.dpspark.core.RejectReason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CP2K labeler with the real program (Debian cp2k.psmp 2023.1) on an H2 molecule (the smallest system that
 * still has a force: seconds per calculation): the force along the stretched bond is minus the energy's derivative
 * (central finite difference), the two forces are opposite, and an SCF cut short is an UNCONVERGED reject.
 */
class Cp2kLabelerTest {
    @TempDir Path tmp;

    @BeforeAll
    static void cp2kInstalled() {
        assumeTrue(QmTestPrograms.installed("cp2k.psmp"), "cp2k is not installed (apt-get install cp2k; the CI installs it)");
    }

    /** Small but converged enough for the test: 200/30 Ry, 2 Å of vacuum each side (a 5.6 Å box). */
    private static Cp2kSettings small(int maxScf, int outer) {
        Cp2kSettings d = Cp2kSettingsTest.defaults();
        return new Cp2kSettings(d.program(), d.launcher(), 1, 300, "PBE", d.basisSet(), d.potential(), Map.of(), Map.of(),
                d.dataDir(), d.basisFile(), d.potentialFile(), 200, 30, 1e-7, maxScf, outer, 0, 20, List.of(), 0, 1, true, 2.0, "");
    }

    private static Frame h2(double r) {
        return Frame.builder().dataset("t").sourceFile("h2").atomicNumbers(new int[] {1, 1})
                .positions(new double[] {0.1, 0.2, 0.3, 0.1, 0.2, 0.3 + r}).build();
    }

    @Test
    void forceIsMinusTheEnergyDerivative() throws Exception {
        Cp2kLabeler l = Cp2kLabeler.checked(small(50, 10), List.of("H"));
        double r = 0.80, h = 0.01;
        Frame f = l.label(h2(r), tmp.resolve("c"));
        assertTrue(Files.isRegularFile(tmp.resolve("c/" + Cp2kLabeler.OUTPUT)));
        double[] force = f.forces();
        // Newton's third law for an isolated molecule: the SCF-converged forces cancel to the 8 printed decimals
        assertEquals(-force[2], force[5], 1e-6 * 51.4);
        assertTrue(force[5] < -1.0, "a bond stretched from 0.75 to 0.80 Å pulls atom 2 back: " + force[5]);
        double ep = l.label(h2(r + h), tmp.resolve("p")).energy();
        double em = l.label(h2(r - h), tmp.resolve("m")).energy();
        // central difference: O(h^2 E''') ~ 1e-3 eV/Å; the GPW grid's egg-box ripple (~1e-5 Ha at 200 Ry on a 5.6 Å box
        // in energy differences over 0.02 Å) ~ 0.014 eV/Å: tolerance 0.05 eV/Å of a ~2 eV/Å force
        assertEquals(-(ep - em) / (2 * h), force[5], 0.05);
        assertNull(f.virial(), "no stress for a molecule");
        assertArrayEquals(h2(r).positions(), f.positions(), 0.0, "the frame's own positions, not the box-centred ones");
    }

    @Test
    void unconvergedScfIsAReject() throws Exception {
        Cp2kLabeler l = new Cp2kLabeler(small(1, 1));
        LabelFailure e = assertThrows(LabelFailure.class, () -> l.label(h2(0.8), tmp.resolve("u")));
        assertEquals(RejectReason.UNCONVERGED, e.reason(), e.getMessage());
        assertTrue(Files.isRegularFile(tmp.resolve("u/" + Cp2kLabeler.INPUT)), "the folder is kept");
    }
}
