package org.dpspark.ingest.vasp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.core.Frame;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.text.Records;
import org.junit.jupiter.api.Test;

class VasprunReaderTest {
    private final VasprunReader reader = new VasprunReader();

    /** MANIFEST: vasprun.h2o.md.xml holds the same frames as OUTCAR.h2o.md (virial to 1e-4). */
    @Test
    void sameFramesAsOutcar() throws Exception {
        Records xml = Records.read(reader, SharedData.path("vasp/vasprun.h2o.md.xml"));
        Records out = Records.read(new OutcarReader(), SharedData.path("vasp/OUTCAR.h2o.md"));
        assertEquals(0, xml.rejects().size(), xml.describeRejects());
        assertEquals(3, xml.frames().size());
        for (int i = 0; i < 3; i++) {
            Frame a = xml.frames().get(i);
            Frame b = out.frames().get(i);
            assertEquals(i, a.sourceIndex());
            assertArrayEquals(b.typeLabels(), a.typeLabels());
            assertArrayEquals(b.atomicNumbers(), a.atomicNumbers());
            // calculation-level e_fr_energy equals OUTCAR's free energy TOTEN (same 8 decimals)
            assertEquals(b.energy(), a.energy(), 1e-6 * Math.abs(b.energy()));
            assertArrayEquals(b.cell(), a.cell(), 1e-8);
            // OUTCAR prints Cartesian positions with 5 decimals (±5e-6 Å); vasprun fractions x 10 Å to 1e-7 Å
            assertArrayEquals(b.positions(), a.positions(), 1e-5);
            // OUTCAR forces have 6 decimals (±5e-7), vasprun 8
            assertArrayEquals(b.forces(), a.forces(), 1e-6);
            // MANIFEST tolerance; kB printed with 5 (OUTCAR) vs 8 (vasprun) decimals: 3e-6 eV at V = 1000 Å^3
            assertArrayEquals(b.virial(), a.virial(), 1e-4);
        }
    }

    @Test
    void recognizesOnlyVasprun() {
        assertTrue(reader.recognizes(InputProbe.of(SharedData.path("vasp/vasprun.h2o.md.xml"))));
        assertFalse(reader.recognizes(InputProbe.of(SharedData.path("vasp/OUTCAR.h2o.md"))));
        assertFalse(new OutcarReader().recognizes(InputProbe.of(SharedData.path("vasp/vasprun.h2o.md.xml"))));
    }
}
