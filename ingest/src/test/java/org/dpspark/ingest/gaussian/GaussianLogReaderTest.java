package org.dpspark.ingest.gaussian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dpspark.core.Frame;
import org.dpspark.core.RejectReason;
import org.dpspark.core.Units;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.text.Broken;
import org.dpspark.ingest.text.Records;
import org.dpspark.ingest.text.RejectAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GaussianLogReaderTest {
    private final GaussianLogReader reader = new GaussianLogReader();
    private static final double FORCE = Units.HARTREE_EV / Units.BOHR_ANGSTROM;
    @TempDir Path tmp;

    /** MANIFEST: methane.gaussianlog: -40.5240137309 Ha = -1102.71459 eV; forces Ha/Bohr; no cell. */
    @Test
    void methaneSinglePoint() throws Exception {
        Records r = Records.read(reader, SharedData.path("gaussian/methane.gaussianlog"));
        assertEquals(0, r.rejects().size(), r.describeRejects());
        assertEquals(1, r.frames().size());
        Frame f = r.frames().get(0);
        assertEquals(-40.5240137309 * Units.HARTREE_EV, f.energy(), 1e-6 * 1102.7);
        assertEquals(-1102.71459, f.energy(), 1e-6 * 1102.7); // the MANIFEST's rounded value, 1e-6 relative
        assertArrayEquals(new int[] {6, 1, 1, 1, 1}, f.atomicNumbers());
        assertNull(f.cell());
        // Input orientation (forces are printed after "Axes restored to original set")
        assertArrayEquals(new double[] {1.074220, -0.060340, 0.029170}, java.util.Arrays.copyOfRange(f.positions(), 0, 3), 0.0);
        assertArrayEquals(new double[] {-0.000215948 * FORCE, -0.000000016 * FORCE, -0.000000010 * FORCE},
                java.util.Arrays.copyOfRange(f.forces(), 3, 6), 1e-12);
        // the force on C is ~0 and the molecule is at rest: net force ~0 in the same frame as the positions
        double sx = 0;
        for (int i = 0; i < 5; i++) {
            sx += f.forces()[3 * i];
        }
        assertEquals(0.0, sx, 1e-5);
    }

    /** MANIFEST: 22 x 5 ADMP frames, first energy -40.5096755160 Ha; the file is cut inside step 22. */
    @Test
    void admpTrajectory() throws Exception {
        Path p = SharedData.path("gaussian/aimd_gaussian_CH4_output");
        Records r = Records.read(reader, p);
        assertEquals(22, r.frames().size(), r.describeRejects());
        for (int i = 0; i < 22; i++) {
            assertEquals(i, r.frames().get(i).sourceIndex());
            assertEquals(5, r.frames().get(i).natoms());
            assertArrayEquals(new int[] {1, 1, 1, 1, 6}, r.frames().get(i).atomicNumbers());
        }
        assertEquals(-40.5096755160 * Units.HARTREE_EV, r.frames().get(0).energy(), 1e-6 * 1102);
        assertEquals(-40.5096341093 * Units.HARTREE_EV, r.frames().get(1).energy(), 1e-6 * 1102);
        // first step uses the Z-Matrix orientation table
        assertArrayEquals(new double[] {5.365862, 4.054149, 3.598478}, java.util.Arrays.copyOfRange(r.frames().get(0).positions(), 0, 3), 0.0);
        // the log ends after the 23rd geometry's header, before its SCF: one truncation reject
        assertEquals(1, r.rejects().size());
        int last = Broken.of(p).find("Input orientation:", 22);
        RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 22, last, p, GaussianLogReader.FORMAT);
    }

    /** Two Link1 jobs; the second ends in "Error termination": its frame becomes FAILED_RUN, the first stays. */
    @Test
    void failedJobAfterGoodJob() throws Exception {
        Path src = SharedData.path("gaussian/methane.gaussianlog");
        String good = Files.readString(src, java.nio.charset.StandardCharsets.ISO_8859_1);
        String bad = good.replace("Normal termination of Gaussian 16", "Error termination via Lnk1e in /g16/l9999.exe");
        Path p = Files.writeString(tmp.resolve("two.log"), good + bad, java.nio.charset.StandardCharsets.ISO_8859_1);
        Records r = Records.read(reader, p);
        assertEquals(1, r.frames().size());
        assertEquals(0, r.frames().get(0).sourceIndex());
        assertEquals(1, r.rejects().size());
        int err = Broken.of(p).find("Error termination", 1);
        RejectAssert.check(r.rejects().get(0), RejectReason.FAILED_RUN, 1, err, p, GaussianLogReader.FORMAT);
    }

    /** Tv rows (atomic number -2) give the cell and are left out of atoms and forces. */
    @Test
    void periodicTranslationVectorsBecomeCell() throws Exception {
        Broken b = Broken.of(SharedData.path("gaussian/methane.gaussianlog"));
        int in = b.find("Input orientation:", 1) + 9; // before the 5th atom row
        b.replace(in, "      6         -2           0        5.000000    0.000000    0.000000\n"
                + "      7         -2           0        0.000000    6.000000    0.000000\n"
                + "      8         -2           0        0.000000    0.000000    7.000000\n"
                + b.line(in));
        int fr = b.find("Forces (Hartrees/Bohr)", 1) + 8;
        b.replace(fr, "      6       -2           0.000000001    0.000000000    0.000000000\n" + b.line(fr));
        Path p = b.write(tmp.resolve("pbc.log"));
        Records r = Records.read(reader, p);
        assertEquals(0, r.rejects().size(), r.describeRejects());
        Frame f = r.frames().get(0);
        assertEquals(5, f.natoms());
        assertArrayEquals(new double[] {5, 0, 0, 0, 6, 0, 0, 0, 7}, f.cell(), 0.0);
        assertTrue(f.periodic());
    }

    @Test
    void recognizesGaussianLogs() {
        assertTrue(reader.recognizes(InputProbe.of(SharedData.path("gaussian/methane.gaussianlog"))));
        assertTrue(reader.recognizes(InputProbe.of(SharedData.path("gaussian/aimd_gaussian_CH4_output"))));
    }
}
