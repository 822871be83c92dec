package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ingest killed half-way (SIGKILL of its JVM) leaves nothing visible; the next run completes the table. */
class IngestKillIT {
    @Test
    void killedRunLeavesNoVisibleFramesAndRerunCompletes(@TempDir Path tmp) throws Exception {
        Path table = tmp.resolve("frames");
        String water = SharedData.path("deepmd/water").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(Arrays.asList(System.getProperty("dpspark.jvm.flags").split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "ingest", "-i", water, "-o", table.toString(), "--master", "local[1]",
                "--set", "ingest.split-frames=20"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process child = pb.start();
        Path staging = table.resolve("_staging");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        boolean killedMidWrite = false;
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (hasPartFile(staging)) {
                child.destroyForcibly();
                killedMidWrite = true;
                break;
            }
            Thread.sleep(10);
        }
        child.waitFor(30, TimeUnit.SECONDS);
        assertTrue(killedMidWrite, "the child finished before it could be killed: " + Files.readString(tmp.resolve("child.log")));
        assertTrue(Files.exists(staging), "the killed run left its staging folder");
        try (Stream<Path> s = Files.list(table)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith("ingest_run=")),
                    "no run folder of the killed run is visible");
        }

        Cli.run("ingest", "-i", water, "-o", table.toString());
        assertFalse(Files.exists(staging), "the next run cleared the stale staging");
        long frames = LocalSpark.get().read().parquet(table.toString()).count();
        long ids = LocalSpark.get().read().parquet(table.toString()).select("frame_id").distinct().count();
        assertEquals(frames, ids);
        Path fresh = tmp.resolve("fresh");
        Cli.run("ingest", "-i", water, "-o", fresh.toString());
        assertEquals(LocalSpark.get().read().parquet(fresh.toString()).count(), frames,
                "after the kill and a re-run the table equals a clean ingest");
    }

    private static boolean hasPartFile(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("part-") && p.toFile().length() > 0
                    && !p.toString().contains(File.separator + ".")) ;
        } catch (Exception e) {
            return false;
        }
    }
}
