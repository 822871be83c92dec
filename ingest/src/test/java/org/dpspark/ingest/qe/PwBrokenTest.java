package org.dpspark.ingest.qe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dpspark.core.Frame;
import org.dpspark.core.RejectReason;
import org.dpspark.core.Units;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.text.Broken;
import org.dpspark.ingest.text.Records;
import org.dpspark.ingest.text.RejectAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-step relax-like output built from qe/01.out (step 2 = an ATOMIC_POSITIONS block with the
 * molecule shifted by +0.1 Å in x, then the step's '!' energy, forces and stress as printed for step 1,
 * energy changed to -16.2 Ry), and damaged copies of it.
 */
class PwBrokenTest {
    private final PwOutputReader reader = new PwOutputReader();
    @TempDir Path tmp;
    private Broken two;
    private int e1;
    private int e2;
    private int f1;
    private int f2;

    @BeforeEach
    void setUp() throws Exception {
        Broken one = Broken.of(SharedData.path("qe/01.out"));
        e1 = one.find("!    total energy", 1);
        f1 = one.find("Forces acting on atoms", 1);
        int s1 = one.find("total   stress", 1);
        StringBuilder step2 = new StringBuilder("\nATOMIC_POSITIONS (angstrom)\n");
        String[] xyz = {"H 5.51646 4.01132 3.51118", "H 4.23161 4.70677 4.43116", "H 5.73096 5.52167 4.45038",
            "H 5.59988 4.00341 5.34265", "C 5.29271 4.55775 4.43687"};
        for (String r : xyz) {
            step2.append(r).append('\n');
        }
        step2.append("\n!    total energy              =     -16.20000000 Ry\n\n");
        for (int l = f1; l <= s1 + 3; l++) {
            step2.append(one.line(l)).append('\n');
        }
        one.replace(s1 + 4, one.line(s1 + 4) + step2);
        Path p = one.write(tmp.resolve("relax.out"));
        two = Broken.of(p);
        e2 = two.find("!    total energy", 2);
        f2 = two.find("Forces acting on atoms", 2);
    }

    private Records read(Broken b, String name) throws Exception {
        return Records.read(reader, b.write(tmp.resolve(name)));
    }

    @Test
    void twoStepsGiveTwoFramesWithTheirOwnGeometry() throws Exception {
        Records r = read(two, "relax.out");
        assertEquals(0, r.rejects().size(), r.describeRejects());
        assertEquals(2, r.frames().size());
        Frame a = r.frames().get(0);
        Frame b = r.frames().get(1);
        assertEquals(1, b.sourceIndex());
        assertEquals(-16.2 * Units.RYDBERG_EV, b.energy(), 1e-9);
        for (int i = 0; i < 5; i++) {
            assertEquals(a.positions()[3 * i] + 0.1, b.positions()[3 * i], 1e-6);
        }
        assertArrayEquals(a.forces(), b.forces(), 0.0);
        assertArrayEquals(a.virial(), b.virial(), 0.0);
    }

    @Test
    void truncatedMidForceBlockOfStep2() throws Exception {
        Path p = two.truncate(tmp.resolve("t.out"), f2 + 4, 45);
        Records r = Records.read(reader, p);
        assertEquals(1, r.frames().size(), r.describeRejects());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 1, f2 + 4, p, PwOutputReader.FORMAT);
    }

    @Test
    void truncatedMidEnergyLineAndBeforeJobDone() throws Exception {
        for (int keep : new int[] {33, 45}) { // after '=', inside the number (no "Ry")
            Path p = two.truncate(tmp.resolve("e" + keep + ".out"), e2, keep);
            Records r = Records.read(reader, p);
            assertEquals(1, r.frames().size(), r.describeRejects());
            assertEquals(1, r.rejects().size());
            RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 1, e2, p, PwOutputReader.FORMAT);
        }
        // cut before the '=': the line is no energy line yet; step 2 is reported at its geometry block
        Path g = two.truncate(tmp.resolve("e20.out"), e2, 20);
        Records t = Records.read(reader, g);
        assertEquals(1, t.frames().size());
        assertEquals(1, t.rejects().size());
        RejectAssert.check(t.rejects().get(0), RejectReason.PARSE_ERROR, 1, two.find("ATOMIC_POSITIONS", 1), g, PwOutputReader.FORMAT);
        Path q = two.truncate(tmp.resolve("nodone.out"), f2 + 12, -1); // forces and stress of step 2, no JOB DONE
        Records s = Records.read(reader, q);
        assertEquals(1, s.frames().size());
        assertEquals(1, s.rejects().size());
        RejectAssert.check(s.rejects().get(0), RejectReason.PARSE_ERROR, 1, e2, q, PwOutputReader.FORMAT);
    }

    @Test
    void garbageInForceRowOfStep1() throws Exception {
        Path p = two.writeWithGarbage(tmp.resolve("g.out"), f1 + 3, Broken.garbage());
        Records r = Records.read(reader, p);
        assertEquals(1, r.frames().size());
        assertEquals(1, r.frames().get(0).sourceIndex());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 0, f1 + 3, p, PwOutputReader.FORMAT);
    }

    @Test
    void nanForceInStep2() throws Exception {
        two.replace(f2 + 2, two.line(f2 + 2).replace("0.01311095", "NaN"));
        Records r = read(two, "nan.out");
        assertEquals(1, r.frames().size());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.NAN_OR_INF, 1, f2 + 2, tmp.resolve("nan.out"), PwOutputReader.FORMAT);
    }

    @Test
    void missingForceRowIsShapeMismatch() throws Exception {
        two.delete(f1 + 4);
        Records r = read(two, "short.out");
        assertEquals(1, r.frames().size());
        assertEquals(1, r.frames().get(0).sourceIndex());
        assertEquals(1, r.rejects().size());
        // 4 rows at f1+2..f1+5, then the blank line at f1+6
        RejectAssert.check(r.rejects().get(0), RejectReason.SHAPE_MISMATCH, 0, f1 + 6, tmp.resolve("short.out"), PwOutputReader.FORMAT);
    }

    @Test
    void unconvergedScf() throws Exception {
        int conv = two.find("convergence has been achieved", 1);
        two.replace(e1, two.line(e1).replace("!", " "));
        two.replace(conv, "     convergence NOT achieved after   8 iterations: stopping");
        Records r = read(two, "unconv.out");
        assertEquals(1, r.frames().size());
        assertEquals(1, r.frames().get(0).sourceIndex());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.UNCONVERGED, 0, conv, tmp.resolve("unconv.out"), PwOutputReader.FORMAT);
    }

    @Test
    void emptyFile() throws Exception {
        Path p = Files.createFile(tmp.resolve("empty.out"));
        Records r = Records.read(reader, p);
        assertEquals(0, r.frames().size());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.EMPTY_FILE, -1, null, p, PwOutputReader.FORMAT);
    }
}
