package org.dpspark.ingest.label;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpspark.core.Frame;
import org.dpspark.core.RejectReason;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;
import org.dpspark.ingest.qe.PwOutputReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command labeler with real programs: small bash scripts stand in for pw.x (one copies the real pw.x output of
 * the structure it is given, one fails like an unconverged SCF, one leaves a truncated output). The labelled frame
 * must equal what the ingest reader gives for the real output.
 */
class CommandLabelerTest {
    @TempDir Path tmp;

    private static Path resource(String name) throws Exception {
        return Path.of(CommandLabelerTest.class.getResource("/fake-qm/" + name).toURI());
    }

    /** The CH4 structure and labels of the shared pw.x output, as ingest reads it. */
    private static Frame reference() throws Exception {
        Path out = SharedData.path("qe/01.out");
        try (RecordStream rs = new PwOutputReader().read(InputSplit.whole(out.toString(), "qe/pw"),
                new ReadOptions("qe", List.of(), Map.of(), Map.of("qe_input", SharedData.path("qe/01.in").toString())))) {
            ReadRecord r = rs.next();
            assertTrue(r.isFrame());
            return r.frame();
        }
    }

    private CommandLabeler labeler(String script) throws Exception {
        return new CommandLabeler("qe", Files.readString(resource("template-pw.in")), List.of(),
                List.of("bash", resource(script).toString(), "{input}", "{output}", SharedData.path("qe/01.out").toString()),
                "pw.out", "qe/pw", 60, true);
    }

    @Test
    void labelsWithTheProgramsOutput() throws Exception {
        Frame ref = reference();
        Frame candidate = ref.toBuilder().energy(null).forces(null).virial(null).build();
        Frame got = labeler("fake-pw.sh").label(candidate, tmp.resolve("task-0"));
        assertEquals(ref.energy(), got.energy()); // same file, same reader: identical numbers
        assertArrayEquals(ref.forces(), got.forces());
        assertArrayEquals(ref.virial(), got.virial());
        assertArrayEquals(candidate.positions(), got.positions());
        String input = Files.readString(tmp.resolve("task-0/pw.in"));
        assertTrue(input.contains("CELL_PARAMETERS {angstrom}"), input);
        assertFalse(input.contains("{{"), input);
    }

    @Test
    void failingProgramIsARejectWithItsMessage() throws Exception {
        Frame candidate = reference().toBuilder().energy(null).forces(null).virial(null).build();
        LabelFailure e = assertThrows(LabelFailure.class, () -> labeler("fail-pw.sh").label(candidate, tmp.resolve("t")));
        assertEquals(RejectReason.FAILED_RUN, e.reason());
        assertTrue(e.getMessage().contains("exit code 3") && e.getMessage().contains("convergence NOT achieved"), e.getMessage());
    }

    @Test
    void truncatedOutputIsARejectNotAFrame() throws Exception {
        Frame candidate = reference().toBuilder().energy(null).forces(null).virial(null).build();
        LabelFailure e = assertThrows(LabelFailure.class, () -> labeler("truncated-pw.sh").label(candidate, tmp.resolve("t")));
        assertNotNull(e.reason());
    }

    @Test
    void outputOfAnotherStructureIsRejected() throws Exception {
        Frame ref = reference();
        double[] p = ref.positions();
        p[0] += 0.1; // Å: the program's output no longer belongs to this input
        Frame candidate = ref.toBuilder().positions(p).energy(null).forces(null).virial(null).build();
        LabelFailure e = assertThrows(LabelFailure.class, () -> labeler("fake-pw.sh").label(candidate, tmp.resolve("t")));
        assertEquals(RejectReason.SHAPE_MISMATCH, e.reason());
    }

    @Test
    void vaspPoscarGroupsAtomsByElement() throws Exception {
        Frame ref = reference(); // H H H H C
        QmInput.Written w = new QmInput("vasp", "ENCUT = 400\n").write(ref, tmp.resolve("v"));
        List<String> poscar = Files.readAllLines(w.input());
        assertEquals("H C", poscar.get(5));
        assertEquals("4 1", poscar.get(6));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, w.order());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QmInput("qe", "{{positions}} {{pseudo}}").write(ref, tmp.resolve("q")));
        assertTrue(e.getMessage().contains("{{pseudo}}"));
    }
}
