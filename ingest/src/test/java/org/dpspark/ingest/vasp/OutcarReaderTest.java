package org.dpspark.ingest.vasp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dpspark.core.Frame;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.text.RawText;
import org.dpspark.ingest.text.Records;
import org.junit.jupiter.api.Test;

class OutcarReaderTest {
    private final OutcarReader reader = new OutcarReader();

    /** MANIFEST: OUTCAR.h2o.md must equal dpdata's deepmd/raw conversion (type map [O,H]) to 1e-6, virial included. */
    @Test
    void h2oMdEqualsDpdataConversion() throws Exception {
        Records r = Records.read(reader, SharedData.path("vasp/OUTCAR.h2o.md"));
        assertEquals(0, r.rejects().size(), r.describeRejects());
        assertEquals(3, r.frames().size());
        Path ref = SharedData.path("vasp/deepmd.h2o.md");
        double[][] energy = RawText.rows(ref.resolve("energy.raw"));
        double[][] coord = RawText.rows(ref.resolve("coord.raw"));
        double[][] force = RawText.rows(ref.resolve("force.raw"));
        double[][] box = RawText.rows(ref.resolve("box.raw"));
        double[][] virial = RawText.rows(ref.resolve("virial.raw"));
        double[][] type = RawText.rows(ref.resolve("type.raw"));
        String[] typeMap = {"O", "H"};
        for (int f = 0; f < 3; f++) {
            Frame fr = r.frames().get(f);
            assertEquals(f, fr.sourceIndex());
            for (int a = 0; a < 6; a++) {
                assertEquals(typeMap[(int) type[a][0]], fr.typeLabels()[a]);
            }
            // both sides come from the same printed decimals: agreement to round-off (1e-6 as MANIFEST states)
            assertEquals(energy[f][0], fr.energy(), 1e-6 * Math.abs(energy[f][0]));
            assertArrayEquals(coord[f], fr.positions(), 1e-6);
            assertArrayEquals(force[f], fr.forces(), 1e-6);
            assertArrayEquals(box[f], fr.cell(), 1e-6);
            // kB line x volume; dpdata divides by 1602.176621, CODATA 2018 gives 1602.176634: 8e-9 relative
            assertArrayEquals(virial[f], fr.virial(), 1e-6);
        }
        assertArrayEquals(new int[] {8, 8, 1, 1, 1, 1}, r.frames().get(0).atomicNumbers());
    }

    /** The virial from "in kB" x V reproduces the "FORCE on cell" Total line (already eV) to its print precision. */
    @Test
    void virialAgreesWithTotalLine() throws Exception {
        Records r = Records.read(reader, SharedData.path("vasp/OUTCAR.ch4.1step"));
        double[] v = r.frames().get(0).virial();
        // Total     -19.45689   -19.45780   -20.44303     1.11831     1.26104     0.35259 (XX YY ZZ XY YZ ZX)
        double[] total = {-19.45689, 1.11831, 0.35259, 1.11831, -19.45780, 1.26104, 0.35259, 1.26104, -20.44303};
        // Total printed to 5e-6 eV; kB printed to 5e-6 kB = 5e-6 * 957.93 / 1602.18 = 3e-6 eV: sum < 1e-5
        assertArrayEquals(total, v, 1e-5);
    }

    /** MANIFEST: OUTCAR.ch4.1step lists H before C; energy is free energy TOTEN 18.25453698, not energy(sigma->0). */
    @Test
    void ch4SingleStepUsesFreeEnergyAndPotcarOrder() throws Exception {
        Records r = Records.read(reader, SharedData.path("vasp/OUTCAR.ch4.1step"));
        assertEquals(0, r.rejects().size(), r.describeRejects());
        assertEquals(1, r.frames().size());
        Frame f = r.frames().get(0);
        assertEquals(18.25453698, f.energy(), 1e-6 * 18.25453698);
        assertArrayEquals(new String[] {"H", "H", "H", "H", "C"}, f.typeLabels());
        assertArrayEquals(new int[] {1, 1, 1, 1, 6}, f.atomicNumbers());
        // first and last TOTAL-FORCE rows as printed (eV/Angst, no conversion)
        double[] forces = f.forces();
        assertArrayEquals(new double[] {5.015184, -9.288135, -11.868920}, java.util.Arrays.copyOfRange(forces, 0, 3), 0.0);
        assertArrayEquals(new double[] {0.486103, 1.596214, -1.368809}, java.util.Arrays.copyOfRange(forces, 12, 15), 0.0);
        assertArrayEquals(new double[] {9.743894238, 0, 0, 0.290483533, 9.958984769, 0, -0.111296379, 0.192879596, 9.871529266},
                f.cell(), 0.0);
        assertTrue(f.periodic());
        assertEquals(957.93, f.volume(), 0.005); // "volume of cell : 957.93"
    }

    @Test
    void recognizesOutcarsByContent() {
        assertTrue(reader.recognizes(InputProbe.of(SharedData.path("vasp/OUTCAR.h2o.md"))));
        assertTrue(reader.recognizes(InputProbe.of(SharedData.path("vasp/OUTCAR.ch4.1step"))));
    }
}
