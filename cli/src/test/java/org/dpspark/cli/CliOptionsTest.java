package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import org.dpspark.core.JobConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Command-line values become typed configuration values: whatever a user types (quotes, commas, HOCON syntax) lands in
 * its own key and sets no other (the options were once pasted into HOCON text).
 */
class CliOptionsTest {
    @TempDir Path dir;

    /** A value that, pasted into {@code key="<value>"}, would close the string and set ingest.split-frames. */
    private static final String HOSTILE = "x\", ingest.split-frames=-1, ingest.format=\"garbage";

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void ingestOptionsSetOnlyTheirOwnKeys() {
        Config defaults = JobConfig.defaults();
        Config c = parse(new IngestCommand(), "-i", "in", "-o", "out", "--dataset", HOSTILE, "--type-map",
                "O,H\"]\ningest.split-frames=0 #").config();
        assertEquals(HOSTILE, c.getString("ingest.dataset"));
        assertEquals(List.of("O", "H\"]\ningest.split-frames=0 #"), c.getStringList("ingest.type-map"));
        assertEquals(defaults.getInt("ingest.split-frames"), c.getInt("ingest.split-frames"));
        assertEquals(defaults.getString("ingest.format"), c.getString("ingest.format"));
    }

    @Test
    void aHostileUnitsValueStaysInsideTheUnitsMap() {
        // --units splits at commas (energy=kcal/mol,force=kcal/mol/A): every piece is one key of ingest.units
        Config c = parse(new IngestCommand(), "-i", "in", "-o", "out", "--units",
                "energy\"=\"eV\", ingest.split-frames=-1, x.y=kcal/mol").config();
        assertEquals(JobConfig.defaults().getInt("ingest.split-frames"), c.getInt("ingest.split-frames"));
        assertEquals(java.util.Set.of("energy\"", "ingest.split-frames", "x.y"),
                c.getObject("ingest.units").keySet());
        assertEquals("\"eV\"", c.getObject("ingest.units").get("energy\"").unwrapped());
    }

    @Test
    void featurizeAndSelectOptionsAreTyped() {
        Config f = parse(new FeaturizeCommand(), "--frames", "t", "-o", "o", "--sel", "46,92", "--type-map", "O,H",
                "--environments").config();
        assertEquals(List.of(46, 92), f.getIntList("model.sel"));
        assertEquals(List.of("O", "H"), f.getStringList("model.type-map"));
        assertTrue(f.getBoolean("featurize.environments"));
        assertEquals("auto:1.2", parse(new FeaturizeCommand(), "--frames", "t", "-o", "o", "--sel", "auto:1.2").config()
                .getString("model.sel"));
        Config s = parse(new SelectCommand(), "--frames", "t", "-o", "o", "--method", HOSTILE, "-n", "7").config();
        assertEquals(HOSTILE, s.getString("select.method"));
        assertEquals(7, s.getInt("select.count"));
        assertEquals(JobConfig.defaults().getLong("select.seed"), s.getLong("select.seed"));
    }

    @Test
    void optionsWinOverSet() {
        Config c = parse(new IngestCommand(), "-i", "in", "-o", "out", "--set", "ingest.dataset=fromset", "--dataset",
                "fromoption").config();
        assertEquals("fromoption", c.getString("ingest.dataset"));
    }
}
