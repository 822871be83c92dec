package org.dpspark.core.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;
import org.dpspark.core.testing.LocalSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing a derived table (descriptors, trajectories, ...) by one Delta commit on a real local Spark: the new
 * rows and the run record land together, the previous version stays readable, field metadata survives, a run that
 * fails while writing leaves the table as it was, and a folder in the layout from before Delta is converted.
 */
class DeltaReplaceTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = LocalSpark.get();

    private static final Metadata NAMES = new MetadataBuilder()
            .putStringArray("feature_names", new String[] {"g2_0", "g2_1"}).build();
    private static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType, false)
            .add("descriptor", DataTypes.createArrayType(DataTypes.DoubleType, false), false, NAMES);

    /** Rows {@code from..to-1}, the descriptor of row i being {i, 2i}. */
    private Dataset<Row> rows(long from, long to) {
        List<Row> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(RowFactory.create(i, List.of((double) i, 2.0 * i)));
        }
        return spark.createDataFrame(out, SCHEMA).repartition(2);
    }

    private List<Long> ids(String table, Long version) {
        return DeltaTables.read(spark, table, version).select("id").orderBy("id").as(Encoders.LONG()).collectAsList();
    }

    @Test
    void eachRunReplacesTheTableInOneCommitWithItsRecord() {
        String table = tmp.resolve("descriptors").toString();
        long v0 = DeltaReplace.replace(spark, rows(0, 10), table, "{\"run_id\":\"a\"}");
        long v1 = DeltaReplace.replace(spark, rows(100, 103), table, "{\"run_id\":\"b\"}");
        assertEquals(0, v0);
        assertEquals(1, v1);
        assertEquals(List.of(100L, 101L, 102L), ids(table, null), "only the last run's rows");
        assertEquals(10, ids(table, v0).size(), "the previous version stays readable");
        assertEquals("{\"run_id\":\"b\"}", TableHistory.latestRunRecord(spark, table));
        assertArrayEquals(new String[] {"g2_0", "g2_1"}, DeltaTables.read(spark, table).schema().apply("descriptor")
                .metadata().getStringArray("feature_names"), "field metadata is kept in the Delta schema");
        assertTrue(Files.notExists(Path.of(table, "_dataset.json")));
    }

    @Test
    void aRunThatFailsWhileWritingLeavesTheTableAsItWas() {
        String table = tmp.resolve("descriptors").toString();
        DeltaReplace.replace(spark, rows(0, 10), table, "{\"run_id\":\"a\"}");
        // An executor failure after some rows were written (row 57 throws): the job aborts before Delta commits.
        UDF1<Long, Long> boom = i -> {
            if (i == 57) {
                throw new IllegalStateException("killed at row 57");
            }
            return i;
        };
        Dataset<Row> failing = spark.createDataFrame(rows(50, 60).withColumn("id",
                udf(boom, DataTypes.LongType).apply(col("id"))).javaRDD(), SCHEMA);
        assertThrows(Exception.class, () -> DeltaReplace.replace(spark, failing, table, "{\"run_id\":\"b\"}"));
        assertEquals(0, DeltaTables.latestVersion(spark, table), "no new version");
        assertEquals(10, ids(table, null).size(), "exactly the rows of before");
        assertEquals("{\"run_id\":\"a\"}", TableHistory.latestRunRecord(spark, table));
    }

    @Test
    void aPlainParquetFolderFromBeforeDeltaIsReadThenConverted() throws IOException {
        String table = tmp.resolve("old").toString();
        rows(0, 7).write().parquet(table);
        Files.writeString(Path.of(table, "_dataset.json"), "{\"counts\":{\"rows\":7}}");
        assertEquals(7, ids(table, null).size(), "read as it is, with a warning");
        long v = DeltaReplace.replace(spark, rows(20, 25), table, "{\"run_id\":\"new\"}");
        assertEquals(1, v, "version 0 is the converted old data");
        assertEquals(List.of(20L, 21L, 22L, 23L, 24L), ids(table, null));
        assertEquals(7, ids(table, 0L).size(), "the old rows stay readable as version 0");
        assertTrue(Files.notExists(Path.of(table, "_dataset.json")), "the sidecar that could disagree is gone");
    }

    @Test
    void aFileInThePlaceOfTheTableIsAOneLineError() throws IOException {
        Path file = Files.writeString(tmp.resolve("descriptors"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeltaReplace.replace(spark, rows(0, 1), file.toString(), "{}"));
        assertEquals("output " + file + " is a file, not a table folder", e.getMessage());
    }
}
