package org.dpspark.ingest.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor-side loop without Spark: real readers, real files, validation, rejects. */
class SplitRecordsTest {
    @Test
    void readsSplitsInOrderAndRoutesBadRecordsToRejects(@TempDir Path tmp) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(SharedData.path("extxyz/xyz_unittest.xyz")));
        // Frame 1's first atom gets a NaN coordinate: a frame the reader returns and the validator rejects.
        int frame1 = Integer.parseInt(lines.get(0).trim()) + 2;
        lines.set(frame1 + 2, lines.get(frame1 + 2).replaceFirst("^(\\s*\\S+\\s+)\\S+", "$1NaN"));
        Path nan = tmp.resolve("nan.xyz");
        Files.write(nan, lines);
        Path missing = tmp.resolve("missing.xyz");
        List<SplitTask> tasks = List.of(
                new SplitTask(InputSplit.whole(nan.toString(), "extxyz"), ReadOptions.of("a")),
                new SplitTask(InputSplit.whole(missing.toString(), "extxyz"), ReadOptions.of("b")),
                new SplitTask(InputSplit.whole(SharedData.path("vasp/OUTCAR.h2o.md").toString(), "vasp/outcar"),
                        ReadOptions.of("c")));
        List<Reject> rejects = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        new SplitRecords(tasks.iterator(), rejects::add).forEachRemaining(frames::add);
        assertEquals(List.of("a", "a", "c", "c", "c"), frames.stream().map(Frame::dataset).toList());
        assertEquals(List.of(0, 2, 0, 1, 2), frames.stream().map(Frame::sourceIndex).toList());
        assertEquals(2, rejects.size(), rejects.toString());
        assertEquals(RejectReason.NAN_OR_INF, rejects.get(0).reason());
        assertEquals(1, rejects.get(0).sourceIndex());
        assertTrue(rejects.get(0).message().startsWith("positions[row 0"), rejects.get(0).message());
        assertEquals(RejectReason.IO_ERROR, rejects.get(1).reason());
        assertEquals(missing.toString(), rejects.get(1).sourceFile());
    }
}
