package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.internal.config.ConfigEntry;
import org.apache.spark.sql.internal.SQLConf;
import org.dpspark.loop.LoopSettings;
import org.dpspark.core.JobConfig;
import org.dpspark.featurize.job.FeaturizeSettings;
import org.dpspark.featurize.select.SelectSettings;
import org.dpspark.ingest.extxyz.ExtxyzReader;
import org.dpspark.ingest.job.IngestSettings;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;
import org.dpspark.simulate.ensemble.SimulateSettings;
import org.dpspark.train.job.TrainSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file in conf/ is validated, none is skipped: each HOCON job file loads over the defaults (unknown keys are
 * errors) and every job section parses with the settings class its command uses (so wrong types and values fail
 * here, not in a job); spark-defaults.conf holds only "key value" lines whose keys Spark declares.
 */
class ConfFilesTest {
    private static final Path CONF = Path.of(System.getProperty("dpspark.root", "..")).toAbsolutePath().normalize()
            .resolve("conf");

    @Test
    void everyFileInConfIsValidated() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CONF)) {
            files = s.sorted().toList();
        }
        assertTrue(files.size() >= 10, files.toString());
        List<String> checked = new ArrayList<>();
        for (Path p : files) {
            String name = p.getFileName().toString();
            if (name.equals("spark-defaults.conf")) {
                sparkDefaults(p);
            } else if (name.equals("data") && Files.isDirectory(p)) {
                dataFiles(p);
            } else if (name.endsWith(".conf")) {
                jobConf(p);
            } else {
                fail(p + ": no validation for this kind of file in conf/ (add one to " + getClass().getSimpleName() + ")");
            }
            checked.add(name);
        }
        assertEquals(files.size(), checked.size());
    }

    /**
     * conf/data holds the structures and labelled frames that configurations name (extxyz only): every frame of every
     * file reads with the ingest reader, energy and forces present (they are training and test data).
     */
    private static void dataFiles(Path dir) throws IOException {
        List<Path> xyz;
        try (Stream<Path> s = Files.list(dir)) {
            xyz = s.sorted().toList();
        }
        assertFalse(xyz.isEmpty(), dir + " is empty");
        for (Path f : xyz) {
            assertTrue(f.getFileName().toString().endsWith(".xyz"), f + ": conf/data holds extxyz files only");
            int frames = 0;
            try (RecordStream records = new ExtxyzReader().read(InputSplit.whole(f.toString(), "extxyz"), ReadOptions.of("conf-data"))) {
                while (records.hasNext()) {
                    ReadRecord r = records.next();
                    assertTrue(r.isFrame(), f + " frame " + frames + ": " + (r.isFrame() ? "" : r.reject().message()));
                    assertTrue(r.frame().energy() != null && r.frame().forces() != null, f + " frame " + frames + ": unlabelled");
                    frames++;
                }
            }
            assertTrue(frames > 0, f + " has no frames");
        }
    }

    /** Loads over the defaults and parses every job section with the command's own settings parser. */
    private static void jobConf(Path p) {
        Config c = JobConfig.load(p.toString(), List.of());
        String where = p.getFileName().toString();
        try {
            IngestSettings.fromConfig(c, List.of("x"), "out", "", "{}");
            FeaturizeSettings.fromConfig(c, "frames", "out", "", "{}");
            SelectSettings.fromConfig(c, "frames", "out", "", "{}");
            TrainSettings.from(c);
            // the defaults have no initial structure (simulate refuses to run without one): files with a simulate section;
            // a loop file's simulate section is the exploration, whose potentials the loop supplies (its trained models)
            Config own = ConfigFactory.parseFile(p.toFile());
            if (own.hasPath("loop")) {
                new LoopSettings(c);
            } else if (own.hasPath("simulate")) {
                SimulateSettings.fromConfig(c);
            }
            c.getInt("stats.bins");
            c.getStringList("test.datasets");
            c.getStringList("test.splits");
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": " + e.getMessage(), e);
        }
    }

    /** Lines are comments or "spark.key value"; every key is one Spark or Delta declares (core, SQL or Delta's SQL). */
    private static void sparkDefaults(Path p) throws IOException {
        SQLConf.get(); // registers the SQL entries
        org.apache.spark.internal.config.package$.MODULE$.DRIVER_MEMORY(); // registers the core entries
        org.apache.spark.sql.delta.sources.DeltaSQLConf$.MODULE$.DELTA_SNAPSHOT_PARTITIONS(); // registers Delta's entries
        int keys = 0;
        for (String line : Files.readAllLines(p)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] kv = t.split("\\s+", 2);
            assertEquals(2, kv.length, p + ": '" + line + "' is not 'key value'");
            assertTrue(ConfigEntry.findEntry(kv[0]) != null, p + ": neither Spark nor Delta declares the property " + kv[0]);
            keys++;
        }
        assertTrue(keys >= 5, p + ": " + keys + " keys");
    }

    @Test
    void includesOverridesAndUnknownKeys(@TempDir Path dir) throws IOException {
        // include: ingest-md17.conf includes ingest.conf and adds units
        Config md17 = JobConfig.load(CONF.resolve("ingest-md17.conf").toString(), List.of());
        Config base = JobConfig.load(CONF.resolve("ingest.conf").toString(), List.of());
        assertEquals("kcal/mol", md17.getString("ingest.units.energy"));
        assertEquals(base.getDouble("ingest.split.train"), md17.getDouble("ingest.split.train"), 0.0);
        // --set wins over the file, which wins over the defaults
        Config set = JobConfig.load(CONF.resolve("train.conf").toString(), List.of("train.steps=20",
                "model.sel=auto"));
        assertEquals(20, TrainSettings.from(set).schedule().steps());
        assertEquals(1000000, TrainSettings.from(JobConfig.load(CONF.resolve("train.conf").toString(), List.of())).schedule().steps());
        // an unknown key in a file or in --set is an error naming it
        Path bad = Files.writeString(dir.resolve("bad.conf"), "include \"" + CONF.resolve("train.conf") + "\"\n"
                + "train { learning-rate { decay-step = 10 } }\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobConfig.load(bad.toString(), List.of()));
        assertTrue(e.getMessage().contains("train.learning-rate.decay-step"), e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> JobConfig.load(null, List.of("simulate.seed=3")));
        assertTrue(s.getMessage().contains("simulate.seed"), s.getMessage());
        // a wrong value type is caught by the section's parser
        Config wrong = JobConfig.load(null, List.of("model.sel=many"));
        assertThrows(RuntimeException.class, () -> FeaturizeSettings.fromConfig(wrong, "f", "o", "", "{}"));
        assertFalse(md17.hasPath("ingest.nonsense"));
    }
}
