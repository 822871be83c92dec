package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frames path that is a file, or a folder that holds no table, is one error line naming the path and why, from
 * every command that reads a frames table (on a real local Spark; the stack trace only with --verbose).
 */
class CliErrorsIT {
    @TempDir Path dir;

    private static String oneLine(String... args) {
        return CliErrorsTest.oneLine(args);
    }

    @Test
    void aFileOrAFolderThatIsNoTableIsOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("frames.txt"), "not a table\n");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.md"), "no parquet here\n");
        String isFile = file + " is a file, not a table folder";
        String noTable = "no table at " + empty + ": it has no Delta log (_delta_log/) and no Parquet run folders";
        String local = "local[2]";
        assertEquals("dpspark train: error: " + isFile, oneLine("train", "--frames", file.toString(), "-o",
                dir.resolve("m").toString(), "--master", local));
        // featurize names the table by its qualified path (file:/...)
        assertEquals("dpspark featurize: error: " + noTable.replace(" at /", " at file:/"), oneLine("featurize",
                "--frames", empty.toString(), "-o", dir.resolve("f").toString(), "--master", local));
        assertEquals("dpspark export: error: " + isFile, oneLine("export", "--frames", file.toString(), "--format",
                "extxyz", "-o", dir.resolve("x").toString(), "--master", local));
        assertEquals("dpspark stats: error: " + noTable, oneLine("stats", empty.toString(), "--master", local));
        assertEquals("dpspark select: error: no table at file:" + dir.resolve("missing") + ": the folder does not exist",
                oneLine("select", "--frames", dir.resolve("missing").toString(), "-o", dir.resolve("s").toString(),
                        "--master", local));
    }
}
