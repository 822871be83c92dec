package org.dpspark.ingest.extxyz;

import static org.dpspark.ingest.extxyz.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.Units;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReaderRegistry;
import org.junit.jupiter.api.Test;

/** The real extxyz files of shared/data against dpdata's conversions and the files' own values. */
class ExtxyzReaderTest {
    /** dpdata stored the reference in float32: 1e-6 relative (MANIFEST: energy/force 1e-6). */
    private static final double FLOAT32 = 1e-6;
    /** MANIFEST: virial to 1e-4 (float32 of values up to ~300 eV). */
    private static final double VIRIAL = 1e-4;
    /** Same arithmetic in the test and the reader: equal to rounding. */
    private static final double ROUNDING = 1e-15;

    @Test
    void xyzUnittestMatchesDpdataReference() throws IOException {
        Records r = Records.read(SharedData.path("extxyz/xyz_unittest.xyz"));
        assertEquals(List.of(), r.rejects());
        List<Frame> frames = r.frames();
        assertEquals(3, frames.size());
        assertEquals(List.of(12, 10, 10), frames.stream().map(Frame::natoms).toList(), "frame sizes vary");
        RawReference b5c7 = RawReference.load(SharedData.path("extxyz/reference_deepmd_raw/B5C7"));
        RawReference b1c9 = RawReference.load(SharedData.path("extxyz/reference_deepmd_raw/B1C9"));
        assertMatches(b5c7, 0, frames.get(0), true);
        // frames 1 and 2 form dpdata's B1C9 system; frame 2's Z column says 5 where the species says C:
        // the species decides, as in dpdata
        assertMatches(b1c9, 0, frames.get(1), true);
        assertMatches(b1c9, 1, frames.get(2), true);
        for (int i = 0; i < 3; i++) {
            assertEquals(i, frames.get(i).sourceIndex());
            assertArrayEquals(new boolean[] {true, true, true}, frames.get(i).pbc(), "Lattice without pbc: periodic");
        }
    }

    @Test
    void novirialsFileHasNoVirial() throws IOException {
        Frame f = Records.read(SharedData.path("extxyz/xyz_B5C7_novirials.xyz")).single();
        assertMatches(RawReference.load(SharedData.path("extxyz/reference_deepmd_raw/B5C7_novirials")), 0, f, false);
        assertNull(f.virial());
    }

    private static void assertMatches(RawReference ref, int k, Frame f, boolean virial) {
        assertArrayEquals(ref.labels(), f.typeLabels(), "species");
        int[] z = Arrays.stream(ref.labels()).mapToInt(org.dpspark.core.Elements::atomicNumber).toArray();
        assertArrayEquals(z, f.atomicNumbers());
        assertClose(ref.box()[k], f.cell(), FLOAT32, "cell");
        assertClose(ref.coord()[k], f.positions(), FLOAT32, "positions");
        assertClose(ref.energy()[k], f.energy(), FLOAT32, "energy");
        assertClose(ref.force()[k], f.forces(), FLOAT32, "forces");
        if (virial) {
            assertClose(ref.virial()[k], f.virial(), VIRIAL, "virial");
        }
    }

