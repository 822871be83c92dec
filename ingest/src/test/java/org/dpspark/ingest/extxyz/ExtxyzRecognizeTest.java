package org.dpspark.ingest.extxyz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection by content: extxyz and plain xyz yes; the other formats of shared/data no. */
class ExtxyzRecognizeTest {
    private final ExtxyzReader reader = new ExtxyzReader();

    @TempDir
    Path tmp;

    private boolean recognizes(String content) throws IOException {
        Path p = tmp.resolve("probe.txt");
        Files.writeString(p, content);
        return reader.recognizes(InputProbe.of(p));
    }

    @Test
    void extxyzAndPlainXyz() throws IOException {
        assertTrue(recognizes("2\nLattice=\"1 0 0 0 1 0 0 0 1\" Properties=species:S:1:pos:R:3\nH 0 0 0\nH 1 0 0\n"));
        assertTrue(recognizes("  2 \nproperties=species:S:1:pos:R:3 energy=1\nH 0 0 0\nH 1 0 0\n"));
        assertTrue(recognizes("3\nwater\nO 0.0 0.0 0.1\nH 0 0.7 -0.4\nH 0 -0.7 -0.4\n"), "plain xyz");
    }

    @Test
    void otherContentIsNotXyz() throws IOException {
        assertFalse(recognizes(""));
        assertFalse(recognizes("2\n"));
        assertFalse(recognizes("hello\nLattice=\"1 0 0 0 1 0 0 0 1\"\nH 0 0 0\n"));
        assertFalse(recognizes("0\n0\n1\n1\n"), "deepmd type.raw");
        assertFalse(recognizes("3\nsome comment\nthis is text\n"));
        assertFalse(recognizes("2\nkey=value\n1 2 3 4\n"), "no Lattice/Properties and no Sym x y z line");
    }

    @Test
    void sharedFilesOfOtherFormatsAreNotXyz() {
        for (String other : new String[] {"vasp/OUTCAR.h2o.md", "vasp/vasprun.h2o.md.xml", "qe/01.in", "qe/01.out",
                "cp2k/cp2k_normal_output", "gaussian/methane.gaussianlog", "extxyz/reference_deepmd_raw/B5C7/type.raw",
                "extxyz/reference_deepmd_raw/B5C7/coord.raw", "deepmd/water/data_0", "extxyz"}) {
            Path p = SharedData.path(other);
            assertFalse(reader.recognizes(InputProbe.of(p)), other);
        }
    }
}
