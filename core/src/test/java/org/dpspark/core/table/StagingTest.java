package org.dpspark.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.dpspark.core.TableFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clean-up of the staging folders of killed runs: only runs that are provably dead (a process that ended, a
 * reused process id) or whose folder is older than {@link Staging#STALE_AFTER} are removed; a live run's folder,
 * this JVM's included, is kept, and {@code _staging} goes only when empty.
 */
class StagingTest {
    @TempDir
    Path tmp;

    private final TableFiles files = new TableFiles(new Configuration());

    /** A staging folder {@code run} with a data file and the given owner line (null: none). */
    private Path folder(String run, String owner) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("t").resolve(Staging.FOLDER).resolve(run).resolve("frames"));
        Files.writeString(dir.resolve("part-0.parquet"), "x");
        if (owner != null) {
            Files.writeString(dir.getParent().resolve(Staging.OWNER), owner);
        }
        return dir.getParent();
    }

    private static void age(Path dir, long hours) throws IOException {
        FileTime old = FileTime.from(Instant.now().minusSeconds(hours * 3600));
        try (var s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
    }

    @Test
    void onlyProvablyDeadOrStaleRunsAreRemoved() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        ProcessHandle self = ProcessHandle.current();
        String host = Staging.host();
        folder("dead", Staging.ownerLine(host, ended.toHandle()));
        folder("live", Staging.ownerLine(host, self));
        long selfStart = self.info().startInstant().orElseThrow().toEpochMilli();
        folder("reused", host + " " + self.pid() + " " + (selfStart - 3_600_000) + "\n"); // same pid, started an hour earlier
        folder("other-host-fresh", "elsewhere 1 1\n");
        age(folder("other-host-old", "elsewhere 1 1\n"), 49);
        folder("no-owner-fresh", null);
        age(folder("no-owner-old", null), 49);
        age(folder("live-but-old", Staging.ownerLine(host, self)), 49);

        Staging mine = Staging.open(files, tmp.resolve("t").toString(), "mine");
        Path root = tmp.resolve("t").resolve(Staging.FOLDER);
        try (var s = Files.list(root)) {
            assertEquals(new TreeSet<>(List.of("live", "other-host-fresh", "no-owner-fresh", "live-but-old", "mine")),
                    new TreeSet<>(s.map(p -> p.getFileName().toString()).toList()));
        }
        assertTrue(Files.readString(root.resolve("mine").resolve(Staging.OWNER)).startsWith(host + " " + self.pid() + " "));

        mine.close();
        assertFalse(Files.exists(root.resolve("mine")));
        assertTrue(Files.exists(root.resolve("live")), "another run's folder survives this run's close");
    }

    @Test
    void theStagingFolderGoesWhenTheLastRunCloses() {
        String table = tmp.resolve("t").toString();
        Staging a = Staging.open(files, table, "a");
        Staging b = Staging.open(files, table, "b");
        a.close();
        assertTrue(Files.exists(tmp.resolve("t").resolve(Staging.FOLDER).resolve("b").resolve(Staging.OWNER)),
                "b is alive (this JVM): kept");
        b.close();
        assertFalse(Files.exists(tmp.resolve("t").resolve(Staging.FOLDER)));
    }
}
