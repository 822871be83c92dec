package org.dpspark.simulate.label;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.dpspark.core.Frame;
import org.dpspark.simulate.ensemble.PotentialSpec;
import org.dpspark.simulate.ensemble.PotentialType;
import org.dpspark.simulate.lattice.Lattice;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

class PotentialLabelerTest {
    private static Frame silicon(double shift) {
        Structure s = Lattice.silicon(2, 2, 2);
        double[] p = s.positions();
        p[0] += shift; // Å, one atom off its site
        int[] z = new int[s.natoms()];
        java.util.Arrays.fill(z, 14);
        return Frame.builder().dataset("si").sourceFile("test").sourceIndex(0).atomicNumbers(z).positions(p)
                .cell(s.cell()).pbc(s.pbc()).energy(1.0).build();
    }

    @Test
    void stillingerWeberLabelsTheDiamondLattice() {
        PotentialLabeler sw = new PotentialLabeler(new PotentialSpec(PotentialType.SW, 0, 0, 0, false, null, List.of(), "java", ""));
        Frame f = sw.label(silicon(0));
        // LAMMPS Si.sw cohesive energy of diamond silicon at a = 5.431 Å, published to 5 digits
        assertEquals(-4.3366, f.energy() / 64, 5e-5);
        for (double v : f.forces()) assertEquals(0, v, 1e-10); // every atom at a centre of symmetry: round-off only
        Frame g = sw.label(silicon(0.1));
        assertTrue(g.forces()[0] < -0.1, "a displaced atom is pulled back: " + g.forces()[0]);
        double sum = 0;
        for (int i = 0; i < 64; i++) sum += g.forces()[3 * i];
        assertEquals(0, sum, 1e-10); // Newton's third law
        assertArrayEquals(silicon(0.1).positions(), g.positions());
        assertEquals("si", g.dataset());
    }

    @Test
    void nonFiniteLabelsAreErrors() {
        PotentialLabeler lj = new PotentialLabeler(new PotentialSpec(PotentialType.LJ, 0.0104, 3.4, 8.5, true, null, List.of(), "java", ""));
        Frame f = silicon(0);
        double[] p = f.positions();
        p[3] = p[0]; p[4] = p[1]; p[5] = p[2]; // two atoms on one site
        assertThrows(IllegalStateException.class, () -> lj.label(f.toBuilder().positions(p).build()));
    }
}
