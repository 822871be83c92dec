package org.dpspark.ingest.extxyz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dpspark.core.Frame;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares with ASE itself, when a Python with ASE is installed (Debian: {@code apt-get install
 * python3-ase}); skipped otherwise. (1) The shared files read by ASE and by dpspark give the same
 * numbers, bit for bit. (2) Files written by {@link ExtxyzWriter} are read by ASE to the same bits.
 */
class ExtxyzAseCrossCheckTest {
    private static final String SCRIPT = """
            import sys
            import numpy as np
            import ase.io
            def nums(a):
                return ' '.join(repr(float(x)) for x in np.asarray(a, dtype=float).ravel())
            for path in sys.argv[1:]:
                for a in ase.io.read(path, index=':'):
                    e, f = '', None
                    if a.calc is not None:
                        try:
                            e = repr(float(a.get_potential_energy()))
                        except Exception:
                            pass
                        try:
                            f = a.get_forces()
                        except Exception:
                            f = None
                    if f is None and 'force' in a.arrays:
                        f = a.arrays['force']
                    v = a.info.get('virial')
                    print('FRAME')
                    print(' '.join(a.get_chemical_symbols()))
                    print(nums(a.positions))
                    print(nums(a.cell.array))
                    print(' '.join('T' if p else 'F' for p in a.pbc))
                    print(e)
                    print('' if f is None else nums(f))
                    print('' if v is None else nums(np.asarray(v).T))
            """;

    private static String python;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findAse() {
        for (String candidate : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import ase.io").redirectErrorStream(true).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    python = candidate;
                    return;
                }
            } catch (IOException | InterruptedException e) {
                // try the next one
            }
        }
    }

    /** One frame as ASE sees it. */
    private record AseFrame(String[] symbols, double[] positions, double[] cell, boolean[] pbc, Double energy,
                            double[] forces, double[] virial) {}

    private List<AseFrame> aseRead(Path file) throws IOException, InterruptedException {
        assumeTrue(python != null, "no Python with ASE (apt-get install python3-ase)");
        Path script = tmp.resolve("dump.py");
        Files.writeString(script, SCRIPT);
        Process p = new ProcessBuilder(python, script.toString(), file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(true, p.waitFor(120, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        List<AseFrame> frames = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i + 7 < lines.length; i++) {
            if (!lines[i].equals("FRAME")) {
                continue;
            }
            boolean[] pbc = new boolean[3];
            String[] flags = lines[i + 4].split(" ");
            for (int k = 0; k < 3; k++) {
                pbc[k] = flags[k].equals("T");
            }
            frames.add(new AseFrame(lines[i + 1].split(" "), nums(lines[i + 2]), nums(lines[i + 3]), pbc,
                    lines[i + 5].isEmpty() ? null : Double.parseDouble(lines[i + 5]), nums(lines[i + 6]),
                    nums(lines[i + 7])));
            i += 7;
        }
        return frames;
    }

    private static double[] nums(String line) {
        if (line.isBlank()) {
            return null;
        }
        return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static void assertSameAsAse(List<Frame> ours, List<AseFrame> ase, boolean symbols, String what) {
        assertEquals(ase.size(), ours.size(), what + ": frame count");
        for (int i = 0; i < ours.size(); i++) {
            Frame f = ours.get(i);
            AseFrame a = ase.get(i);
            String w = what + " frame " + i;
            if (symbols) {
                assertArrayEquals(a.symbols(), f.typeLabels(), w);
            }
            assertArrayEquals(a.positions(), f.positions(), w + " positions");
            assertArrayEquals(f.cell() == null ? new double[9] : f.cell(), a.cell(), w + " cell");
            assertArrayEquals(a.pbc(), f.pbc(), w + " pbc");
            assertEquals(a.energy(), f.energy(), w + " energy");
            assertArrayEquals(a.forces(), f.forces(), w + " forces");
            if (a.virial() != null) {
                assertArrayEquals(a.virial(), f.virial(), w + " virial");
            }
        }
    }

    @Test
    void sharedFilesReadAsAseReadsThem() throws Exception {
        for (String name : new String[] {"TiAl_tutorial_DB_tenth.xyz", "xyz_B5C7_novirials.xyz",
                "aspirin-md17-kcalmol.xyz", "synthetic_edgecases/forces_key.xyz",
                "synthetic_edgecases/pbc_false.xyz", "synthetic_edgecases/nopbc.xyz"}) {
            Path p = SharedData.path("extxyz/" + name);
            assertSameAsAse(Records.read(p).frames(), aseRead(p), true, name);
        }
        // xyz_unittest: ASE takes the Z column where it disagrees with the species (frame 2 says C
        // but Z=5); dpspark follows the species, as dpdata. Everything else agrees.
        Path p = SharedData.path("extxyz/xyz_unittest.xyz");
        List<AseFrame> ase = aseRead(p);
        List<Frame> ours = Records.read(p).frames();
        assertSameAsAse(ours, ase, false, "xyz_unittest");
        assertEquals(5, Arrays.stream(ase.get(2).symbols()).filter("B"::equals).count());
        assertEquals(1, Arrays.stream(ours.get(2).typeLabels()).filter("B"::equals).count());
    }

    @Test
    void aseReadsWhatTheWriterWrites() throws Exception {
        List<Frame> frames = new ArrayList<>(Records.read(SharedData.path("extxyz/TiAl_tutorial_DB_tenth.xyz")).frames());
        frames.addAll(Records.read(SharedData.path("extxyz/xyz_unittest.xyz")).frames());
        frames.addAll(Records.read(SharedData.path("extxyz/synthetic_edgecases/nopbc.xyz")).frames());
        Path out = tmp.resolve("written.xyz");
        ExtxyzWriter.write(out, frames);
        assertSameAsAse(frames, aseRead(out), true, "written");
    }
}