    @Test
    void tialHas33FramesWithTheFilesEnergiesAndVirials() throws IOException {
        Path path = SharedData.path("extxyz/TiAl_tutorial_DB_tenth.xyz");
        Records r = Records.read(path);
        assertEquals(List.of(), r.rejects());
        List<Frame> frames = r.frames();
        assertEquals(33, frames.size());
        assertEquals(32, frames.stream().filter(f -> f.natoms() == 2).count());
        assertEquals(128, frames.get(32).natoms());
        // expected values straight from the comment lines, extracted independently with a regex
        String text = Files.readString(path);
        List<Double> energies = new ArrayList<>();
        List<double[]> virials = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^Lattice=.*").matcher(text);
        while (m.find()) {
            String line = m.group();
            Matcher e = Pattern.compile(" energy=(\\S+)").matcher(line);
            assertTrue(e.find());
            energies.add(Double.parseDouble(e.group(1)));
            Matcher v = Pattern.compile("virial=\"([^\"]+)\"").matcher(line);
            assertTrue(v.find());
            virials.add(Arrays.stream(v.group(1).trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray());
        }
        assertEquals(33, energies.size());
        for (int i = 0; i < 33; i++) {
            assertEquals(energies.get(i), frames.get(i).energy(), "energy of frame " + i);
            assertArrayEquals(virials.get(i), frames.get(i).virial(), "virial of frame " + i);
            assertTrue(frames.get(i).forces() != null, "`force` column read as forces");
        }
        // first atom line: Ti 1.30924260 1.32316179 1.62637131 0.86219000 0.78737000 2.65969000 0
        Frame first = frames.get(0);
        assertEquals("Ti", first.typeLabels()[0]);
        assertArrayEquals(new double[] {1.30924260, 1.32316179, 1.62637131}, Arrays.copyOf(first.positions(), 3));
        assertArrayEquals(new double[] {0.86219000, 0.78737000, 2.65969000}, Arrays.copyOf(first.forces(), 3));
        assertArrayEquals(new double[] {2.614036117884091, 0, 0, 0, 2.6528336296738044, 0, 0, 0, 3.8250280122051756},
                first.cell());
        long ti = Arrays.stream(frames.get(32).atomicNumbers()).filter(zz -> zz == 22).count();
        long al = Arrays.stream(frames.get(32).atomicNumbers()).filter(zz -> zz == 13).count();
        assertEquals(128, ti + al);
    }

    @Test
    void aspirinInKcalPerMolWhenTheUserSaysSo() throws IOException {
        Path path = SharedData.path("extxyz/aspirin-md17-kcalmol.xyz");
        ReadOptions kcal = new ReadOptions("md17", List.of(), Map.of("energy", "kcal/mol"), Map.of());
        Records r = Records.read(path, kcal);
        assertEquals(List.of(), r.rejects());
        List<Frame> frames = r.frames();
        assertEquals(15, frames.size());
        assertTrue(frames.stream().allMatch(f -> f.natoms() == 21));
        Frame f0 = frames.get(0);
        // first frame: energy=-405681.6 (kcal/mol); first atom force -38.77897263 -7.44909763 32.24373245 (kcal/mol/Å)
        assertClose(-405681.6 * 0.0433641042418, f0.energy(), ROUNDING, "energy in eV");
        assertClose(-405681.6 * Units.KCAL_PER_MOL_EV, f0.energy(), ROUNDING, "energy in eV");
        assertClose(new double[] {-38.77897263 * Units.KCAL_PER_MOL_EV, -7.44909763 * Units.KCAL_PER_MOL_EV,
                32.24373245 * Units.KCAL_PER_MOL_EV}, Arrays.copyOf(f0.forces(), 3), ROUNDING,
                "force defaults to energy unit per Å");
        assertArrayEquals(new double[] {2.13448882, -0.98436105, -0.19521789}, Arrays.copyOf(f0.positions(), 3),
                "positions stay in Å");
        assertNull(f0.cell());
        assertArrayEquals(new boolean[] {false, false, false}, f0.pbc());

        // stating the force unit too gives the same frames; stating nothing keeps the file's numbers
        ReadOptions both = new ReadOptions("md17", List.of(), Map.of("energy", "kcal/mol", "force", "kcal/mol/A"),
                Map.of());
        assertEquals(frames, Records.read(path, both).frames());
        Frame raw = Records.read(path, new ReadOptions("md17", List.of(), Map.of(), Map.of())).frames().get(0);
        assertEquals(-405681.6, raw.energy());
    }

    @Test
    void unknownUserUnitRejectsTheFileOnce() throws IOException {
        ReadOptions bad = new ReadOptions("md17", List.of(), Map.of("energy", "furlongs"), Map.of());
        Records r = Records.read(SharedData.path("extxyz/aspirin-md17-kcalmol.xyz"), bad);
        assertEquals(1, r.all().size());
        Reject j = r.rejects().get(0);
        assertEquals(RejectReason.UNSUPPORTED_UNIT, j.reason());
        assertEquals(-1, j.sourceIndex());
        assertTrue(j.message().contains("furlongs"), j.message());
    }

    @Test
    void everySharedExtxyzFileIsReadWithoutException() throws IOException {
        Path dir = SharedData.path("extxyz");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".xyz")).sorted().toList();
        }
        assertEquals(21, files.size(), "4 + 17 synthetic files in shared/data/extxyz");
        for (Path p : files) {
            Records r = Records.read(p);
            boolean unsupported = p.getFileName().toString().equals("unsupported_unit.xyz");
            assertEquals(unsupported ? 1 : 0, r.rejects().size(), p + ": " + r.rejects());
            assertEquals(unsupported ? 0 : expectedFrames(p), r.frames().size(), p.toString());
            assertTrue(new ExtxyzReader().recognizes(InputProbe.of(p)), "recognized: " + p);
            assertEquals("extxyz", ReaderRegistry.detect(InputProbe.of(p)).orElseThrow().format());
        }
    }

    /** Frame count by the file's atom count lines, counted without the reader. */
    private static long expectedFrames(Path p) throws IOException {
        List<String> lines = Files.readAllLines(p);
        long frames = 0;
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).isBlank()) {
                i++;
                continue;
            }
            int n = Integer.parseInt(lines.get(i).strip());
            frames++;
            i += n + 2;
        }
        return frames;
    }

    @Test
    void energyKeyOptionSelectsAnotherKey() throws IOException {
        // TiAl frames carry n_minim_iter=2 on the 2-atom frames: any numeric key can be chosen
        ReadOptions o = new ReadOptions("t", List.of(), Map.of(), Map.of("energy_key", "n_minim_iter"));
        Frame f = Records.read(SharedData.path("extxyz/TiAl_tutorial_DB_tenth.xyz"), o).frames().get(0);
        assertEquals(2.0, f.energy());
    }
}
