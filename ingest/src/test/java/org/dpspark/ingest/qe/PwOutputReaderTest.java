package org.dpspark.ingest.qe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dpspark.core.Frame;
import org.dpspark.core.Units;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.text.Broken;
import org.dpspark.ingest.text.RawText;
import org.dpspark.ingest.text.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * qe/01.out against dpdata's test constants. ch4_coord, ch4_force and ch4_virial are dpdata's files
 * tests/qe.scf/ch4_{coord,force,virial} (deepmodeling/dpdata, used by tests/test_qe_pw_scf.py, copied
 * unchanged into shared/data/qe); the energy -219.74425946528794 eV is that test's ref_energy.
 */
class PwOutputReaderTest {
    private final PwOutputReader reader = new PwOutputReader();
    @TempDir Path tmp;

    private static double[] flat(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test
    void ch4ScfMatchesDpdata() throws Exception {
        Records r = Records.read(reader, SharedData.path("qe/01.out"));
        assertEquals(0, r.rejects().size(), r.describeRejects());
        assertEquals(1, r.frames().size());
        Frame f = r.frames().get(0);
        assertEquals(-219.74425946528794, f.energy(), 1e-6 * 219.74);
        assertArrayEquals(new String[] {"H", "H", "H", "H", "C"}, f.typeLabels());
        assertArrayEquals(new int[] {1, 1, 1, 1, 6}, f.atomicNumbers());
        // cell from "crystal axes" x celldm(1) (6 decimals of Bohr): 10 Å to 1e-7 relative
        assertArrayEquals(new double[] {10, 0, 0, 0, 10, 0, 0, 0, 10}, f.cell(), 1e-6);
        // tau printed with 7 decimals of alat (= 5e-7 Å), dpdata took the exact input values
        assertArrayEquals(flat(RawText.rows(SharedData.path("qe/ch4_coord"))), f.positions(), 1e-6);
        // forces printed with 8 decimals of Ry/Bohr: 1e-8 x 25.7 eV/Å; same constants as dpdata
        assertArrayEquals(flat(RawText.rows(SharedData.path("qe/ch4_force"))), f.forces(), 1e-6);
        // dpdata's constant came from the kbar columns with 1 eV/Å^3 = 1602 kbar (an older dpdata); with
        // CODATA 1602.1766 the difference is 1.1e-4 relative; MANIFEST: virial to 1e-3
        assertArrayEquals(flat(RawText.rows(SharedData.path("qe/ch4_virial"))), f.virial(), 1e-3);
    }

    /** The kbar columns (read) agree with the more precise Ry/bohr^3 columns within the kbar print precision. */
    @Test
    void kbarStressConsistentWithRyBohr3Columns() throws Exception {
        Frame f = Records.read(reader, SharedData.path("qe/01.out")).frames().get(0);
        double[] ryBohr3 = {0.00001341, 0.00000529, -0.00000421, 0.00000529, 0.00000957, 0.00000029,
                -0.00000421, 0.00000029, -0.00000731};
        double v = f.volume();
        double toEvA3 = Units.RYDBERG_EV / Math.pow(Units.BOHR_ANGSTROM, 3);
        for (int i = 0; i < 9; i++) {
            // kbar printed to ±0.005 kbar = ±0.005 x 6.24e-4 eV/Å^3 x 1000 Å^3 = ±3.1e-3 eV; Ry/bohr^3 to ±5e-9 (7e-4 eV)
            assertEquals(ryBohr3[i] * toEvA3 * v, f.virial()[i], 3.9e-3);
        }
    }

    /** Without the structure in the output, the input beside it (01.out → 01.in, dpdata's pairing) gives it exactly. */
    @Test
    void structureFromInputFileWhenOutputLacksIt() throws Exception {
        Broken b = Broken.of(SharedData.path("qe/01.out"));
        int axes = b.find("crystal axes:", 1);
        int site = b.find("site n.", 1);
        for (int i = 0; i < 6; i++) {
            b.delete(site); // header + 5 tau lines
        }
        for (int i = 0; i < 4; i++) {
            b.delete(axes); // header + a(1..3)
        }
        Path out = b.write(tmp.resolve("01.out"));
        Files.copy(SharedData.path("qe/01.in"), tmp.resolve("01.in"));
        Records r = Records.read(reader, out);
        assertEquals(0, r.rejects().size(), r.describeRejects());
        Frame f = r.frames().get(0);
        assertArrayEquals(flat(RawText.rows(SharedData.path("qe/ch4_coord"))), f.positions(), 1e-12);
        assertArrayEquals(new double[] {10, 0, 0, 0, 10, 0, 0, 0, 10}, f.cell(), 1e-12);
        assertArrayEquals(new String[] {"H", "H", "H", "H", "C"}, f.typeLabels());

        Files.delete(tmp.resolve("01.in"));
        Records s = Records.read(reader, out);
        assertEquals(0, s.frames().size());
        assertEquals(1, s.rejects().size());
        assertTrue(s.rejects().get(0).message().contains("01.in"), s.describeRejects());
    }

    @Test
    void recognizesPwOutputOnly() {
        assertTrue(reader.recognizes(InputProbe.of(SharedData.path("qe/01.out"))));
        assertTrue(!reader.recognizes(InputProbe.of(SharedData.path("qe/01.in"))));
    }
}
