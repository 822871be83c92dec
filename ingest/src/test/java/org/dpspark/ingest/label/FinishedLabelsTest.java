package org.dpspark.ingest.label;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing computed twice, with the real xtb behind a wrapper that counts its invocations: a labelling killed after
 * some calculations (its thread interrupted while the program runs, so that calculation never publishes) and
 * resumed runs only what had not finished, and gives bit-identical labels for the finished ones.
 */
class FinishedLabelsTest {
    @TempDir Path tmp;

    @Test
    void resumedLabellingRerunsNothingFinished() throws Exception {
        assumeTrue(QmTestPrograms.installed("xtb"), "xtb is not installed (apt-get install xtb; the CI installs it)");
        Path count = tmp.resolve("count");
        XtbLabeler l = new XtbLabeler(new XtbSettings(QmTestPrograms.counting(tmp, "xtb", count).toString(), "gfn2", 0, 0,
                1, 120, 250));
        Path work = tmp.resolve("qm");
        List<Frame> frames = new ArrayList<>();
        for (int k = 0; k < 4; k++) frames.add(QmTestPrograms.water(2, 0.01 * k));

        List<Frame> first = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            FinishedLabels.Outcome o = FinishedLabels.label(l, frames.get(k), work, "first-" + k);
            assertFalse(o.reused());
            assertTrue(Files.isRegularFile(o.dir().resolve(FinishedLabels.RESULT)), "published when it ended");
            first.add(o.frame());
        }
        assertEquals(2, QmTestPrograms.lines(count));

        // the kill: the third calculation's thread is interrupted once its program has started
        Path slowCount = tmp.resolve("count-killed");
        Path slow = tmp.resolve("slow.sh");
        Files.writeString(slow, "#!/bin/sh\necho run >> '" + slowCount + "'\nexec sleep 30\n");
        slow.toFile().setExecutable(true);
        XtbLabeler hanging = new XtbLabeler(new XtbSettings(slow.toString(), "gfn2", 0, 0, 1, 120, 250));
        // (a stand-in that hangs; it runs in frame 2's folder, the folder is keyed by the structure alone)
        Thread t = new Thread(() -> {
            try {
                FinishedLabels.label(hanging, frames.get(2), work, "killed");
            } catch (Exception ignored) {
                // interrupted: what a killed task leaves behind
            }
        });
        t.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (QmTestPrograms.lines(slowCount) == 0 && System.nanoTime() < deadline) Thread.sleep(20);
        t.interrupt();
        t.join(20_000);
        assertFalse(t.isAlive());
        assertFalse(Files.exists(FinishedLabels.folder(work, frames.get(2)).resolve(FinishedLabels.RESULT)),
                "a killed calculation publishes nothing");

        // resume all four: only frames 2 and 3 run
        for (int k = 0; k < 4; k++) {
            FinishedLabels.Outcome o = FinishedLabels.label(l, frames.get(k), work, "resumed-" + k);
            assertEquals(k < 2, o.reused(), "frame " + k);
            assertNotNull(o.frame(), o.message());
            if (k < 2) {
                assertEquals(first.get(k).energy(), o.frame().energy(), 0.0, "bit-identical reuse");
                assertArrayEquals(first.get(k).forces(), o.frame().forces(), 0.0);
            }
        }
        assertEquals(4, QmTestPrograms.lines(count), "each structure computed once: 2 before the kill, 2 after");

        // a task retry of everything: nothing runs
        for (Frame f : frames) assertTrue(FinishedLabels.label(l, f, work, "retry").reused());
        assertEquals(4, QmTestPrograms.lines(count));
        // other settings are another calculation
        XtbLabeler charged = new XtbLabeler(new XtbSettings(l.settings().program(), "gfn2", 1, 1, 1, 120, 250));
        assertFalse(FinishedLabels.label(charged, frames.get(0), work, "cation").reused());
        assertEquals(5, QmTestPrograms.lines(count));
    }
}
