package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.table.RejectsTable;
import org.dpspark.core.table.TableHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest job through the command line on a local Spark, on the real data of ../shared/data. */
class IngestIT {
    private final SparkSession spark = LocalSpark.get();

    private Map<String, Long> framesPerDataset(Path table) {
        Map<String, Long> m = new TreeMap<>();
        DeltaTables.read(spark, table.toString()).groupBy(FramesTable.DATASET).count().collectAsList()
                .forEach(r -> m.put(r.getString(0), r.getLong(1)));
        return m;
    }

    @Test
    void deepmdWaterIngestsEveryFrameOnceAndReRunsAddNothing(@TempDir Path tmp) {
        Path table = tmp.resolve("frames");
        String water = SharedData.path("deepmd/water").toString();
        String out = Cli.run("ingest", "-i", water, "-o", table.toString());
        assertTrue(out.contains("frames written"), out);
        Map<String, Long> first = framesPerDataset(table);
        long total = first.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(4, first.size(), first.toString());
        Dataset<Row> t = DeltaTables.read(spark, table.toString());
        assertEquals(total, t.select(FramesTable.FRAME_ID).distinct().count(), "ids are unique");
        assertEquals(192, t.select(FramesTable.NATOMS).distinct().first().getInt(0));
        assertEquals("H128O64", t.select(FramesTable.FORMULA).distinct().first().getString(0));

        String again = Cli.run("ingest", "-i", water, "-o", table.toString());
        assertTrue(again.contains("frames written: 0"), again);
        assertEquals(first, framesPerDataset(table), "re-run neither loses nor duplicates");
        List<String> runs = DeltaTables.read(spark, table.toString()).select(FramesTable.INGEST_RUN).distinct()
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(1, runs.size(), "a run that adds nothing adds no row");

        String vasp = SharedData.path("vasp/OUTCAR.h2o.md").toString();
        Cli.run("ingest", "-i", vasp, "-o", table.toString());
        Map<String, Long> appended = framesPerDataset(table);
        assertEquals(first.size() + 1, appended.size());
        assertEquals(3L, appended.get("OUTCAR.h2o.md"), "appending adds exactly the new dataset's frames");
        assertTrue(Files.isDirectory(table.resolve("_delta_log")), "a Delta table");
        assertFalse(Files.exists(table.resolve("_dataset.json")), "no sidecar that could disagree with the table");
        assertFalse(Files.exists(table.resolve("_staging")), "staging is cleaned up");
        List<TableHistory.Commit> commits = TableHistory.commits(spark, table.toString(), null).stream()
                .filter(c -> c.runRecord() != null).toList();
        assertEquals(List.of(total, 3L), commits.stream().map(TableHistory.Commit::rowsAdded).toList(),
                "each run that adds rows commits them with its record (the re-run changed nothing): " + commits);
        assertTrue(commits.get(1).runRecord().contains("OUTCAR.h2o.md"), commits.get(1).runRecord());
    }

    @Test
    void badInputsEndInRejectsAndGoodFramesSurvive(@TempDir Path tmp) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        List<String> xyz = Files.readAllLines(SharedData.path("extxyz/xyz_unittest.xyz"));
        Files.write(in.resolve("good.xyz"), xyz);
        Files.write(in.resolve("truncated.xyz"), xyz.subList(0, xyz.size() - 3));
        Files.writeString(in.resolve("empty.xyz"), "");
        List<String> nan = new java.util.ArrayList<>(xyz);
        nan.set(2, nan.get(2).replaceFirst("(\\S+)$", "NaN"));
        Files.write(in.resolve("nan.xyz"), nan);
        Files.write(in.resolve("garbage.bin"), new byte[] {0x13, 0x37, 0x00, (byte) 0xff, 0x42});
        Path table = tmp.resolve("frames");
        String out = Cli.run("ingest", "-i", in.resolve("good.xyz").toString(), in.resolve("truncated.xyz").toString(),
                in.resolve("empty.xyz").toString(), in.resolve("nan.xyz").toString(),
                in.resolve("garbage.bin").toString(), "-o", table.toString());
        // The good frames of the damaged copies are the good file's own frames: same content, same ids, kept once.
        assertTrue(out.contains("frames written: 3 (read 7, duplicates skipped 4)"), out);
        assertEquals(Map.of("good.xyz", 3L), framesPerDataset(table));
        Path truncatedOnly = tmp.resolve("truncated-only");
        Cli.run("ingest", "-i", in.resolve("truncated.xyz").toString(), "-o", truncatedOnly.toString());
        assertEquals(Map.of("truncated.xyz", 2L), framesPerDataset(truncatedOnly),
                "the two complete frames before the damage are kept");
        Path nanOnly = tmp.resolve("nan-only");
        Cli.run("ingest", "-i", in.resolve("nan.xyz").toString(), "-o", nanOnly.toString());
        assertEquals(2L, DeltaTables.read(spark, nanOnly.toString()).filter("source_index > 0").count(),
                "the frames after the NaN frame are kept");
        Dataset<Row> rejects = DeltaTables.read(spark, table.resolve(RejectsTable.FOLDER).toString());
        Map<String, Long> byReason = new TreeMap<>();
        rejects.groupBy(RejectsTable.REASON).count().collectAsList().forEach(r -> byReason.put(r.getString(0), r.getLong(1)));
        assertEquals(Map.of("empty_file", 1L, "nan_or_inf", 1L, "parse_error", 1L, "unrecognized_format", 1L), byReason,
                out);
        Row nanReject = rejects.filter(rejects.col(RejectsTable.REASON).equalTo("nan_or_inf")).first();
        assertTrue(nanReject.getString(nanReject.fieldIndex(RejectsTable.SOURCE_FILE)).endsWith("nan.xyz"));
        assertEquals(0, nanReject.getInt(nanReject.fieldIndex(RejectsTable.SOURCE_INDEX)));

        Cli.run("ingest", "-i", in.resolve("nan.xyz").toString(), in.resolve("empty.xyz").toString(),
                "-o", table.toString());
        assertEquals(4, DeltaTables.read(spark, table.resolve(RejectsTable.FOLDER).toString()).count(),
                "a re-run adds no duplicate rejects");
    }
}
