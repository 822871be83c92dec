package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.dpspark.core.KillPoint;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.RejectsTable;
import org.dpspark.core.table.Staging;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest killed (SIGKILL of its JVM) while it stages its rows, or while its commit writes the table's new
 * files, leaves nothing visible: the Delta log has no commit of it (or, had the commit landed, all of it);
 * the next run completes the table, which then equals a clean ingest.
 */
class IngestKillIT {
    private static Process start(Path table, String input, Path log) throws Exception {
        return start(table, input, log, null);
    }

    /** An ingest in a child JVM; {@code killAt}: the {@link KillPoint} at which it halts as kill -9 would (null: none). */
    private static Process start(Path table, String input, Path log, String killAt) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        if (killAt != null) {
            cmd.add("-D" + KillPoint.PROPERTY + "=" + killAt);
        }
        cmd.addAll(Arrays.asList(System.getProperty("dpspark.jvm.flags").split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "ingest", "-i", input, "-o", table.toString(), "--master", "local[1]",
                "--set", "ingest.split-frames=20"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    /** Kills the child as soon as a non-empty data file matching {@code where} appears; whether it did. */
    private static boolean killWhen(Process child, Path dir, Predicate<Path> where) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(900); // a loaded machine is slow
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (hasPartFile(dir, where)) {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private static long rows(Path table) {
        return DeltaTables.isDelta(LocalSpark.get(), table.toString())
                ? DeltaTables.read(LocalSpark.get(), table.toString()).count() : 0;
    }

    @Test
    void killedRunsLeaveNothingVisibleAndReRunCompletes(@TempDir Path tmp) throws Exception {
        String water = SharedData.path("deepmd/water").toString();
        Path fresh = tmp.resolve("fresh");
        Cli.run("ingest", "-i", water, "-o", fresh.toString());
        long clean = rows(fresh);
        Path table = tmp.resolve("frames");

        // 1. Killed while it writes its staging folder: no commit.
        Process child = start(table, water, tmp.resolve("child1.log"));
        assertTrue(killWhen(child, table.resolve("_staging"), p -> true),
                "the child finished (or 900 s passed) before it could be killed: " + Files.readString(tmp.resolve("child1.log")));
        assertEquals(0, rows(table), "nothing of the run killed while staging is visible");

        // 2. Killed while its commit writes the table's files (before or as Delta's log entry lands): all or nothing.
        child = start(table, water, tmp.resolve("child2.log"));
        boolean killed = killWhen(child, table, p -> p.toString().contains(File.separator + "ingest_run=") && !p.toString().contains("_staging"));
        assertTrue(killed, "the child finished (or 900 s passed) before it could be killed: " + Files.readString(tmp.resolve("child2.log")));
        long afterKill = rows(table);
        assertTrue(afterKill == 0 || afterKill == clean, "a commit is all or nothing, saw " + afterKill + " of " + clean);

        Cli.run("ingest", "-i", water, "-o", table.toString());
        assertEquals(clean, rows(table), "after the kills and a re-run the table equals a clean ingest");
        assertEquals(clean, DeltaTables.read(LocalSpark.get(), table.toString()).select("frame_id").distinct().count());
        String again = Cli.run("ingest", "-i", water, "-o", table.toString());
        assertTrue(again.contains("frames written: 0 "), again);
        System.out.printf("kill -9 while staging (0 rows visible) and while committing (%d rows visible), then re-run:"
                + " %d rows, clean ingest %d%n", afterKill, rows(table), clean);
    }

    /**
     * Every phase of ingest, killed at a fixed point (planned, staged, between the frames and the rejects commits),
     * then re-run: the table and its rejects equal a clean ingest (every frame and every bad record exactly once),
     * the killed run's staging folder is removed by the re-run, and a further re-run reports the bad records as
     * already quarantined.
     */
    @Test
    void aRunKilledAtEachPhaseIsRepairedByAReRun(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(SharedData.path("extxyz/TiAl_tutorial_DB_tenth.xyz"), in.resolve("tial.xyz"));
        Files.copy(SharedData.path("extxyz/xyz_unittest.xyz"), in.resolve("bc.xyz"));
        String tial = Files.readString(in.resolve("tial.xyz"));
        Files.writeString(in.resolve("truncated.xyz"), tial.substring(0, tial.length() * 2 / 3));
        Files.writeString(in.resolve("garbage.xyz"), "3\nnot extxyz at all\nX 1 2\n");
        Path fresh = tmp.resolve("fresh");
        Cli.run("ingest", "-i", in.toString(), "-o", fresh.toString());
        long clean = rows(fresh);
        long cleanRejects = rows(fresh.resolve(RejectsTable.FOLDER));
        assertTrue(clean > 30 && cleanRejects > 0, clean + " frames, " + cleanRejects + " rejects");

        for (String point : List.of("ingest.planned", "ingest.staged", "ingest.frames-committed")) {
            Path table = tmp.resolve("t-" + point);
            Path log = tmp.resolve(point + ".log");
            Process child = start(table, in.toString(), log, point);
            // generous: on a machine shared with other builds one child ingest took over 4 minutes
            if (!child.waitFor(900, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new AssertionError("the child never reached " + point + " in 900 s: " + Files.readString(log));
            }
            assertEquals(KillPoint.EXIT_CODE, child.exitValue(), Files.readString(log));
            long visible = rows(table);
            long visibleRejects = rows(table.resolve(RejectsTable.FOLDER));
            boolean committed = point.equals("ingest.frames-committed");
            assertEquals(committed ? clean : 0, visible, point + ": frames visible after the kill");
            assertEquals(0, visibleRejects, point + ": rejects visible after the kill");
            if (point.equals("ingest.staged")) {
                assertTrue(Files.isDirectory(table.resolve(Staging.FOLDER)), "the killed run left its staging folder");
            }

            String rerun = Cli.run("ingest", "-i", in.toString(), "-o", table.toString());
            assertEquals(clean, rows(table), point + ": frames after the re-run");
            assertEquals(clean, DeltaTables.read(LocalSpark.get(), table.toString()).select("frame_id").distinct()
                    .count(), point + ": no frame twice");
            assertEquals(cleanRejects, rows(table.resolve(RejectsTable.FOLDER)), point + ": rejects after the re-run");
            assertTrue(Files.notExists(table.resolve(Staging.FOLDER)), point + ": the dead run's staging is removed");
            assertTrue(rerun.contains("frames written: " + (committed ? 0 : clean) + " "), rerun);
            String again = Cli.run("ingest", "-i", in.toString(), "-o", table.toString());
            assertTrue(again.contains("rejects: 0 (" + cleanRejects + " already quarantined"), again);
            System.out.printf("kill point %s: %d frames / %d rejects visible after the kill; after a re-run %d / %d"
                    + " (clean ingest %d / %d)%n", point, visible, visibleRejects, rows(table),
                    rows(table.resolve(RejectsTable.FOLDER)), clean, cleanRejects);
        }
    }

    private static boolean hasPartFile(Path dir, Predicate<Path> where) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("part-") && p.toFile().length() > 0
                    && !p.toString().contains(File.separator + ".") && where.test(p));
        } catch (Exception e) {
            return false;
        }
    }
}
