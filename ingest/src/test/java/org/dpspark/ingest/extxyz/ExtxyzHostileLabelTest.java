package org.dpspark.ingest.extxyz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A species label that climbs out of a folder ({@code Si/../../../../ESC}) is no Si: its frame is a reject
 * that names the file, the frame and the label, and the frames around it are kept.
 */
class ExtxyzHostileLabelTest {
    private static final String HOSTILE = "Si/../../../../ESC";

    @TempDir
    Path tmp;

    private static String frame(String properties, String first, String second) {
        return "2\nenergy=-1.5 Lattice=\"5 0 0 0 5 0 0 0 5\" Properties=" + properties + "\n"
                + first + " 0 0 0 0.1 0 0\n" + second + " 1.2 0 0 -0.1 0 0\n";
    }

    private Records read(String text) throws IOException {
        Path f = tmp.resolve("hostile.xyz");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return Records.read(f);
    }

    @Test
    void traversalInASpeciesLabelRejectsTheFrame() throws IOException {
        String props = "species:S:1:pos:R:3:forces:R:3";
        Records r = read(frame(props, "Si", "Si") + frame(props, HOSTILE, "Si") + frame(props, "Si", "Si"));
        assertEquals(2, r.frames().size(), r.all().toString());
        assertEquals(0, r.frames().get(0).sourceIndex());
        assertEquals(2, r.frames().get(1).sourceIndex());
        assertEquals(1, r.rejects().size());
        Reject bad = r.rejects().get(0);
        assertEquals(RejectReason.UNKNOWN_ELEMENT, bad.reason(), bad.describe());
        assertEquals(1, bad.sourceIndex(), bad.describe());
        assertTrue(bad.sourceFile().endsWith("hostile.xyz"), bad.describe());
        assertTrue(bad.message().contains("unsafe type label '" + HOSTILE + "'"), bad.describe());
        assertEquals(1, bad.describe().lines().count(), "one line: " + bad.describe());
    }

    @Test
    void aZColumnDoesNotLetAnUnsafeLabelThrough() throws IOException {
        String props = "species:S:1:Z:I:1:pos:R:3:forces:R:3";
        Records r = read(frame(props, "Si 14", "Si 14") + frame(props, HOSTILE + " 14", "Si 14"));
        assertEquals(1, r.frames().size(), r.all().toString());
        assertArrayEquals(new String[] {"Si", "Si"}, r.frames().get(0).typeLabels());
        assertEquals(1, r.rejects().size());
        assertEquals(1, r.rejects().get(0).sourceIndex(), r.rejects().get(0).describe());
        assertTrue(r.rejects().get(0).message().contains(HOSTILE), r.rejects().get(0).describe());
    }
}
