package org.dpspark.ingest.extxyz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.dpspark.core.Frame;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read → write → read gives the same frames, bit for bit (doubles are written in round-trip form). */
class ExtxyzWriterTest {
    @TempDir
    Path tmp;

    @Test
    void everySharedFileRoundTripsBitForBit() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(SharedData.path("extxyz"))) {
            files = s.filter(p -> p.toString().endsWith(".xyz")).sorted().toList();
        }
        int roundTripped = 0;
        for (Path p : files) {
            // the aspirin file is in kcal/mol: read it as such; the copy is then in eV
            ReadOptions o = p.getFileName().toString().startsWith("aspirin")
                    ? new ReadOptions("t", List.of(), Map.of("energy", "kcal/mol"), Map.of()) : ReadOptions.of("t");
            List<Frame> frames = Records.read(p, o).frames();
            if (frames.isEmpty()) {
                continue;   // unsupported_unit.xyz
            }
            Path copy = tmp.resolve(p.getFileName());
            ExtxyzWriter.write(copy, frames);
            Records back = Records.read(copy);
            assertEquals(List.of(), back.rejects(), p.toString());
            assertSame(frames, back.frames(), p.toString());
            roundTripped++;
        }
        assertEquals(20, roundTripped);
    }

    @Test
    void fparamAparamLabelsAndSpecialValuesRoundTrip() throws IOException {
        Random r = new Random(5);
        double[] pos = new double[9];
        double[] forces = new double[9];
        for (int i = 0; i < 9; i++) {
            pos[i] = r.nextGaussian() * 10;
            forces[i] = r.nextGaussian() * 1e-7;
        }
        pos[4] = -0.0;
        forces[8] = Double.NaN;
        Frame f = Frame.builder().dataset("t").sourceFile("x").sourceIndex(0)
                .atomicNumbers(new int[] {26, 26, 8}).typeLabels(new String[] {"Fe1", "Fe2", "O"})
                .positions(pos).cell(new double[] {10.1, 0, 0, 0.3, 9.9, 0, 1e-17, 0, 12})
                .pbc(new boolean[] {true, true, false}).energy(-1234.5678901234567).forces(forces)
                .virial(new double[] {1, 2, 3, 2, 5, 6, 3, 6, Double.MIN_VALUE})
                .fparam(new double[] {0.5}).aparam(new double[] {1, 2, 3, 4, 5, 6}).build();
        Path p = tmp.resolve("labels.xyz");
        ExtxyzWriter.write(p, List.of(f, f.toBuilder().fparam(new double[] {300, 1e300}).aparam(null).build()));
        String text = Files.readString(p);
        assertTrue(text.contains("Properties=species:S:1:pos:R:3:forces:R:3:aparam:R:2:type_label:S:1"), text);
        assertTrue(text.contains("pbc=\"T T F\""), text);
        List<Frame> back = Records.read(p).frames();
        assertEquals(2, back.size());
        assertArrayEquals(new String[] {"Fe1", "Fe2", "O"}, back.get(0).typeLabels());
        assertArrayEquals(new double[] {0.5}, back.get(0).fparam());
        assertArrayEquals(new double[] {300, 1e300}, back.get(1).fparam());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, back.get(0).aparam());
        assertEquals(null, back.get(1).aparam());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.get(0).positions()[4]));
        assertSame(List.of(f), List.of(back.get(0)), "frame with labels");
    }

    @Test
    void moleculeHasNoLatticeAndOpenBoundaries() throws IOException {
        Frame f = Frame.builder().dataset("t").sourceFile("x").sourceIndex(0).atomicNumbers(new int[] {1})
                .positions(new double[] {0.1, 0.2, 0.3}).build();
        Path p = tmp.resolve("mol.xyz");
        ExtxyzWriter.write(p, List.of(f));
        String text = Files.readString(p);
        assertFalse(text.contains("Lattice"), text);
        assertTrue(text.contains("pbc=\"F F F\""), text);
        assertSame(List.of(f), Records.read(p).frames(), "molecule");
    }

    /** Physical content equal bit for bit (the content id) and each array equal. */
    private static void assertSame(List<Frame> expected, List<Frame> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            Frame e = expected.get(i);
            Frame a = actual.get(i);
            assertArrayEquals(e.typeLabels(), a.typeLabels(), what);
            assertArrayEquals(e.atomicNumbers(), a.atomicNumbers(), what);
            assertArrayEquals(e.positions(), a.positions(), what);
            assertArrayEquals(e.cell(), a.cell(), what);
            assertArrayEquals(e.pbc(), a.pbc(), what);
            assertEquals(e.energy(), a.energy(), what);
            assertArrayEquals(e.forces(), a.forces(), what);
            assertArrayEquals(e.virial(), a.virial(), what);
            assertArrayEquals(e.fparam(), a.fparam(), what);
            assertArrayEquals(e.aparam(), a.aparam(), what);
            assertEquals(e.id(), a.id(), what + " content id");
        }
    }
}
