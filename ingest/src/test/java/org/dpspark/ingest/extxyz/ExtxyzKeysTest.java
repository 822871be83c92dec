package org.dpspark.ingest.extxyz;

import static org.dpspark.ingest.extxyz.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.Units;
import org.dpspark.ingest.read.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comment-line keys and columns the shared files do not exercise, on small files written here. */
class ExtxyzKeysTest {
    /** Same multiplications in test and reader. */
    private static final double ROUNDING = 1e-14;
    private static final String HHO_ATOMS = """
            H 0.0 0.0 0.0 0.1 0.0 0.0
            H 1.0 0.0 0.0 -0.1 0.0 0.0
            O 2.0 0.0 0.0 0.0 0.0 0.0
            """;
    private static final String PROPS = "Properties=species:S:1:pos:R:3:forces:R:3";
    private static final String CUBE3 = "Lattice=\"3 0 0 0 3 0 0 0 3\"";

    @TempDir
    Path tmp;

    private Records read(String content) throws IOException {
        return read(content, ReadOptions.of("t"));
    }

    private Records read(String content, ReadOptions options) throws IOException {
        Path p = tmp.resolve("f.xyz");
        Files.writeString(p, content);
        return Records.read(p, options);
    }

    private Frame frame(String comment) throws IOException {
        return read("3\n" + comment + "\n" + HHO_ATOMS).single();
    }

    private Reject reject(String comment) throws IOException {
        Records r = read("3\n" + comment + "\n" + HHO_ATOMS);
        assertEquals(List.of(), r.frames());
        assertEquals(1, r.rejects().size());
        return r.rejects().get(0);
    }

    @Test
    void periodicWithoutLatticeIsRejected() throws IOException {
        Reject j = reject(PROPS + " energy=1 pbc=\"T T T\"");
        assertEquals(RejectReason.SHAPE_MISMATCH, j.reason());
        assertEquals(2, j.line());
        assertTrue(j.message().contains("no Lattice"), j.message());
    }

    @Test
    void partialPbcAndSingleFlag() throws IOException {
        assertArrayEquals(new boolean[] {true, false, true}, frame(CUBE3 + " " + PROPS + " pbc=\"T F T\"").pbc());
        assertArrayEquals(new boolean[] {false, false, false}, frame(CUBE3 + " " + PROPS + " pbc=F").pbc());
        assertEquals(RejectReason.PARSE_ERROR, reject(CUBE3 + " " + PROPS + " pbc=\"T T\"").reason());
    }

    @Test
    void latticeMustHaveNineNumbers() throws IOException {
        Reject j = reject("Lattice=\"3 0 0 0 3 0 0 0\" " + PROPS);
        assertEquals(RejectReason.PARSE_ERROR, j.reason());
        assertTrue(j.message().contains("Lattice has 8 values"), j.message());
        assertTrue(reject("Lattice=\"3 0 0 0 3 0 0 0 x\" " + PROPS).message().contains("'x'"));
    }

    @Test
    void stressWithoutLatticeIsRejected() throws IOException {
        assertEquals(RejectReason.SHAPE_MISMATCH, reject(PROPS + " stress=\"1 0 0 0 1 0 0 0 1\"").reason());
    }

    @Test
    void voigtVirialAndVirialWinsOverStress() throws IOException {
        Frame f = frame(CUBE3 + " " + PROPS + " virial=\"1 2 3 4 5 6\" stress=\"9 9 9 9 9 9\"");
        assertArrayEquals(new double[] {1, 6, 5, 6, 2, 4, 5, 4, 3}, f.virial());
        assertEquals(RejectReason.PARSE_ERROR, reject(CUBE3 + " " + PROPS + " virial=\"1 2 3 4\"").reason());
    }

    @Test
    void energyPrecedence() throws IOException {
        assertEquals(-2.0, frame(PROPS + " free_energy=-1 energy=-2").energy(), "energy before free_energy");
        assertEquals(-1.0, frame(PROPS + " free_energy=-1").energy(), "free_energy when there is no energy");
        assertEquals(-3.0, frame(PROPS + " ENERGY=-3").energy(), "any case");
        assertNull(frame(PROPS).energy());
        ReadOptions free = new ReadOptions("t", List.of(), Map.of(), Map.of("energy_key", "free_energy"));
        assertEquals(-1.0, read("3\n" + PROPS + " free_energy=-1 energy=-2\n" + HHO_ATOMS, free).single().energy());
    }

    @Test
    void forcesKeyOptionAndForcesOverForce() throws IOException {
        String both = "3\nProperties=species:S:1:pos:R:3:force:R:3:forces:R:3\n"
                + "H 0 0 0 1 1 1 2 2 2\nH 1 0 0 1 1 1 2 2 2\nO 2 0 0 1 1 1 2 2 2\n";
        assertEquals(2.0, read(both).single().forces()[0], "forces (ASE) before force (dpdata)");
        ReadOptions o = new ReadOptions("t", List.of(), Map.of(), Map.of("forces_key", "force"));
        assertEquals(1.0, read(both, o).single().forces()[0]);
    }

