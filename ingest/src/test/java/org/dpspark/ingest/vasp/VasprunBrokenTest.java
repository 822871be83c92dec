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

/** Damaged and edited copies of vasprun.h2o.md.xml (3 calculations x 6 atoms). */
class VasprunBrokenTest {
    private final VasprunReader reader = new VasprunReader();
    @TempDir Path tmp;
    private Broken b;
    private List<Frame> good;

    @BeforeEach
    void setUp() throws Exception {
        Path source = SharedData.path("vasp/vasprun.h2o.md.xml");
        b = Broken.of(source);
        good = Records.read(reader, source).frames();
    }

    private void assertGood(Records r, int... indices) {
        assertEquals(indices.length, r.frames().size(), r.describeRejects());
        for (int i = 0; i < indices.length; i++) {
            assertEquals(indices[i], r.frames().get(i).sourceIndex());
            assertEquals(good.get(indices[i]).energy(), r.frames().get(i).energy());
        }
    }

    /** Calculation-level energy line of calculation k (1-based): the e_fr_energy right after its stress varray. */
    private int calcEnergyLine(int k) {
        int stress = b.find("name=\"stress\"", k);
        for (int l = stress; ; l++) {
            if (b.line(l).contains("e_fr_energy")) {
                return l;
            }
        }
    }

    /** The calculation's own <energy>, not the <scstep> ones, is the frame energy. */
    @Test
    void calculationEnergyIsUsedNotScstep() throws Exception {
        int l = calcEnergyLine(1);
        Path p = b.replace(l, "   <i name=\"e_fr_energy\">    -27.50000000 </i>").write(tmp.resolve("vasprun.xml"));
        Records r = Records.read(reader, p);
        assertEquals(3, r.frames().size());
        assertEquals(-27.5, r.frames().get(0).energy());
    }

    @Test
    void truncatedMidForcesAndMidEnergy() throws Exception {
        int row = b.find("name=\"forces\"", 2) + 3;
        Path p = b.truncate(tmp.resolve("a.xml"), row, 25);
        Records r = Records.read(reader, p);
        assertGood(r, 0);
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 1, null, p, VasprunReader.FORMAT);

        int e3 = calcEnergyLine(3);
        Path q = b.truncate(tmp.resolve("b.xml"), e3, 33);
        Records s = Records.read(reader, q);
        assertGood(s, 0, 1);
        assertEquals(1, s.rejects().size());
        RejectAssert.check(s.rejects().get(0), RejectReason.PARSE_ERROR, 2, null, q, VasprunReader.FORMAT);
    }

    @Test
    void garbageBytesInThirdCalculation() throws Exception {
        int row = b.find("name=\"forces\"", 3) + 2;
        Path p = b.writeWithGarbage(tmp.resolve("vasprun.xml"), row, Broken.garbage());
        Records r = Records.read(reader, p);
        assertGood(r, 0, 1);
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.PARSE_ERROR, 2, row, p, VasprunReader.FORMAT);
    }

    @Test
    void nanForceRejectsOnlyThatCalculation() throws Exception {
        int row = b.find("name=\"forces\"", 1) + 1;
        Path p = b.replace(row, "   <v>       NaN      -0.57372915       0.35651545 </v>").write(tmp.resolve("vasprun.xml"));
        Records r = Records.read(reader, p);
        assertGood(r, 1, 2);
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.NAN_OR_INF, 0, row, p, VasprunReader.FORMAT);
    }

    @Test
    void missingForceRowIsShapeMismatch() throws Exception {
        int row = b.find("name=\"forces\"", 2) + 1;
        int calc2 = b.find("<calculation>", 2);
        Path p = b.delete(row).write(tmp.resolve("vasprun.xml"));
        Records r = Records.read(reader, p);
        assertGood(r, 0, 2);
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.SHAPE_MISMATCH, 1, calc2, p, VasprunReader.FORMAT);
    }

    @Test
    void emptyFile() throws Exception {
        Path p = Files.createFile(tmp.resolve("vasprun.xml"));
        Records r = Records.read(reader, p);
        assertEquals(0, r.frames().size());
        assertEquals(1, r.rejects().size());
        RejectAssert.check(r.rejects().get(0), RejectReason.EMPTY_FILE, -1, null, p, VasprunReader.FORMAT);
    }
}
