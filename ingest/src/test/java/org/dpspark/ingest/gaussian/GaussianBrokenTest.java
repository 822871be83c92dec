package org.dpspark.ingest.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpspark.core.Frame;
import org.dpspark.core.RejectReason;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.text.Broken;
import org.dpspark.ingest.text.Records;
import org.dpspark.ingest.text.RejectAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged copies of the ADMP trajectory (22 complete steps, then a 23rd geometry cut before its SCF,
 * which is always one truncation reject with index 22 unless the damage ends the file earlier).
 */
class GaussianBrokenTest {
    private final GaussianLogReader reader = new GaussianLogReader();
    @TempDir Path tmp;
    private Broken b;
    private List<Frame> good;

    @BeforeEach
    void setUp() throws Exception {
        Path src = SharedData.path("gaussian/aimd_gaussian_CH4_output");
        b = Broken.of(src);
        good = Records.read(reader, src).frames();
    }

    private int forces(int k) {
        return b.find("Forces (Hartrees/Bohr)", k);
    }

    private void assertFrames(Records r, int count, int skipped) {
        assertEquals(count, r.frames().size(), r.describeRejects());
        int j = 0;
        for (int i = 0; i < count; i++, j++) {
            if (j == skipped) {
                j++;
            }
            assertEquals(j, r.frames().get(i).sourceIndex());
            assertEquals(good.get(j).energy(), r.frames().get(i).energy());
        }
    }

    @Test
    void truncatedMidForceBlockOfStep5() throws Exception {
        Path p = b.truncate(tmp.resolve("t.log"), forces(5) + 5, 40);
        Records r = Records.read(reader, p);
        assertFrames(r, 4, -1);
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 4, forces(5) + 5, p, GaussianLogReader.FORMAT);
    }

    @Test
    void truncatedMidScfDoneLineAndBeforeForces() throws Exception {
        int scf5 = b.find("SCF Done:", 5);
        for (int keep : new int[] {25, 40}) { // after "=", inside the number (no "A.U.")
            Path p = b.truncate(tmp.resolve("s" + keep + ".log"), scf5, keep);
            Records r = Records.read(reader, p);
            assertFrames(r, 4, -1);
            assertEquals(1, r.rejects().size());
            RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 4, scf5, p, GaussianLogReader.FORMAT);
        }
        Path q = b.truncate(tmp.resolve("noforce.log"), scf5 + 1, -1); // energy complete, forces not printed yet
        Records s = Records.read(reader, q);
        assertFrames(s, 4, -1);
        assertEquals(1, s.rejects().size());
        RejectAssert.check(s.rejects().get(0), RejectReason.PARSE_ERROR, 4, b.find("Input orientation:", 4), q,
                GaussianLogReader.FORMAT);
    }

    @Test
    void garbageInForceRowOfStep3() throws Exception {
        Path p = b.writeWithGarbage(tmp.resolve("g.log"), forces(3) + 4, Broken.garbage());
        Records r = Records.read(reader, p);
        assertFrames(r, 21, 2);
        assertEquals(2, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 2, forces(3) + 4, p, GaussianLogReader.FORMAT);
        RejectAssert.check(r.rejects().get(1), RejectReason.PARSE_ERROR, 22, null, p, GaussianLogReader.FORMAT);
    }

    @Test
    void nanForceInStep1() throws Exception {
        int row = forces(1) + 3;
        b.replace(row, b.line(row).replace("-0.006678199", "NaN"));
        Records r = Records.read(reader, b.write(tmp.resolve("nan.log")));
        assertFrames(r, 21, 0);
        assertEquals(2, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.NAN_OR_INF, 0, row, tmp.resolve("nan.log"), GaussianLogReader.FORMAT);
    }

    @Test
    void missingForceRowIsShapeMismatch() throws Exception {
        int scf2 = b.find("SCF Done:", 2);
        b.delete(forces(2) + 5);
        Records r = Records.read(reader, b.write(tmp.resolve("short.log")));
        assertFrames(r, 21, 1);
        assertEquals(2, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.SHAPE_MISMATCH, 1, scf2, tmp.resolve("short.log"), GaussianLogReader.FORMAT);
    }

    @Test
    void emptyFile() throws Exception {
        Path p = Files.createFile(tmp.resolve("empty.log"));
        Records r = Records.read(reader, p);
        assertEquals(0, r.frames().size());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.EMPTY_FILE, -1, null, p, GaussianLogReader.FORMAT);
    }
}
