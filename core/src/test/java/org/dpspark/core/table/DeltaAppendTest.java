package org.dpspark.core.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.DataSplit;
import org.dpspark.core.Frame;
import org.dpspark.core.testing.LocalSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Delta commit of the frames table on a real local Spark: re-runs add nothing, concurrent overlapping
 * writers land every distinct frame exactly once, a run that fails inside its commit leaves the table as it
 * was, and earlier versions stay readable.
 */
class DeltaAppendTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = LocalSpark.get();

    /** A distinct two-atom frame per index (its content, hence its id, depends on {@code i}). */
    static Frame frame(int i, String dataset) {
        return Frame.builder().dataset(dataset).sourceFile("synthetic-" + dataset).sourceIndex(i)
                .atomicNumbers(new int[] {8, 1}).typeLabels(new String[] {"O", "H"})
                .positions(new double[] {0, 0, 0, 0, 0, 0.9 + i * 1e-4}).pbc(new boolean[] {false, false, false})
                .energy(-1.0 - i).forces(new double[] {0, 0, 0.1, 0, 0, -0.1}).build();
    }

    /** Stages frames {@code from..to-1} as a Parquet folder, as ingest does; returns its path. */
    private String stage(String name, int from, int to) {
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(FrameRows.toRow(frame(i, "d"), new DataSplit(0.8, 0.1)));
        }
        String path = tmp.resolve("staging").resolve(name).toString();
        spark.createDataFrame(rows, FramesTable.SCHEMA.struct()).repartition(2).write().parquet(path);
        return path;
    }

    private DeltaAppend append(String table) {
        return new DeltaAppend(spark, table, FramesTable.SCHEMA, FramesTable.FRAME_ID,
                List.of(FramesTable.SOURCE_FILE, FramesTable.SOURCE_INDEX));
    }

    private static Set<String> ids(int from, int to) {
        Set<String> out = new TreeSet<>();
        for (int i = from; i < to; i++) {
            out.add(frame(i, "d").id());
        }
        return out;
    }

    private Set<String> tableIds(String table) {
        return new TreeSet<>(DeltaTables.read(spark, table).select(FramesTable.FRAME_ID).as(Encoders.STRING())
                .collectAsList());
    }

    @Test
    void aReRunAddsNothingAndTheRunRecordIsInTheSameCommit() {
        String table = tmp.resolve("frames").toString();
        String staged = stage("a", 0, 50);
        assertEquals(50, append(table).insertNew(staged, "run-1", "{\"run_id\":\"run-1\"}"));
        assertEquals(0, append(table).insertNew(staged, "run-2", "{\"run_id\":\"run-2\"}"));
        assertEquals(50, DeltaTables.read(spark, table).count());
        assertEquals(ids(0, 50), tableIds(table));
        List<TableHistory.Commit> commits = TableHistory.commits(spark, table, null);
        TableHistory.Commit first = commits.stream().filter(c -> "{\"run_id\":\"run-1\"}".equals(c.runRecord()))
                .findFirst().orElseThrow(() -> new AssertionError("no commit records run-1: " + commits));
        assertEquals(50, first.rowsAdded(), first.toString());
        assertEquals(List.of("run-1"), DeltaTables.read(spark, table).select(FramesTable.INGEST_RUN).distinct()
                .as(Encoders.STRING()).collectAsList());
    }

    @Test
    void repeatedIdsWithinARunAreKeptOnce() {
        String table = tmp.resolve("frames").toString();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(FrameRows.toRow(frame(i, "d"), new DataSplit(0.8, 0.1)));
            rows.add(FrameRows.toRow(frame(i, "d").toBuilder().sourceIndex(100 + i).build(), new DataSplit(0.8, 0.1)));
        }
        String staged = tmp.resolve("staging/dup").toString();
        spark.createDataFrame(rows, FramesTable.SCHEMA.struct()).write().parquet(staged);
        assertEquals(10, append(table).insertNew(staged, "run-dup", "{}"));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), DeltaTables.read(spark, table)
                .select(FramesTable.SOURCE_INDEX).orderBy(FramesTable.SOURCE_INDEX).as(Encoders.INT()).collectAsList(),
                "the first occurrence (by source file, index) is kept");
    }

    @Test
    void threeOverlappingConcurrentWritersLandEveryDistinctFrameOnce() throws Exception {
        String table = tmp.resolve("frames").toString();
        // A+B, B+C, C with 400 distinct frames each of A, B, C: 1200 distinct frames in all.
        String ab = stage("ab", 0, 800);
        String bc = stage("bc", 400, 1200);
        String c = stage("c", 800, 1200);
        CyclicBarrier start = new CyclicBarrier(3);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Long>> added = new ArrayList<>();
        String[][] runs = {{ab, "run-ab"}, {bc, "run-bc"}, {c, "run-c"}};
        for (String[] run : runs) {
            Callable<Long> job = () -> {
                start.await();
                return append(table).insertNew(run[0], run[1], "{\"run_id\":\"" + run[1] + "\"}");
            };
            added.add(pool.submit(job));
        }
        long sum = 0;
        for (Future<Long> f : added) {
            sum += f.get();
        }
        pool.shutdown();
        long rows = DeltaTables.read(spark, table).count();
        assertEquals(1200, rows, "rows in the table");
        assertEquals(1200, sum, "rows the three runs say they added");
        assertEquals(ids(0, 1200), tableIds(table), "exactly the distinct frames");
        assertEquals(0, DeltaTables.read(spark, table).groupBy(FramesTable.FRAME_ID).count()
                .filter(col("count").gt(1)).count(), "no id twice");
    }

    @Test
    void aRunThatFailsInsideItsCommitLeavesTheTableAsItWas() throws IOException {
        String table = tmp.resolve("frames").toString();
        assertEquals(30, append(table).insertNew(stage("first", 0, 30), "run-1", "{}"));
        long version = DeltaTables.latestVersion(spark, table);
        String staged = stage("broken", 30, 90);
        // The positions of one staged file are overwritten with garbage (its frame ids and footer intact): the
        // run counts its ids, then its merge fails while it reads the rows and writes the table's new files.
        try (Stream<Path> s = Files.list(Path.of(staged))) {
            Path part = s.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            corruptColumn(part, FramesTable.POSITIONS);
        }
        Exception e = assertThrows(Exception.class, () -> append(table).insertNew(staged, "run-2", "{}"));
        assertTrue(String.valueOf(e.getMessage()).contains("Job aborted") || e.getCause() != null, e.toString());
        assertEquals(version, DeltaTables.latestVersion(spark, table), "no new version");
        assertEquals(ids(0, 30), tableIds(table), "exactly the frames of before");
        assertEquals(0, DeltaTables.read(spark, table).filter(col(FramesTable.INGEST_RUN).equalTo("run-2")).count());
    }

    /** Overwrites the middle of {@code column}'s data in a Parquet file with zeros (footer untouched). */
    private static void corruptColumn(Path file, String column) throws IOException {
        org.apache.parquet.hadoop.metadata.ParquetMetadata footer;
        try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
                org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                        new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration()))) {
            footer = r.getFooter();
        }
        byte[] bytes = Files.readAllBytes(file);
        int hit = 0;
        for (var block : footer.getBlocks()) {
            for (var chunk : block.getColumns()) {
                if (chunk.getPath().toDotString().startsWith(column + ".")) {
                    long start = chunk.getStartingPos();
                    long size = chunk.getTotalSize();
                    java.util.Arrays.fill(bytes, (int) start, (int) (start + size), (byte) 0x7f);
                    hit++;
                }
            }
        }
        assertTrue(hit > 0, "no column " + column + " in " + file);
        Files.write(file, bytes);
    }

    @Test
    void anEarlierVersionIsReadableAndADigestNamesTheFrames() {
        String table = tmp.resolve("frames").toString();
        append(table).insertNew(stage("v1", 0, 20), "run-1", "{}");
        long v1 = DeltaTables.latestVersion(spark, table);
        append(table).insertNew(stage("v2", 20, 35), "run-2", "{}");
        assertEquals(35, DeltaTables.read(spark, table).count());
        assertEquals(20, DeltaTables.read(spark, table, v1).count());
        assertEquals(ids(0, 20), new TreeSet<>(DeltaTables.read(spark, table, v1).select(FramesTable.FRAME_ID)
                .as(Encoders.STRING()).collectAsList()));
        String d1 = FramesTableInfo.frameIdDigest(DeltaTables.read(spark, table, v1));
        assertEquals(d1, FramesTableInfo.frameIdDigest(DeltaTables.read(spark, table, v1).repartition(3)));
        assertNotEquals(d1, FramesTableInfo.frameIdDigest(DeltaTables.read(spark, table)));
        assertEquals(64, d1.length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeltaTables.read(spark, table, 99L));
        assertTrue(e.getMessage().contains("has versions 0.."), e.getMessage());
        assertEquals(List.of("H", "O"), FramesTableInfo.typeMap(DeltaTables.read(spark, table)));
    }

    @Test
    void aPlainParquetTableFromBeforeDeltaIsReadThenConvertedByTheNextAppend() throws IOException {
        String table = tmp.resolve("old").toString();
        // Today's layout before Delta: run folders ingest_run=<id>/ and a _dataset.json sidecar.
        spark.read().parquet(stage("old", 0, 25)).withColumn(FramesTable.INGEST_RUN, lit("old-run"))
                .write().partitionBy(FramesTable.INGEST_RUN).parquet(table);
        Files.writeString(Path.of(table, "_dataset.json"), "{\"counts\":{\"frames\":80}}");
        assertTrue(DeltaTables.isPlainParquet(spark, table));
        assertEquals(ids(0, 25), tableIds(table), "read as it is");
        assertThrows(IllegalArgumentException.class, () -> DeltaTables.read(spark, table, 0L), "no versions");

        assertEquals(15, append(table).insertNew(stage("new", 20, 40), "run-new", "{}"));
        assertTrue(DeltaTables.isDelta(spark, table), "converted in place");
        assertEquals(ids(0, 40), tableIds(table), "old frames kept, new ones added once");
        assertTrue(Files.notExists(Path.of(table, "_dataset.json")), "the stale sidecar is gone");
    }

    @Test
    void aPathThatIsNoTableIsAOneLineError() throws IOException {
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeltaTables.read(spark, file.toString()));
        assertEquals(file + " is a file, not a table folder", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeltaTables.read(spark, tmp.resolve("none").toString()));
        assertTrue(e.getMessage().startsWith("no table at "), e.getMessage());
    }

    @Test
    void aTableWhoseFirstCommitNeverLandedIsNoTableAndTheNextRunCreatesIt() throws IOException {
        // What a run killed while creating the table leaves: a log folder without a commit, and data files.
        Path table = tmp.resolve("killed");
        Files.createDirectories(table.resolve(DeltaTables.LOG_FOLDER));
        Files.createDirectories(table.resolve("ingest_run=dead"));
        Files.writeString(table.resolve("ingest_run=dead").resolve("part-00000.parquet"), "half a file");
        assertTrue(!DeltaTables.isDelta(spark, table.toString()), "no committed version");
        assertTrue(!DeltaTables.isPlainParquet(spark, table.toString()), "the files belong to Delta, not an old table");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeltaTables.read(spark, table.toString()));
        assertTrue(e.getMessage().contains("no committed version"), e.getMessage());
        assertEquals(20, append(table.toString()).insertNew(stage("after-kill", 0, 20), "run-2", "{}"));
        assertEquals(ids(0, 20), tableIds(table.toString()), "only the new run's frames, not the dead run's file");
    }
}
