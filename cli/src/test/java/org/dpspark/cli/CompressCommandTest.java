package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.ModelDirectory;
import org.dpspark.model.compress.Compression;
import org.dpspark.model.eval.BatchedDeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.simulate.dp.DeepPotCalculators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpspark compress} on DeePMD-kit's deeppot_sea: the directory is artifact version 2, records the settings and
 * bounds, and loads back to the same tables (bitwise) and the same compressed predictions; the java execution runs
 * the tables, java-reference refuses the compressed model by name; export-model says it writes the uncompressed nets.
 */
class CompressCommandTest {

    @Test
    void compressesLoadsAndRunsTheTables(@TempDir Path tmp) throws Exception {
        Path yaml = SharedData.path("deepmd-models/deeppot_sea.yaml");
        Path dir = tmp.resolve("compressed");
        assertTrue(Cli.fail("compress", "--model", yaml.toString(), "-o", dir.toString()).contains("--frames <training frames table>"),
                "the missing training-data distance is named");
        String out = Cli.run("compress", "--model", yaml.toString(), "-o", dir.toString(), "--min-nbor-dist", "0.9",
                "--check-frequency", "10");
        assertTrue(out.contains("net 1: s̃ in [-1, 9] by 0.01, then to 45.00 by 0.1"), out);
        String meta = Files.readString(dir.resolve(ModelDirectory.META_FILE));
        assertTrue(meta.contains("\"artifact_version\" : 2") && meta.contains("\"compressed\" : true"), meta);
        assertTrue(meta.contains("\"min_nbor_dist\" : 0.9") && meta.contains("\"check_frequency\" : 10"), meta);

        DeepPotModel plain = DeepPotModel.importDeepmd(yaml);
        DeepPotModel loaded = DeepPotModel.read(dir);
        Compression fresh = Compression.build(plain.seA(), 0.9, 0.01, 5, 10);
        assertTrue(loaded.compressed());
        assertEquals(10, loaded.compression().checkFrequency());
        for (int k = 0; k < fresh.tables().size(); k++) {
            assertEquals(fresh.tables().get(k).grid(), loaded.compression().tables().get(k).grid());
            assertArrayEquals(fresh.tables().get(k).coef(), loaded.compression().tables().get(k).coef(), 0.0,
                    "table " + k + " written and read bitwise");
        }
        double[] pos = {1, 1, 1, 1.9, 1.5, 1, 0.4, 1.7, 1.2, 5, 5, 5, 5.8, 5.5, 5.1, 4.3, 5.6, 5.4};
        int[] types = {0, 1, 1, 0, 1, 1};
        double[] cell = {10, 0, 0, 0, 10, 0, 0, 0, 10};
        var calc = DeepPotCalculators.create("java", loaded);
        assertTrue(calc instanceof BatchedDeepPotEvaluator);
        DeepPotResult a = calc.evaluate(pos, cell, types);
        DeepPotResult b = new BatchedDeepPotEvaluator(plain.withCompression(fresh)).evaluate(pos, cell, types);
        assertEquals(BatchedDeepPotEvaluator.MODE_COMPRESSED, a.executionMode());
        assertEquals(b.energy(), a.energy(), 0.0);
        assertArrayEquals(b.forces(), a.forces(), 0.0);
        var ex = assertThrows(IllegalArgumentException.class, () -> DeepPotCalculators.create("java-reference", loaded));
        assertTrue(ex.getMessage().contains("compressed model does not run with execution java-reference"), ex.getMessage());
        assertTrue(Cli.fail("compress", "--model", dir.toString(), "-o", tmp.resolve("again").toString(),
                "--min-nbor-dist", "0.9").contains("already compressed"));

        StringWriter o = new StringWriter(), err = new StringWriter();
        Path exported = tmp.resolve("exported.yaml");
        assertEquals(0, Main.execute(new PrintWriter(o, true), new PrintWriter(err, true), "export-model", "--model",
                dir.toString(), "--to", exported.toString()));
        assertTrue(err.toString().contains("uncompressed embedding nets"), err.toString());
        DeepPotModel back = DeepPotModel.importDeepmd(exported);
        assertFalse(back.compressed());
        assertEquals(new BatchedDeepPotEvaluator(plain).evaluate(pos, cell, types).energy(),
                new BatchedDeepPotEvaluator(back).evaluate(pos, cell, types).energy(), 0.0, "the nets exported unchanged");
    }
}
