package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.dpspark.core.table.DeltaTables;
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
        return new TreeSet<>(DeltaTables.read(spark, table.toString()).select(FramesTable.FRAME_ID)
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
    void aHostileTypeLabelIsARejectAndNothingIsWrittenOutsideTheExportFolder(@TempDir Path tmp) throws IOException {
        String frame = "2\nenergy=-1.5 Lattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3:forces:R:3\n"
                + "%s 0 0 0 0.1 0 0\nSi 1.2 0 0 -0.1 0 0\n";
        Path xyz = Files.createDirectories(tmp.resolve("in")).resolve("hostile.xyz");
        Files.writeString(xyz, String.format(frame, "Si") + String.format(frame, "Si/../../../../ESC"));
        Path table = tmp.resolve("frames");
        String printed = Cli.run("ingest", "-i", xyz.toString(), "-o", table.toString());
        assertTrue(printed.contains("frames written: 1 "), printed);
        Row reject = DeltaTables.read(spark, table.resolve("_rejects").toString()).first();
        assertEquals("unknown_element", reject.getString(reject.fieldIndex("reason")));
        assertEquals(1, reject.getInt(reject.fieldIndex("source_index")));
        assertTrue(reject.getString(reject.fieldIndex("message")).contains("'Si/../../../../ESC'"), reject.toString());

        Path out = tmp.resolve("a/b/c/d/out");
        Cli.run("export", "--frames", table.toString(), "--format", "deepmd/npy", "-o", out.toString());
        try (Stream<Path> all = Files.walk(tmp)) {
            List<Path> escaped = all.filter(p -> p.getFileName().toString().contains("ESC")).toList();
            assertEquals(List.of(), escaped, "nothing named after the hostile label anywhere");
        }
        try (Stream<Path> all = Files.walk(tmp.resolve("a"))) {
            assertTrue(all.filter(Files::isRegularFile).allMatch(p -> p.startsWith(out)), "every file inside -o");
        }
    }

    @Test
    void anEarlierVersionExportsAndCountsAsItWas(@TempDir Path tmp) {
        Path table = tmp.resolve("frames");
        Cli.run("ingest", "-i", SharedData.path("vasp/OUTCAR.h2o.md").toString(), "-o", table.toString());
        long v1 = DeltaTables.latestVersion(spark, table.toString());
        Set<String> before = ids(table);
        Cli.run("ingest", "-i", SharedData.path("extxyz/xyz_unittest.xyz").toString(), "-o", table.toString());
        assertEquals(3 + 3, ids(table).size());
        String stats = Cli.run("stats", table.toString(), "--version", Long.toString(v1),
                "--plots", tmp.resolve("plots").toString());
        assertTrue(stats.contains("table version " + v1), stats);
        assertTrue(stats.lines().anyMatch(l -> l.matches("total\\s+3\\s+18")), stats);
        Path out = tmp.resolve("v1");
        String printed = Cli.run("export", "--frames", table.toString(), "--version", Long.toString(v1),
                "--format", "extxyz", "-o", out.toString());
        assertTrue(printed.contains("exported 3 frames"), printed);
        Path back = tmp.resolve("back");
        Cli.run("ingest", "-i", out.toString(), "-o", back.toString());
        assertEquals(before, ids(back), "version " + v1 + " is the table before the second ingest");
    }

    @Test
    void exportOfOneSplitWritesOnlyThatSplit(@TempDir Path tmp) {
        Path table = tmp.resolve("frames");
        Cli.run("ingest", "-i", SharedData.path("deepmd/water/data_1").toString(), "-o", table.toString());
        long test = DeltaTables.read(spark, table.toString()).filter("split = 'test'").count();
        Path out = tmp.resolve("test-split");
        String printed = Cli.run("export", "--frames", table.toString(), "--format", "deepmd/npy", "--split", "test",
                "-o", out.toString());
        assertTrue(printed.contains("exported " + test + " frames"), printed);
        String err = Cli.fail("export", "--frames", table.toString(), "--format", "deepmd/npy", "-o", out.toString());
        assertTrue(err.contains("not empty"), err);
    }
}
