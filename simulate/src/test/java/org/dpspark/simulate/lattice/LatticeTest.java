package org.dpspark.simulate.lattice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.dpspark.core.Elements;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

/** Lattice builders: counts, neighbour shells, density and molecular geometry. Geometry tolerances 1e-12 Å. */
class LatticeTest {

    /** Sorted distances from atom i to all neighbours within rc. */
    private static double[] shell(Structure s, int i, double rc) {
        NeighborList nl = new NeighborListBuilder(rc).build(s.positions(), s.cell(), s.pbc());
        double[] d = new double[nl.count(i)];
        for (int p = nl.start(i); p < nl.end(i); p++) {
            d[p - nl.start(i)] = nl.distance(p);
        }
        Arrays.sort(d);
        return d;
    }

    @Test
    void fccHasTwelveNearestNeighbours() {
        Structure s = Lattice.fcc(4.0, 3, 3, 3, 29);
        assertEquals(108, s.natoms());
        assertEquals(27 * 64.0, s.volume(), 1e-9);
        for (int i : new int[] {0, 57, 107}) {
            double[] d = shell(s, i, 3.0); // a/√2 = 2.83 < 3.0 < a = 4.0
            assertEquals(12, d.length);
            assertEquals(4.0 / Math.sqrt(2), d[0], 1e-12);
            assertEquals(4.0 / Math.sqrt(2), d[11], 1e-12);
        }
        // reduced density: ρ* = 4σ³/a³
        double a = Lattice.fccConstantForReducedDensity(3.4, 0.8442);
        assertEquals(0.8442, 4 * Math.pow(3.4 / a, 3), 1e-12);
    }

    @Test
    void diamondSiliconHasFourBondsOfLengthASqrt3Over4() {
        Structure s = Lattice.silicon(2, 2, 2);
        assertEquals(64, s.natoms());
        assertEquals(Elements.mass(14), s.masses()[0], 0.0);
        for (int i = 0; i < 64; i++) {
            double[] d = shell(s, i, 3.0); // bond 2.3517 Å, second shell a/√2 = 3.84 Å
            assertEquals(4, d.length);
            assertEquals(5.431 * Math.sqrt(3) / 4, d[3], 1e-12);
        }
    }

    @Test
    void waterBoxHasLiquidDensityAndRigidGeometry() {
        int nmol = 64;
        Structure s = WaterBox.build(nmol, 1.0, 3L);
        assertEquals(3 * nmol, s.natoms());
        double mass = Arrays.stream(s.masses()).sum();
        // g/cm³ from amu/Å³: 1e-12 relative (exact construction)
        assertEquals(1.0, mass / s.volume() / WaterBox.G_PER_CM3_IN_AMU_PER_A3, 1e-12);
        double[] x = s.positions();
        for (int w = 0; w < nmol; w++) {
            int o = 3 * w;
            double[] r1 = diff(x, o, o + 1), r2 = diff(x, o, o + 2);
            assertEquals(WaterBox.OH, norm(r1), 1e-12);
            assertEquals(WaterBox.OH, norm(r2), 1e-12);
            double cos = (r1[0] * r2[0] + r1[1] * r2[1] + r1[2] * r2[2]) / (norm(r1) * norm(r2));
            assertEquals(WaterBox.HOH_DEG, Math.toDegrees(Math.acos(cos)), 1e-9);
            assertEquals(0, s.types()[o]);
            assertEquals(1, s.types()[o + 1]);
        }
        // no intermolecular contact closer than 1.0 Å (grid spacing 3.1 Å minus two O–H lengths at worst)
        NeighborList nl = new NeighborListBuilder(1.6).build(x, s.cell(), s.pbc());
        for (int i = 0; i < s.natoms(); i++) {
            for (int p = nl.start(i); p < nl.end(i); p++) {
                boolean sameMolecule = nl.neighbor(p) / 3 == i / 3 && nl.shift(p, 0) == 0 && nl.shift(p, 1) == 0
                        && nl.shift(p, 2) == 0;
                if (!sameMolecule) {
                    assertTrue(nl.distance(p) > 1.0, "contact " + nl.distance(p) + " Å");
                }
            }
        }
        // seeded: same seed same box, other seed other orientations
        assertArrayEquals(x, WaterBox.build(nmol, 1.0, 3L).positions());
        assertFalse(Arrays.equals(x, WaterBox.build(nmol, 1.0, 4L).positions()));
    }

    private static double[] diff(double[] x, int i, int j) {
        return new double[] {x[3 * j] - x[3 * i], x[3 * j + 1] - x[3 * i + 1], x[3 * j + 2] - x[3 * i + 2]};
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }
}
