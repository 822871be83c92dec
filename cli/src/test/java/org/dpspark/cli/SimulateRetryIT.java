package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.simulate.ensemble.EnsembleFn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark re-running failed tasks: in a child JVM on {@code local[2,2]} (two attempts per task), the first attempt of
 * every trajectory's task fails after its first row ({@link EnsembleFn#FAIL_FIRST_ATTEMPT}); the output must equal
 * a clean run's bitwise, with no row of the failed attempts left.
 */
class SimulateRetryIT {
    static final String CONF = """
            simulate {
              structures = [ { lattice = diamond, element = Si, a = 5.431, repeat = [2, 2, 2] } ]
              temperatures = [500]
              seeds = 2
              potentials = [ { type = sw } ]
              integrator { type = [nve, langevin], dt = 1.0, steps = 60 }
              dump-every = 20
              xyz = false
            }
            """;

    private static Map<String, Row> frames(SparkSession spark, Path out) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : spark.read().parquet(out.resolve("trajectories").toString()).collectAsList()) {
            assertEquals(null, m.put(r.getAs("trajectory_id") + "/" + r.getAs("step"), r), "no duplicate rows");
        }
        return m;
    }

    @Test
    void reRunTasksGiveBitwiseTheSameTrajectories(@TempDir Path tmp) throws Exception {
        Path conf = Files.writeString(tmp.resolve("si.conf"), CONF);
        Path retried = tmp.resolve("retried");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-D" + EnsembleFn.FAIL_FIRST_ATTEMPT + "=true");
        cmd.addAll(Arrays.asList(System.getProperty("dpspark.jvm.flags").split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "simulate", "--conf",
                conf.toString(), "--output", retried.toString(), "--master", "local[2,2]"));
        Path log = tmp.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process child = pb.start();
        assertTrue(child.waitFor(240, TimeUnit.SECONDS), "child did not finish");
        String text = Files.readString(log);
        assertEquals(0, child.exitValue(), text);
        assertTrue(text.contains("injected failure"), "the first attempts really failed:\n" + text);
        assertTrue(text.contains("trajectories: 4 (completed 4"), text);

        Path clean = tmp.resolve("clean");
        Cli.run("simulate", "--conf", conf.toString(), "--output", clean.toString());
        SparkSession spark = LocalSpark.get();
        Map<String, Row> a = frames(spark, retried), b = frames(spark, clean);
        assertEquals(4 * 4, a.size(), "4 trajectories × steps 0, 20, 40, 60");
        assertEquals(b.keySet(), a.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(FrameRows.doubles(b.get(k), "positions"), FrameRows.doubles(a.get(k), "positions"), k);
            assertArrayEquals(FrameRows.doubles(b.get(k), "forces"), FrameRows.doubles(a.get(k), "forces"), k);
        }
    }
}
