package org.dpspark.core.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.dpspark.core.TableFiles;

/**
 * Commit protocol of a table made of run folders {@code <table>/ingest_run=<id>}: a run writes into
 * {@code <table>/_staging/<id>/} (hidden from readers by the underscore), removes rows whose key is already
 * in the table or repeated within the run, and publishes its folder with one rename. A run killed before
 * the rename leaves nothing visible; the next run clears the stale staging folder. Because keys are
 * content-derived, re-running the same input adds nothing, and a run that was killed is simply re-run.
 */
public final class TableCommit {
    /** Prefix of run folders (a Hive-style partition column). */
    public static final String RUN_PREFIX = FramesTable.INGEST_RUN + "=";
    private static final String STAGING = "_staging";

    private final SparkSession spark;
    private final TableFiles files;
    private final String table;
    private final String runId;

    public TableCommit(SparkSession spark, String table, String runId) {
        this.spark = spark;
        this.files = new TableFiles(spark.sparkContext().hadoopConfiguration());
        this.table = table;
        this.runId = runId;
    }

    /** Deletes staging folders of earlier runs that never committed; returns their names. */
    public List<String> clearStaleStaging() {
        List<String> stale = files.children(table + "/" + STAGING);
        files.delete(table + "/" + STAGING);
        return stale;
    }

    /** Where this run writes before committing. */
    public String stagingPath(String name) {
        return table + "/" + STAGING + "/" + runId + "/" + name;
    }

    /** Whether the table has any committed run. */
    public boolean hasCommittedRuns() {
        return files.children(table).stream().anyMatch(n -> n.startsWith(RUN_PREFIX));
    }

    /**
     * Keeps one row per {@code key} among the staged rows (the first by {@code orderColumns}) that is not
     * yet in the table, and publishes them as this run's folder.
     *
     * @return rows published
     */
    public long publish(String staged, String key, List<String> orderColumns) {
        Dataset<Row> rows = spark.read().parquet(staged);
        // Rows and distinct keys in one pass over the key column.
        Row counts = rows.agg(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
                org.apache.spark.sql.functions.countDistinct(col(key))).first();
        long n = counts.getLong(0);
        Dataset<Row> keys = rows.select(key);
        boolean existing = hasCommittedRuns();
        boolean repeated = counts.getLong(1) < n;
        boolean known = existing && keys.join(spark.read().parquet(table).select(key), key).count() > 0;
        String toPublish = staged;
        long kept = n;
        if (repeated || known) {
            Dataset<Row> unique = rows;
            if (repeated) {
                WindowSpec w = Window.partitionBy(key).orderBy(orderColumns.stream().map(c -> col(c)).toArray(
                        org.apache.spark.sql.Column[]::new));
                unique = rows.withColumn("_rank", row_number().over(w)).filter(col("_rank").equalTo(1)).drop("_rank");
            }
            if (known) {
                Dataset<Row> present = spark.read().parquet(table).select(col(key).as("_present"));
                unique = unique.join(present, col(key).equalTo(col("_present")), "left_anti");
            }
            toPublish = staged + "-unique";
            unique.write().parquet(toPublish);
            kept = spark.read().parquet(toPublish).count();
        }
        if (kept > 0) {
            files.rename(toPublish, table + "/" + RUN_PREFIX + runId);
        }
        return kept;
    }

    /** Removes this run's staging folder. */
    public void cleanUp() {
        files.delete(table + "/" + STAGING + "/" + runId);
        if (files.children(table + "/" + STAGING).isEmpty()) {
            files.delete(table + "/" + STAGING);
        }
    }

    /** The published folder of this run. */
    public String runFolder() {
        return table + "/" + RUN_PREFIX + runId;
    }

    public TableFiles files() {
        return files;
    }
}
