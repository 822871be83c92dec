package org.dpspark.ingest.cp2k;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dpspark.core.Frame;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.text.Broken;
import org.dpspark.ingest.text.Npy;
import org.dpspark.ingest.text.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cp2k_normal_output (CP2K 6.1) against dpdata's deepmd/npy conversion beside it. */
class Cp2kOutputReaderTest {
    private final Cp2kOutputReader reader = new Cp2kOutputReader();
    @TempDir Path tmp;

    private static Path ref(String name) {
        return SharedData.path("cp2k/cp2k_normal_output/deepmd/set.000/" + name + ".npy");
    }

    @Test
    void matchesDpdataConversion() throws Exception {
        Records r = Records.read(reader, SharedData.path("cp2k/cp2k_normal_output/cp2k_output"));
        assertEquals(0, r.rejects().size(), r.describeRejects());
        assertEquals(1, r.frames().size());
        Frame f = r.frames().get(0);
        // MANIFEST: -48061.44846401638 eV; same Hartree constant as dpdata, so round-off only
        assertEquals(-48061.44846401638, f.energy(), 1e-6 * 48061.45);
        assertEquals(Npy.read(ref("energy"))[0], f.energy(), 1e-6 * 48061.45);
        // coordinates and cell are copied as printed (6 and 3 decimals) by both: agreement to round-off
        assertArrayEquals(Npy.read(ref("coord")), f.positions(), 1e-9);
        assertArrayEquals(Npy.read(ref("box")), f.cell(), 1e-9);
        // forces: 8 printed decimals of Ha/Bohr times the same CODATA factor: round-off
        assertArrayEquals(Npy.read(ref("force")), f.forces(), 1e-9);
        // virial = +stress(GPa) x V: dpdata used 1/160.21766208 eV/Å^3 per GPa vs CODATA 2018
        // 0.00624150907446: 1.5e-9 relative of 15 eV; 1e-6 absolute is the MANIFEST energy-level tolerance
        assertArrayEquals(Npy.read(ref("virial")), f.virial(), 1e-6);
        // KIND labels kept (type_map.raw: Fe1 Fe2 O; type.raw alternates Fe1/Fe2 for the first 12 atoms)
        String[] labels = f.typeLabels();
        assertEquals("Fe1", labels[0]);
        assertEquals("Fe2", labels[1]);
        assertEquals("O", labels[29]);
        assertEquals(26, f.atomicNumbers()[1]);
        assertEquals(8, f.atomicNumbers()[29]);
    }

    @Test
    void typeLabelsFollowTypeRaw() throws Exception {
        Frame f = Records.read(reader, SharedData.path("cp2k/cp2k_normal_output/cp2k_output")).frames().get(0);
        String[] map = java.nio.file.Files.readAllLines(SharedData.path("cp2k/cp2k_normal_output/deepmd/type_map.raw"))
                .stream().map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
        var types = java.nio.file.Files.readAllLines(SharedData.path("cp2k/cp2k_normal_output/deepmd/type.raw"))
                .stream().map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        String[] expected = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            expected[i] = map[types[i]];
        }
        assertArrayEquals(expected, f.typeLabels());
    }

    /**
     * The 2025 line format (energy "[hartree]", "FORCES|" table, "STRESS|" tensor), written from the 6.1
     * file's own numbers, must give the same frame. The layouts follow CP2K 2025 outputs (force_env_utils.F).
     */
    @Test
    void cp2k2025FormatGivesSameFrame() throws Exception {
        Path src = SharedData.path("cp2k/cp2k_normal_output/cp2k_output");
        Frame old = Records.read(reader, src).frames().get(0);
        Broken b = Broken.of(src);
        int e = b.find("ENERGY| Total FORCE_EVAL", 1);
        b.replace(e, " ENERGY| Total FORCE_EVAL ( QS ) energy [hartree]             -1766.225653832774242");
        int fh = b.find("ATOMIC FORCES in [a.u.]", 1);
        b.replace(fh, " FORCES| Atomic forces [hartree/bohr]");
        b.replace(fh + 2, " FORCES|   Atom     x               y               z               |f|");
        for (int i = 0; i < 30; i++) {
            String[] tok = b.line(fh + 3 + i).trim().split("\\s+");
            b.replace(fh + 3 + i, String.format(" FORCES| %6d %s %s %s %s", i + 1, tok[3], tok[4], tok[5], "1.0E-02"));
        }
        b.replace(fh + 33, " FORCES| Sum    0.00000000E+00  0.00000000E+00  0.00000000E+00");
        int sh = b.find("STRESS TENSOR [GPa]", 1);
        b.replace(sh, " STRESS| Analytical stress tensor [GPa]");
        b.replace(sh + 1, " STRESS|                        x                   y                   z");
        b.replace(sh + 2, "");
        for (int r = 0; r < 3; r++) {
            String[] tok = b.line(sh + 3 + r).trim().split("\\s+");
            b.replace(sh + 3 + r, " STRESS|      " + "xyz".charAt(r) + "   " + tok[1] + "   " + tok[2] + "   " + tok[3]);
        }
        Records r = Records.read(reader, b.write(tmp.resolve("cp2k_2025.out")));
        assertEquals(0, r.rejects().size(), r.describeRejects());
        Frame f = r.frames().get(0);
        assertEquals(old.energy(), f.energy());
        assertArrayEquals(old.forces(), f.forces(), 0.0);
        assertArrayEquals(old.virial(), f.virial(), 0.0);
        assertArrayEquals(old.positions(), f.positions(), 0.0);
    }

    @Test
    void recognizesCp2kBanner() {
        assertTrue(reader.recognizes(InputProbe.of(SharedData.path("cp2k/cp2k_normal_output/cp2k_output"))));
    }
}
