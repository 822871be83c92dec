package org.dpspark.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {
    static Path projectRoot() {
        return Path.of(System.getProperty("dpspark.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void everyShippedJobConfigLoadsAndValidates() throws IOException {
        List<Path> confs;
        try (Stream<Path> s = Files.list(projectRoot().resolve("conf"))) {
            confs = s.filter(p -> p.toString().endsWith(".conf") && !p.getFileName().toString().startsWith("spark-"))
                    .sorted().toList();
        }
        assertFalse(confs.isEmpty());
        for (Path p : confs) {
            Config c = JobConfig.load(p.toString(), List.of());
            assertTrue(c.hasPath("ingest.format"), p + " resolves over the defaults");
        }
        Config md17 = JobConfig.load(projectRoot().resolve("conf/ingest-md17.conf").toString(), List.of());
        assertEquals("kcal/mol", md17.getString("ingest.units.energy"));
        assertEquals(0.8, md17.getDouble("ingest.split.train"), 0.0, "include of ingest.conf");
    }

    @Test
    void overridesWinAndUnknownKeysAreErrors(@TempDir Path dir) throws IOException {
        Config c = JobConfig.load(null, List.of("ingest.split.train=0.9", "ingest.units.energy=\"Ha\""));
        assertEquals(0.9, c.getDouble("ingest.split.train"), 0.0);
        assertEquals(0.1, c.getDouble("ingest.split.valid"), 0.0);
        assertEquals("Ha", c.getString("ingest.units.energy"));
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "ingest { formatt = extxyz }\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobConfig.load(bad.toString(), List.of()));
        assertTrue(e.getMessage().contains("ingest.formatt"), e.getMessage());
        assertTrue(e.getMessage().contains("bad.conf"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JobConfig.load(null, List.of("nokey")));
        assertThrows(IllegalArgumentException.class, () -> JobConfig.load(dir.resolve("missing.conf").toString(), List.of()));
    }

    @Test
    void movedKeysAreErrorsNamingTheNewKey() {
        for (var e : JobConfig.MOVED.entrySet()) {
            assertFalse(JobConfig.defaults().hasPathOrNull(e.getKey()), e.getKey() + " is no longer declared");
            assertTrue(JobConfig.defaults().hasPathOrNull(e.getValue()), e.getValue() + " is declared");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobConfig.load(null, List.of("train.model.sel=[46,92]")));
        assertTrue(e.getMessage().contains("train.model.sel (moved: use model.sel)"), e.getMessage());
    }

    @Test
    void sparkDefaultsCarryTheJvmFlagsOfThePom() throws IOException {
        String flags = System.getProperty("dpspark.jvm.flags");
        assertTrue(flags != null && flags.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"));
        List<String> lines = Files.readAllLines(projectRoot().resolve("conf/spark-defaults.conf"));
        for (String key : List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")) {
            String line = lines.stream().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
            assertEquals(flags, line.substring(key.length()).trim(), key + " must equal <dpspark.jvm.flags>");
        }
    }
}
