package org.dpspark.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameTest {
    static Frame water() {
        return Frame.builder().dataset("d").sourceFile("f").sourceIndex(0)
                .atomicNumbers(new int[] {8, 1, 1})
                .positions(new double[] {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0})
                .cell(new double[] {10, 0, 0, 0, 10, 0, 0, 0, 10})
                .energy(-14.2).forces(new double[9]).build();
    }

    @Test
    void defaultsFollowTheCell() {
        Frame f = water();
        assertArrayEquals(new boolean[] {true, true, true}, f.pbc());
        assertArrayEquals(new String[] {"O", "H", "H"}, f.typeLabels());
        assertEquals("H2O", f.formula());
        assertEquals(1000.0, f.volume(), 1e-12);
        Frame molecule = f.toBuilder().cell(null).pbc(null).build();
        assertArrayEquals(new boolean[] {false, false, false}, molecule.pbc());
        assertTrue(Double.isNaN(molecule.volume()));
    }

    @Test
    void arraysAreCopiedAtTheBoundary() {
        double[] pos = {0, 0, 0};
        Frame f = Frame.builder().dataset("d").sourceFile("f").atomicNumbers(new int[] {1}).positions(pos).build();
        pos[0] = 5;
        assertEquals(0.0, f.positions()[0]);
        f.positions()[0] = 7;
        assertEquals(0.0, f.positions()[0]);
    }

    @Test
    void shapeErrorsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> water().toBuilder().forces(new double[8]).build());
        assertEquals("shape mismatch: forces has 8 values, expected 9", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> water().toBuilder().cell(new double[6]).build());
        assertThrows(IllegalArgumentException.class,
                () -> water().toBuilder().cell(null).pbc(new boolean[] {true, false, false}).build());
        assertThrows(IllegalArgumentException.class, () -> water().toBuilder().typeLabels(new String[] {"O"}).build());
    }

    @Test
    void hillFormulaAndItsParse() {
        assertEquals("CH4", Formula.hill(new int[] {1, 6, 1, 1, 1}));
        assertEquals("C2H4O2", Formula.hill(new int[] {8, 6, 1, 1, 6, 1, 8, 1}));
        assertEquals("H128O64", Formula.hill(concat(64, 8, 128, 1)));
        assertEquals("Al30Ti2", Formula.hill(concat(2, 22, 30, 13)));
        assertEquals(Map.of("H", 128, "O", 64), Formula.counts("H128O64"));
        assertEquals(Map.of("C", 1, "H", 4), Formula.counts("CH4"));
        assertThrows(IllegalArgumentException.class, () -> Formula.counts("H2-O"));
    }

    @Test
    void idDependsOnContentOnly() {
        Frame f = water();
        assertEquals(FrameId.HEX_LENGTH, f.id().length());
        assertEquals(f.id(), f.toBuilder().dataset("other").sourceFile("elsewhere").sourceIndex(9).build().id());
        assertNotEquals(f.id(), f.toBuilder().energy(-14.2000001).build().id());
        assertNotEquals(f.id(), f.toBuilder().virial(new double[9]).build().id());
        assertNotEquals(f.id(), f.toBuilder().typeLabels(new String[] {"OW", "HW", "HW"}).build().id());
        double[] neg = f.forces();
        neg[0] = -0.0;
        assertEquals(f.id(), f.toBuilder().forces(neg).build().id(), "-0.0 and 0.0 hash alike");
    }

    @Test
    void splitIsDeterministicAndFollowsTheFractions() {
        DataSplit split = new DataSplit(0.8, 0.1);
        int train = 0, valid = 0, n = 20000;
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < n; i++) {
            String id = String.format("%016x%016x", rnd.nextLong(), rnd.nextLong());
            String s = split.assign(id);
            assertEquals(s, split.assign(id));
            if (s.equals(DataSplit.TRAIN)) train++;
            if (s.equals(DataSplit.VALID)) valid++;
        }
        // Binomial counts: 4 standard deviations (sqrt(n p (1-p)) ≈ 57 and 42) keep this test from flaking.
        assertEquals(0.8 * n, train, 4 * Math.sqrt(n * 0.8 * 0.2));
        assertEquals(0.1 * n, valid, 4 * Math.sqrt(n * 0.1 * 0.9));
        assertThrows(IllegalArgumentException.class, () -> new DataSplit(0.9, 0.2));
    }

    private static int[] concat(int n1, int z1, int n2, int z2) {
        int[] z = new int[n1 + n2];
        java.util.Arrays.fill(z, 0, n1, z1);
        java.util.Arrays.fill(z, n1, n1 + n2, z2);
        return z;
    }
}