    @Test
    void lengthUnitScalesPositionsCellAndDefaultForce() throws IOException {
        Frame f = frame(CUBE3 + " " + PROPS + " energy=-1 length-unit=bohr energy-unit=Ha");
        double bohr = Units.BOHR_ANGSTROM;
        assertClose(new double[] {0, 0, 0, bohr, 0, 0, 2 * bohr, 0, 0}, f.positions(), ROUNDING, "positions");
        assertClose(new double[] {3 * bohr, 0, 0, 0, 3 * bohr, 0, 0, 0, 3 * bohr}, f.cell(), ROUNDING, "cell");
        assertClose(0.1 * Units.HARTREE_EV / bohr, f.forces()[0], ROUNDING, "force = energy/length");
    }

    @Test
    void lammpsUnitStyle() throws IOException {
        Frame f = frame(PROPS + " energy=-10 units=real");
        assertClose(-10 * Units.KCAL_PER_MOL_EV, f.energy(), ROUNDING, "energy");
        assertClose(0.1 * Units.KCAL_PER_MOL_EV, f.forces()[0], ROUNDING, "force");
        Reject j = reject(PROPS + " units=cgs");
        assertEquals(RejectReason.UNSUPPORTED_UNIT, j.reason());
        assertTrue(j.message().contains("'cgs'"), j.message());
    }

    @Test
    void userStatedStressUnit() throws IOException {
        ReadOptions gpa = new ReadOptions("t", List.of(), Map.of("stress", "GPa"), Map.of());
        Frame f = read("3\n" + CUBE3 + " " + PROPS + " stress=\"1 1 1 0 0 0\"\n" + HHO_ATOMS, gpa).single();
        double xi = -27 * Units.GPA_EV_PER_A3;
        assertClose(new double[] {xi, 0, 0, 0, xi, 0, 0, 0, xi}, f.virial(), ROUNDING, "virial");
        assertEquals(RejectReason.UNSUPPORTED_UNIT, reject(CUBE3 + " " + PROPS + " stress=\"1 1 1 0 0 0\" stress-unit=psi").reason());
    }

    @Test
    void otherColumnTypesAreSkippedByWidth() throws IOException {
        String text = "2\nProperties=species:S:1:fixed:L:3:pos:R:3:tag:I:1:name:S:2:forces:R:3 energy=0\n"
                + "Si T F T 1.0 2.0 3.0 7 a b 0.5 0.6 0.7\n"
                + "Si F F F 4.0 5.0 6.0 8 c d -0.5 -0.6 -0.7\n";
        Frame f = read(text).single();
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, f.positions());
        assertArrayEquals(new double[] {0.5, 0.6, 0.7, -0.5, -0.6, -0.7}, f.forces());
    }

    @Test
    void elementsFromZOrLabels() throws IOException {
        Frame zOnly = read("2\nProperties=Z:I:1:pos:R:3\n8 0 0 0\n1 0 0 1\n").single();
        assertArrayEquals(new int[] {8, 1}, zOnly.atomicNumbers());
        assertArrayEquals(new String[] {"O", "H"}, zOnly.typeLabels());
        Frame labels = read("2\nProperties=species:S:1:pos:R:3\nFe1 0 0 0\nOW 0 0 1\n").single();
        assertArrayEquals(new int[] {26, 8}, labels.atomicNumbers());
        assertArrayEquals(new String[] {"Fe1", "OW"}, labels.typeLabels(), "the dataset's labels are kept");
        Frame viaZ = read("1\nProperties=species:S:1:Z:I:1:pos:R:3\nXx 6 0 0 0\n").single();
        assertArrayEquals(new int[] {6}, viaZ.atomicNumbers(), "Z column when the label names no element");
    }

    @Test
    void plainXyzAndBlankLinesBetweenFrames() throws IOException {
        Records r = read("3\nwater\nO 0 0 0.1\nH 0 0.7 -0.4\nH 0 -0.7 -0.4 extra ignored\n\n\n"
                + "1\n\nHe 1 2 3\n");
        assertEquals(List.of(), r.rejects());
        assertEquals(2, r.frames().size());
        assertNull(r.frames().get(0).cell());
        assertNull(r.frames().get(0).energy());
        assertArrayEquals(new double[] {1, 2, 3}, r.frames().get(1).positions());
        assertEquals(1, r.frames().get(1).sourceIndex());
    }

    @Test
    void badPropertiesIsRejectedAndTheNextFrameRead() throws IOException {
        Records r = read("1\nProperties=species:S:1:pos:Q:3\nH 0 0 0\n1\nProperties=species:S:1:pos:R:3\nH 0 0 0\n");
        assertEquals(1, r.rejects().size());
        assertTrue(r.rejects().get(0).message().contains("type 'Q'"), r.rejects().get(0).message());
        assertEquals(1, r.frames().size());
        assertEquals(1, r.frames().get(0).sourceIndex());
        assertEquals(RejectReason.PARSE_ERROR,
                reject("Properties=species:S:1:forces:R:3").reason(), "no positions");
    }
}
