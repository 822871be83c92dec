package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.dpspark.core.table.FramesTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way back: read → export → read gives the same frames. Frame ids are content hashes of every array,
 * so equal id sets mean bitwise-equal positions, cells, energies, forces, virials and labels.
 */
class ExportIT {
    private final SparkSession spark = LocalSpark.get();

    private Set<String> ids(Path table) {
        return new TreeSet<>(spark.read().parquet(table.toString()).select(FramesTable.FRAME_ID)
                .as(Encoders.STRING()).collectAsList());
    }

    @Test
    void deepmdAndExtxyzExportsReadBackToTheSameFrames(@TempDir Path tmp) {
        Path table = tmp.resolve("frames");
        Cli.run("ingest", "-i", SharedData.path("deepmd/water-virial").toString(),
                SharedData.path("deepmd/nopbc-CHO/C4H3O1").toString(), SharedData.path("deepmd/Be-multiset").toString(),
                SharedData.path("extxyz/xyz_unittest.xyz").toString(), "--type-map", "Be", "-o", table.toString());
        Set<String> original = ids(table);
        assertEquals(30 + 15 + 300 + 3, original.size());

        for (String format : List.of("deepmd/npy", "extxyz")) {
            Path out = tmp.resolve(format.replace('/', '_'));
            String printed = Cli.run("export", "--frames", table.toString(), "--format", format, "-o", out.toString());
            assertTrue(printed.contains("exported " + original.size() + " frames"), printed);
            assertTrue(Files.exists(out.resolve("_dataset.json")));
            Path back = tmp.resolve("back_" + format.replace('/', '_'));
            Cli.run("ingest", "-i", out.toString(), "-o", back.toString());
            assertEquals(original, ids(back), format + " round trip changes no number and no label");
            String again = Cli.run("ingest", "-i", out.toString(), "-o", table.toString());
            assertTrue(again.contains("frames written: 0"), "exported frames are the table's own: " + again);
        }
    }

    @Test
    void exportOfOneSplitWritesOnlyThatSplit(@TempDir Path tmp) {
        Path table = tmp.resolve("frames");
        Cli.run("ingest", "-i", SharedData.path("deepmd/water/data_1").toString(), "-o", table.toString());
        long test = spark.read().parquet(table.toString()).filter("split = 'test'").count();
        Path out = tmp.resolve("test-split");
        String printed = Cli.run("export", "--frames", table.toString(), "--format", "deepmd/npy", "--split", "test",
                "-o", out.toString());
        assertTrue(printed.contains("exported " + test + " frames"), printed);
        String err = Cli.fail("export", "--frames", table.toString(), "--format", "deepmd/npy", "-o", out.toString());
        assertTrue(err.contains("not empty"), err);
    }
}
