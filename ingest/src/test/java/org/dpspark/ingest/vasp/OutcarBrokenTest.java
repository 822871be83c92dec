package org.dpspark.ingest.vasp;

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
 * Damaged copies of OUTCAR.h2o.md (3 ionic steps x 6 atoms): every complete step before (and, where the
 * damage is local, after) the damage must still come out, the damaged one as a reject naming file,
 * frame index and line.
 */
class OutcarBrokenTest {
    private final OutcarReader reader = new OutcarReader();
    @TempDir Path tmp;
    private Path source;
    private Broken b;
    private List<Frame> good;

    @BeforeEach
    void setUp() throws Exception {
        source = SharedData.path("vasp/OUTCAR.h2o.md");
        b = Broken.of(source);
        good = Records.read(reader, source).frames();
    }

    private Records read(Path p) throws Exception {
        return Records.read(reader, p);
    }

    private void assertGood(Records r, int... indices) {
        assertEquals(indices.length, r.frames().size(), r.describeRejects());
        for (int i = 0; i < indices.length; i++) {
            Frame f = r.frames().get(i);
            assertEquals(indices[i], f.sourceIndex());
            assertEquals(good.get(indices[i]).energy(), f.energy());
            assertEquals(java.util.Arrays.toString(good.get(indices[i]).forces()), java.util.Arrays.toString(f.forces()));
        }
    }

    @Test
    void truncatedMidForceBlock() throws Exception {
        int header = b.find("TOTAL-FORCE", 2);
        Path p = b.truncate(tmp.resolve("OUTCAR"), header + 4, 30); // third row of step 2 cut after 30 chars
        Records r = read(p);
        assertGood(r, 0);
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 1, header + 4, p, OutcarReader.FORMAT);
    }

    @Test
    void truncatedMidEnergyLine() throws Exception {
        int e3 = b.find("free  energy   TOTEN", 3);
        for (int keep : new int[] {26, 40}) { // after "TOTEN  =", and inside the number (no " eV")
            Path p = b.truncate(tmp.resolve("OUTCAR" + keep), e3, keep);
            Records r = read(p);
            assertGood(r, 0, 1);
            assertEquals(1, r.rejects().size());
            RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 2, e3, p, OutcarReader.FORMAT);
        }
    }

    @Test
    void truncatedInsideScfAndAfterForces() throws Exception {
        int it3 = b.find("Iteration    3(", 1);
        Path p = b.truncate(tmp.resolve("OUTCAR.a"), it3 + 50, -1);
        Records r = read(p);
        assertGood(r, 0, 1);
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 2, it3 + 50, p, OutcarReader.FORMAT);

        int f3 = b.find("TOTAL-FORCE", 3);
        Path q = b.truncate(tmp.resolve("OUTCAR.b"), f3 + 10, -1); // whole force block, no energy
        Records s = read(q);
        assertGood(s, 0, 1);
        assertEquals(1, s.rejects().size());
        RejectAssert.check(s.rejects().get(0), RejectReason.PARSE_ERROR, 2, f3, q, OutcarReader.FORMAT);
    }

    @Test
    void garbageBytesInForceRowRejectOnlyThatStep() throws Exception {
        int row = b.find("TOTAL-FORCE", 2) + 3;
        Path p = b.writeWithGarbage(tmp.resolve("OUTCAR"), row, Broken.garbage());
        Records r = read(p);
        assertGood(r, 0, 2);
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 1, row, p, OutcarReader.FORMAT);
    }

    @Test
    void nanInForceLine() throws Exception {
        int row = b.find("TOTAL-FORCE", 1) + 2;
        Path p = b.replace(row, b.line(row).replace("-0.141986", "NaN")).write(tmp.resolve("OUTCAR"));
        Records r = read(p);
        assertGood(r, 1, 2);
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.NAN_OR_INF, 0, row, p, OutcarReader.FORMAT);
    }

    @Test
    void missingForceRowIsShapeMismatch() throws Exception {
        int row = b.find("TOTAL-FORCE", 3) + 4;
        Path p = b.delete(row).write(tmp.resolve("OUTCAR"));
        Records r = read(p);
        assertGood(r, 0, 1);
        assertEquals(1, r.rejects().size());
        // rows are header+2 .. header+7; with one deleted the closing '----' line sits at header+7 = row+3
        RejectAssert.check(r.rejects().get(0), RejectReason.SHAPE_MISMATCH, 2, row + 3, p, OutcarReader.FORMAT);
    }

    @Test
    void headerAtomCountsDisagreeWithNions() throws Exception {
        int l = b.find("ions per type =", 1);
        Path p = b.replace(l, b.line(l).replace("2   4", "2   3")).write(tmp.resolve("OUTCAR"));
        Records r = read(p);
        assertEquals(0, r.frames().size());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.SHAPE_MISMATCH, -1, l, p, OutcarReader.FORMAT);
    }

    @Test
    void emptyFile() throws Exception {
        Path p = Files.createFile(tmp.resolve("OUTCAR"));
        Records r = read(p);
        assertEquals(0, r.frames().size());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.EMPTY_FILE, -1, null, p, OutcarReader.FORMAT);
    }

    /** Reduced output: a step without its energy must not shift step 3's energy onto step 2's forces. */
    @Test
    void unpairedForceBlockDoesNotMisalignFrames() throws Exception {
        int e2 = b.find("free  energy   TOTEN", 2);
        int f2 = b.find("TOTAL-FORCE", 2);
        Path p = b.delete(e2).write(tmp.resolve("OUTCAR"));
        Records r = read(p);
        assertGood(r, 0, 2);
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.MISSING_ENERGY, 1, f2, p, OutcarReader.FORMAT);
    }

    @Test
    void energyWithoutForceBlockIsMissingForces() throws Exception {
        int f2 = b.find("TOTAL-FORCE", 2);
        Broken c = Broken.of(source);
        for (int i = 0; i < 10; i++) { // header, 2 dashes, 6 rows, "total drift"... drop header+separators+rows
            c.delete(f2);
        }
        Path p = c.write(tmp.resolve("OUTCAR"));
        Records r = read(p);
        assertGood(r, 0, 2);
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.MISSING_FORCES, 1, b.find("free  energy   TOTEN", 2) - 10, p,
                OutcarReader.FORMAT);
    }

    @Test
    void unconvergedStep() throws Exception {
        int abort = b.find("aborting loop because EDIFF is reached", 2);
        Path p = b.replace(abort, "------------------------ aborting loop EDIFF was not reached (unconverged)  ------")
                .write(tmp.resolve("OUTCAR"));
        Records r = read(p);
        assertGood(r, 0, 2);
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.UNCONVERGED, 1, abort, p, OutcarReader.FORMAT);
    }
}
