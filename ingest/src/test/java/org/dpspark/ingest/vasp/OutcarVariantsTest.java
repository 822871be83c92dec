package org.dpspark.ingest.vasp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.text.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OUTCARs that real VASP runs write and the 6.x-era reader lost (issue 18): a van der Waals–corrected run
 * (IVDW: a third force group in the TOTAL-FORCE rows, "w/o vdW" after the energy) and an MD run with
 * {@code NWRITE = 0} (no VRHFIN/TITEL lines, forces only for the first and last step). Both files are dpdata's
 * test files (src/test/resources/dpdata-tests/README.md); each is checked against the vasprun.xml of the same
 * run, read by {@link VasprunReader}.
 */
class OutcarVariantsTest {
    @TempDir
    Path tmp;

    private static Path res(String name) throws Exception {
        return Path.of(OutcarVariantsTest.class.getResource("/dpdata-tests/" + name).toURI());
    }

    @Test
    void vdwCorrectedRunEqualsItsVasprun() throws Exception {
        Records out = Records.read(new OutcarReader(), res("OUTCAR.Ge.vdw"));
        Records xml = Records.read(new VasprunReader(), res("vasprun.Ge.vdw.xml"));
        assertEquals(0, out.rejects().size(), out.describeRejects());
        assertEquals(1, out.frames().size());
        assertEquals(1, xml.frames().size(), xml.describeRejects());
        Frame a = out.frames().get(0);
        Frame b = xml.frames().get(0);
        assertEquals(8, a.atomicNumbers().length);
        assertEquals(List.of("Ge"), List.of(a.typeLabels()).stream().distinct().toList());
        // free  energy   TOTEN  = -33.36815582 eV (the value before "w/o vdW")
        assertEquals(-33.36815582, a.energy(), 1e-8);
        assertEquals(b.energy(), a.energy(), 1e-6);
        assertArrayEquals(b.cell(), a.cell(), 1e-6);
        // OUTCAR prints positions with 5 decimals (±5e-6 Å), forces with 6 (±5e-7 eV/Å); vasprun with 8
        assertArrayEquals(b.positions(), a.positions(), 1e-5);
        assertArrayEquals(b.forces(), a.forces(), 1e-6);
        // the TOTAL-FORCE column, not the FORCE-w/o vdW one: atom 1 z is 0.071051 (0.044338 without vdW)
        assertEquals(0.071051, a.forces()[3 * 2 + 2], 1e-9);
        // kB printed with 5 decimals in the OUTCAR: virial to 1e-4 eV, as the MANIFEST's h2o pair
        assertArrayEquals(b.virial(), a.virial(), 1e-4);
    }

    @Test
    void nwrite0TakesSpeciesFromPotcarLinesAndKeepsTheStepsWithForces() throws Exception {
        Records out = Records.read(new OutcarReader(), res("Ti-aimd-nwrite0/OUTCAR"));
        Records xml = Records.read(new VasprunReader(), res("Ti-aimd-nwrite0/vasprun.xml"));
        assertEquals(10, xml.frames().size(), xml.describeRejects());
        // NWRITE = 0 prints the TOTAL-FORCE block for the first and the last ionic step only
        assertEquals(2, out.frames().size(), out.describeRejects());
        assertEquals(List.of(0, 9), out.frames().stream().map(Frame::sourceIndex).toList());
        Map<RejectReason, Long> reasons = out.rejects().stream()
                .collect(Collectors.groupingBy(Reject::reason, Collectors.counting()));
        assertEquals(Map.of(RejectReason.MISSING_FORCES, 8L), reasons, out.describeRejects());
        for (Frame a : out.frames()) {
            Frame b = xml.frames().get(a.sourceIndex());
            assertEquals(32, a.atomicNumbers().length);
            for (int z : a.atomicNumbers()) {
                assertEquals(22, z);
            }
            assertEquals(b.energy(), a.energy(), 1e-6);
            assertArrayEquals(b.cell(), a.cell(), 1e-6);
            assertArrayEquals(b.positions(), a.positions(), 1e-5);
            assertArrayEquals(b.forces(), a.forces(), 1e-6);
            assertArrayEquals(b.virial(), a.virial(), 1e-4); // kB with 5 decimals in the OUTCAR, as above
        }
    }

    /** The same NWRITE = 0 file without its POTCAR lines: species from a POSCAR beside it, the type map, or a clear reject. */
    @Test
    void speciesFallbacksWhenTheHeaderNamesNone() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Path outcar = dir.resolve("OUTCAR");
        List<String> lines = Files.readAllLines(res("Ti-aimd-nwrite0/OUTCAR"), java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(outcar, lines.stream().filter(l -> !l.trim().startsWith("POTCAR:")).toList(),
                java.nio.charset.StandardCharsets.ISO_8859_1);

        Records none = Records.read(new OutcarReader(), outcar);
        assertEquals(0, none.frames().size());
        assertEquals(1, none.rejects().size(), none.describeRejects());
        String msg = none.rejects().get(0).message();
        assertTrue(msg.contains("cannot tell the species") && msg.contains("--type-map"), msg);

        Records mapped = Records.read(new OutcarReader(), outcar,
                new ReadOptions("test", List.of("Ti"), Map.of(), Map.of()));
        assertEquals(2, mapped.frames().size(), mapped.describeRejects());
        assertEquals(22, mapped.frames().get(0).atomicNumbers()[0]);

        Records wrongMap = Records.read(new OutcarReader(), outcar,
                new ReadOptions("test", List.of("Ti", "O"), Map.of(), Map.of()));
        assertEquals(0, wrongMap.frames().size());
        assertTrue(wrongMap.rejects().get(0).message().contains("[Ti, O] does not have 1 names"),
                wrongMap.rejects().get(0).message());

        Files.writeString(dir.resolve("POSCAR"), "Ti32\n1.0\n 9.0 0 0\n 0 9.0 0\n 0 0 9.0\n   Ti\n   32\nDirect\n");
        Records poscar = Records.read(new OutcarReader(), outcar);
        assertEquals(2, poscar.frames().size(), poscar.describeRejects());
        assertEquals("Ti", poscar.frames().get(1).typeLabels()[31]);
    }
}
