package org.dpspark.ingest.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.cp2k.Cp2kOutputReader;
import org.dpspark.ingest.gaussian.GaussianLogReader;
import org.dpspark.ingest.qe.PwOutputReader;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.ReaderRegistry;
import org.dpspark.ingest.vasp.OutcarReader;
import org.dpspark.ingest.vasp.VasprunReader;
import org.junit.jupiter.api.Test;

/**
 * Content detection of the QM readers over every file in shared/data: each QM output is recognised by
 * exactly its reader (file names play no part), and no QM reader claims any other shared file.
 */
class QmDetectionTest {
    private static final List<FrameReader> QM = List.of(new OutcarReader(), new VasprunReader(),
            new PwOutputReader(), new Cp2kOutputReader(), new GaussianLogReader());

    private static final Map<String, String> EXPECTED = Map.of(
            "vasp/OUTCAR.h2o.md", OutcarReader.FORMAT,
            "vasp/OUTCAR.ch4.1step", OutcarReader.FORMAT,
            "vasp/vasprun.h2o.md.xml", VasprunReader.FORMAT,
            "qe/01.out", PwOutputReader.FORMAT,
            "cp2k/cp2k_normal_output/cp2k_output", Cp2kOutputReader.FORMAT,
            "gaussian/methane.gaussianlog", GaussianLogReader.FORMAT,
            "gaussian/aimd_gaussian_CH4_output", GaussianLogReader.FORMAT);

    @Test
    void everySharedFileIsClaimedByTheRightQmReaderOrNone() throws IOException {
        Path root = SharedData.root();
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.toList();
        }
        int matched = 0;
        for (Path p : all) {
            InputProbe probe = InputProbe.of(p);
            String rel = root.relativize(p).toString().replace('\\', '/');
            List<String> claimants = QM.stream().filter(r -> r.recognizes(probe)).map(FrameReader::format).toList();
            String expected = EXPECTED.get(rel);
            if (expected == null) {
                assertEquals(List.of(), claimants, rel);
            } else {
                assertEquals(List.of(expected), claimants, rel);
                Optional<FrameReader> viaRegistry = ReaderRegistry.detect(probe);
                assertTrue(viaRegistry.isPresent(), rel);
                assertEquals(expected, viaRegistry.get().format(), rel);
                matched++;
            }
        }
        assertEquals(EXPECTED.size(), matched);
    }

    /** Renamed copies are still recognised: detection reads content, not names. */
    @Test
    void detectionIgnoresFileNames(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        for (var e : EXPECTED.entrySet()) {
            Path copy = Files.copy(SharedData.path(e.getKey()), tmp.resolve("data-" + Math.abs(e.getKey().hashCode()) + ".txt"));
            assertEquals(e.getValue(), ReaderRegistry.detect(InputProbe.of(copy)).map(FrameReader::format).orElse("none"), e.getKey());
        }
    }
}
