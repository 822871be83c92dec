package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings that cannot work stop the command before any Spark job, with one line naming the value and what is
 * allowed (the stack trace only with --verbose). Each case runs the real entry point, {@link Main#execute}.
 */
class CliErrorsTest {
    @TempDir Path dir;

    /** The single error line of a command that must fail with exit code 2. */
    static String oneLine(String... args) {
        String err = Cli.fail(args).strip();
        assertEquals(1, err.lines().count(), "expected one line, got:\n" + err);
        return err;
    }

    private String water() {
        return SharedData.path("deepmd/water/data_3").toString();
    }

    @Test
    void anUnknownUnitNamesItAndTheKnownOnes() {
        String e = oneLine("ingest", "-i", water(), "-o", dir.resolve("t").toString(), "--units", "energy=furlongs");
        assertEquals("dpspark ingest: error: ingest.units.energy: unsupported energy unit 'furlongs' (known: au, ev, ha,"
                + " hartree, kcal/mol, kj/mol, mev, ry, rydberg)", e);
        String q = oneLine("ingest", "-i", water(), "-o", dir.resolve("t").toString(), "--units", "energies=eV");
        assertTrue(q.contains("unknown quantity 'energies' (units can be stated for energy, force, length, stress)"), q);
        String f = oneLine("ingest", "-i", water(), "-o", dir.resolve("t").toString(), "--units", "force=eV");
        assertTrue(f.contains("unsupported force unit 'eV' (known: <energy>/<length>"), f);
    }

    @Test
    void aNegativeOrNonNumericSelIsOneLine() {
        String e = oneLine("featurize", "--frames", dir.toString(), "-o", dir.resolve("f").toString(), "--sel", "-1");
        assertEquals("dpspark featurize: error: model.sel counts neighbour slots per type: one integer >= 0 per type,"
                + " got [-1]", e);
        String w = oneLine("featurize", "--frames", dir.toString(), "-o", dir.resolve("f").toString(), "--sel", "4x");
        assertTrue(w.contains("--sel expects slot counts per type (e.g. 46,92), auto or auto:<ratio>, got '4x'"), w);
    }

    @Test
    void aBadMasterIsOneLineBeforeSparkStarts() {
        String e = oneLine("ingest", "-i", water(), "-o", dir.resolve("t").toString(), "--master", "foo://x");
        assertTrue(e.startsWith("dpspark ingest: error: bad --master 'foo://x': use one of local, local[N]"), e);
        assertTrue(oneLine("stats", dir.toString(), "--master", "local[0]").contains("bad --master 'local[0]'"));
    }

    @Test
    void statsTakesTheTableByOptionOrPositionButNotTwoTables() {
        String none = oneLine("stats", "--master", "local[1]");
        assertTrue(none.contains("missing the frames table: --frames <table>"), none);
        String two = oneLine("stats", "--frames", dir.toString(), dir.resolve("other").toString());
        assertTrue(two.contains("two tables given: --frames " + dir + " and " + dir.resolve("other")), two);
        assertTrue(oneLine("stats", "--frames", dir.toString(), "--master", "local[0]").contains("bad --master 'local[0]'"));
    }

    @Test
    void resumeWithoutACheckpointSaysSo() {
        String e = oneLine("train", "--frames", dir.toString(), "-o", dir.resolve("m").toString(), "--resume");
        assertEquals("dpspark train: error: train --resume: no checkpoint in " + dir.resolve("m")
                + " (no checkpoint/state.bin): nothing to resume; run without --resume to start fresh", e);
    }

    @Test
    void verbosePrintsTheStackTrace() {
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "featurize", "--frames",
                dir.toString(), "-o", dir.resolve("f").toString(), "--sel", "-1", "--verbose");
        assertEquals(2, code);
        assertTrue(err.toString().lines().count() > 3, err.toString());
        assertTrue(err.toString().contains("\tat org.dpspark.model.SelSpec.parse"), err.toString());
    }
}
