package org.dpspark.ingest.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.Test;

class InputDiscoveryTest {
    @Test
    void walksTheSharedDataAndRecognisesEveryDataFileByContent() {
        InputDiscovery.Discovery d = InputDiscovery.discover(List.of(SharedData.root().toString()), "auto");
        Map<String, String> formats = new TreeMap<>();
        d.inputs().forEach(i -> formats.put(i.dataset(), i.reader().format()));
        assertEquals("deepmd/npy", formats.get("deepmd/water/data_0"));
        assertEquals("deepmd/npy", formats.get("deepmd/nopbc-CHO/C1H4O2"), "a system folder is one input");
        assertEquals("deepmd/raw", formats.get("vasp/deepmd.h2o.md"));
        assertEquals("vasp/outcar", formats.get("vasp/OUTCAR.h2o.md"));
        assertEquals("vasp/vasprun", formats.get("vasp/vasprun.h2o.md.xml"));
        assertEquals("qe/pw", formats.get("qe/01.out"));
        assertEquals("cp2k/output", formats.get("cp2k/cp2k_normal_output/cp2k_output"));
        assertEquals("gaussian/log", formats.get("gaussian/methane.gaussianlog"));
        assertEquals("extxyz", formats.get("extxyz/TiAl_tutorial_DB_tenth.xyz"));
        assertTrue(d.unrecognized().isEmpty(), "walked files are never rejected for their format");
        assertTrue(d.skipped().stream().anyMatch(p -> p.endsWith("MANIFEST.md")));
        assertTrue(d.skipped().stream().noneMatch(p -> p.toString().contains("water/data_0")),
                "nothing inside a recognised system is walked");
    }

    @Test
    void explicitUnrecognisedFilesAndMissingPathsAreReported() {
        Path manifest = SharedData.path("MANIFEST.md");
        InputDiscovery.Discovery d = InputDiscovery.discover(List.of(manifest.toString()), "auto");
        assertEquals(1, d.unrecognized().size());
        assertThrows(IllegalArgumentException.class, () -> InputDiscovery.discover(List.of("/no/such/path"), "auto"));
        assertThrows(IllegalArgumentException.class,
                () -> InputDiscovery.discover(List.of(manifest.toString()), "no-such-format"));
    }

    @Test
    void globsExpand() {
        String glob = SharedData.root().resolve("extxyz").toString() + "/xyz_*.xyz";
        InputDiscovery.Discovery d = InputDiscovery.discover(List.of(glob), "auto");
        assertEquals(List.of("xyz_B5C7_novirials.xyz", "xyz_unittest.xyz"),
                d.inputs().stream().map(InputDiscovery.Input::dataset).sorted().toList());
    }

    @Test
    void aSymbolicLinkCycleIsSkippedNotWalkedForever(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path a = java.nio.file.Files.createDirectories(tmp.resolve("a"));
        java.nio.file.Files.copy(SharedData.path("extxyz/xyz_unittest.xyz"), a.resolve("x.xyz"));
        Path loop = java.nio.file.Files.createSymbolicLink(a.resolve("loop"), a);
        InputDiscovery.Discovery d = InputDiscovery.discover(List.of(tmp.toString()), "auto");
        assertEquals(List.of("a/x.xyz"), d.inputs().stream().map(InputDiscovery.Input::dataset).toList(),
                "the file once, not once per turn of the cycle");
        assertEquals(List.of(loop), d.skipped());
    }
}
