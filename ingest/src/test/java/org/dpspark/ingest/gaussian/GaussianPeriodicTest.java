package org.dpspark.ingest.gaussian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.dpspark.core.Frame;
import org.dpspark.core.Units;
import org.dpspark.ingest.text.Records;
import org.junit.jupiter.api.Test;

/**
 * A periodic (PBC) Gaussian 16 job: dpdata's {@code h2pbc.gaussianlog} (src/test/resources/dpdata-tests/README.md),
 * H2 in a 10 Å cubic cell. The three translation vectors (Tv, atomic number -2) are rows of the orientation table
 * and of the forces table, where Gaussian 16 prints them without a center number ({@code -2 fx fy fz}).
 */
class GaussianPeriodicTest {
    private static final double FORCE = Units.HARTREE_EV / Units.BOHR_ANGSTROM;

    @Test
    void translationVectorsAreTheCellNotAtoms() throws Exception {
        Path log = Path.of(GaussianPeriodicTest.class.getResource("/dpdata-tests/h2pbc.gaussianlog").toURI());
        Records r = Records.read(new GaussianLogReader(), log);
        assertEquals(0, r.rejects().size(), r.describeRejects());
        assertEquals(1, r.frames().size());
        Frame f = r.frames().get(0);
        assertArrayEquals(new int[] {1, 1}, f.atomicNumbers());
        assertArrayEquals(new double[] {10, 0, 0, 0, 10, 0, 0, 0, 10}, f.cell(), 0.0);
        assertArrayEquals(new boolean[] {true, true, true}, f.pbc());
        assertArrayEquals(new double[] {-0.5, -0.5, 0, 0.5, 0.5, 0}, f.positions(), 0.0);
        // SCF Done:  E(RwB97X) =  -1.06463933888 A.U.
        assertEquals(-1.06463933888 * Units.HARTREE_EV, f.energy(), 1e-9);
        double fx = 0.066019420 * FORCE;
        assertArrayEquals(new double[] {fx, fx, 0, -fx, -fx, 0}, f.forces(), 1e-12);
    }
}
