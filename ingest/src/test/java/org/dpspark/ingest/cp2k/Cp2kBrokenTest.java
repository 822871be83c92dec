package org.dpspark.ingest.cp2k;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dpspark.core.RejectReason;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.text.Broken;
import org.dpspark.ingest.text.Records;
import org.dpspark.ingest.text.RejectAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-step output built from cp2k_normal_output (its coordinates-to-stress section printed twice) and
 * damaged copies of it.
 */
class Cp2kBrokenTest {
    private final Cp2kOutputReader reader = new Cp2kOutputReader();
    @TempDir Path tmp;
    private Broken one;
    private Broken two;

    @BeforeEach
    void setUp() throws Exception {
        one = Broken.of(SharedData.path("cp2k/cp2k_normal_output/cp2k_output"));
        two = Broken.of(withCopy(one.find("MODULE QUICKSTEP:  ATOMIC COORDINATES", 1), "two.out"));
    }

    /** The original with lines [from, last stress row] repeated after the stress rows. */
    private Path withCopy(int from, String name) throws Exception {
        Broken b = Broken.of(SharedData.path("cp2k/cp2k_normal_output/cp2k_output"));
        int stressEnd = b.find("STRESS TENSOR [GPa]", 1) + 6;
        StringBuilder copy = new StringBuilder();
        for (int l = from; l <= stressEnd; l++) {
            copy.append('\n').append(b.line(l));
        }
        b.replace(stressEnd, b.line(stressEnd) + copy);
        return b.write(tmp.resolve(name));
    }

    private Records read(Broken b, String name) throws Exception {
        return Records.read(reader, b.write(tmp.resolve(name)));
    }

    private int e(int k) {
        return two.find("ENERGY| Total FORCE_EVAL", k);
    }

    private int forces(int k) {
        return two.find("ATOMIC FORCES in [a.u.]", k);
    }

    @Test
    void twoStepsTwoFrames() throws Exception {
        Records r = read(two, "a.out");
        assertEquals(0, r.rejects().size(), r.describeRejects());
        assertEquals(2, r.frames().size());
        assertEquals(r.frames().get(0).energy(), r.frames().get(1).energy());
        assertArrayEquals(r.frames().get(0).virial(), r.frames().get(1).virial(), 0.0);
    }

    @Test
    void energyWithoutNewCoordinatesIsRejected() throws Exception {
        Path p = withCopy(one.find("ENERGY| Total FORCE_EVAL", 1), "stale.out");
        Records r = Records.read(reader, p);
        assertEquals(1, r.frames().size());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 1, Broken.of(p).find("ENERGY| Total", 2), p,
                Cp2kOutputReader.FORMAT);
    }

    @Test
    void truncatedMidForceBlockOfStep2() throws Exception {
        Path p = two.truncate(tmp.resolve("t.out"), forces(2) + 10, 40);
        Records r = Records.read(reader, p);
        assertEquals(1, r.frames().size(), r.describeRejects());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 1, forces(2) + 10, p, Cp2kOutputReader.FORMAT);
    }

    @Test
    void truncatedMidEnergyLineOfStep2() throws Exception {
        for (int keep : new int[] {48, 70}) { // after "(a.u.):", inside the number
            Path p = two.truncate(tmp.resolve("e" + keep + ".out"), e(2), keep);
            Records r = Records.read(reader, p);
            assertEquals(1, r.frames().size(), r.describeRejects());
            assertEquals(1, r.rejects().size());
            RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 1, e(2), p, Cp2kOutputReader.FORMAT);
        }
    }

    @Test
    void garbageInForceRowOfStep1() throws Exception {
        Path p = two.writeWithGarbage(tmp.resolve("g.out"), forces(1) + 5, Broken.garbage());
        Records r = Records.read(reader, p);
        assertEquals(1, r.frames().size());
        assertEquals(1, r.frames().get(0).sourceIndex());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 0, forces(1) + 5, p, Cp2kOutputReader.FORMAT);
    }

    @Test
    void nanForceInStep2() throws Exception {
        int row = forces(2) + 3; // atom 1
        two.replace(row, two.line(row).replace("0.00021561", "NaN"));
        Records r = read(two, "nan.out");
        assertEquals(1, r.frames().size());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.NAN_OR_INF, 1, row, tmp.resolve("nan.out"), Cp2kOutputReader.FORMAT);
    }

    @Test
    void missingForceRowIsShapeMismatch() throws Exception {
        int energy1 = e(1);
        two.delete(forces(1) + 7);
        Records r = read(two, "short.out");
        assertEquals(1, r.frames().size());
        assertEquals(1, r.frames().get(0).sourceIndex());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.SHAPE_MISMATCH, 0, energy1, tmp.resolve("short.out"), Cp2kOutputReader.FORMAT);
    }

    @Test
    void unconvergedScf() throws Exception {
        int conv = two.find("*** SCF run converged", 1);
        two.replace(conv, " *** SCF run NOT converged ***");
        Records r = read(two, "unconv.out");
        assertEquals(1, r.frames().size());
        assertEquals(1, r.frames().get(0).sourceIndex());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.UNCONVERGED, 0, conv, tmp.resolve("unconv.out"), Cp2kOutputReader.FORMAT);
    }

    @Test
    void emptyFile() throws Exception {
        Path p = Files.createFile(tmp.resolve("empty.out"));
        Records r = Records.read(reader, p);
        assertEquals(0, r.frames().size());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.EMPTY_FILE, -1, null, p, Cp2kOutputReader.FORMAT);
    }
}
