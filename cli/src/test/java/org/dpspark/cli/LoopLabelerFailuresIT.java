package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.testing.LocalSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken labeler stops the loop at the step that labels, which is then not recorded as finished: a template
 * placeholder typo is refused before any job, a program that fails every structure leaves the step unfinished, and
 * the loop run again with the labeler fixed labels those structures instead of staying stuck behind a step recorded
 * as done with no data. The real loop command on a local Spark (conf/loop-si-sw-small.conf: 8-atom silicon, an
 * SW-driven initial MD of 20 steps dumping 3 frames). The first structure's input check: CommandLabelerCheckTest.
 */
class LoopLabelerFailuresIT {
    @TempDir Path tmp;

    private static String conf() {
        return Path.of(System.getProperty("dpspark.root"), "conf", "loop-si-sw-small.conf").toString();
    }

    /** Exit code, then standard output and error. */
    private static String[] loop(Path dir, String... more) {
        List<String> a = new ArrayList<>(List.of("loop", "--conf", conf(), "-o", dir.toString(), "--stop-after", "init",
                "--master", "local[2]", "--set", "loop.init.temperatures=[300]", "--set", "loop.init.steps=20"));
        a.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), a.toArray(String[]::new));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    /** A command labeler of {@code code} whose program is {@code program}, the MD driven by SW. */
    private String[] command(String code, String program) throws Exception {
        Path template = Files.writeString(tmp.resolve(code + ".in"), "{{cell}}\n{{positions}}\n");
        return new String[] {"--set", "loop.labeler.type=command", "--set", "loop.init.potential=[{ type = sw }]",
                "--set", "loop.labeler.command={ code = " + code + ", template = \"" + template + "\", args = [\""
                        + program + "\"], output = out.txt, format = \"qe/pw\", timeout = 60 }"};
    }

    private static boolean initFinished(Path dir) throws Exception {
        Path state = dir.resolve("state.json");
        return Files.isRegularFile(state) && Files.readString(state).contains("\"init\"");
    }

    @Test
    void aBrokenLabelerLeavesTheStepUnfinishedAndAFixedOneResumesIt() throws Exception {
        Path dir = tmp.resolve("loop");
        Path badPlaceholder = Files.writeString(tmp.resolve("typo.in"), "{{positions}}\n{{natom}}\n");
        // 1. a template placeholder typo: refused before Spark, naming the placeholder
        String[] typo = loop(dir, "--set", "loop.labeler.type=command", "--set", "loop.init.potential=[{ type = sw }]",
                "--set", "loop.labeler.command={ code = qe, template = \"" + badPlaceholder + "\", args = [\"true\"],"
                        + " output = out.txt, format = \"qe/pw\" }");
        assertEquals("2", typo[0], typo[1] + typo[2]);
        assertEquals("dpspark loop: error: loop.labeler.command.template " + badPlaceholder + ": unknown placeholder"
                + " {{natom}} in the QM input template (known: natoms, ntypes, cell, positions, elements)", typo[2].strip());
        assertFalse(Files.exists(dir.resolve("init")), "nothing ran");

        // 2. a program that fails on every structure: the step fails and is not recorded
        String[] failing = loop(dir, command("qe", "false"));
        assertEquals("2", failing[0], failing[1] + failing[2]);
        assertTrue(failing[2].contains("init: none of the 3 structures was labelled (first failure: failed_run: exit"
                + " code 1"), failing[2]);
        assertFalse(initFinished(dir));

        // 3. the labeler fixed (the configuration's SW reference): the same folder resumes and labels every frame
        String[] fixed = loop(dir);
        assertEquals("3", fixed[0], fixed[1] + fixed[2]);
        assertTrue(initFinished(dir));
        assertEquals(3, DeltaTables.read(LocalSpark.get(), dir.resolve("frames").toString()).count(), fixed[1]);
    }
}
