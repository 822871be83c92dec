package org.dpspark.core.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.PhaseTimes;
import org.dpspark.core.TableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit protocol of an append-only Delta table keyed by a content id (frames: {@code frame_id}, rejects:
 * {@code reject_id}): a run's staged rows are added in <em>one</em> Delta commit by a {@code MERGE ... WHEN NOT
 * MATCHED THEN INSERT}, so only keys not yet in the table are added, and the run's record (command line,
 * configuration, sources) travels in the same commit as Delta's {@code userMetadata}.
 *
 * <p>Concurrency: two runs merging at once both read the whole key column, so Delta's optimistic concurrency
 * control lets the first commit and fails the second with a {@link DeltaConcurrentModificationException}; the
 * second is then retried against the new version (where the first run's keys are already present), up to
 * {@value #MAX_ATTEMPTS} times, and otherwise fails with a one-line conflict error having committed nothing.
 * A killed run never reaches its commit and leaves only its staging folder, which no reader sees.
 *
 * <p>Rows go into the partition {@code ingest_run=<run id>}, as in the plain-Parquet layout before Delta,
 * which an append converts in place on first contact.
 */
public final class DeltaAppend {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaAppend.class);
    /** Attempts of one commit against concurrent writers before giving up. */
    public static final int MAX_ATTEMPTS = 20;
    /** Spark setting whose value Delta records as the commit's {@code userMetadata}. */
    static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    private final SparkSession spark;
    private final String table;
    private final StructType schema;
    private final String key;
    private final List<String> order;

    /**
     * @param table  table folder (qualified path)
     * @param schema columns of the rows (without the {@code ingest_run} partition column)
     * @param key    content-id column: a key already in the table is never added again
     * @param order  columns choosing the row kept among staged rows with the same key (the first)
     */
    public DeltaAppend(SparkSession spark, String table, TableSchema schema, String key, List<String> order) {
        this.spark = spark;
        this.table = table;
        this.schema = schema.struct().add(FramesTable.INGEST_RUN, DataTypes.StringType, false);
        this.key = key;
        this.order = List.copyOf(order);
    }

    /** The table folder. */
    public String table() {
        return table;
    }

    /** Creates the table (version 0, empty) when it does not exist, or converts a plain-Parquet one in place. */
    public void ensureTable() {
        for (int attempt = 1; !DeltaTables.isDelta(spark, table); attempt++) {
            try {
                if (DeltaTables.isPlainParquet(spark, table)) {
                    LOG.warn("{} is a plain-Parquet table from before Delta: converting it to Delta in place", table);
                    DeltaTable.convertToDelta(spark, "parquet.`" + table + "`", FramesTable.INGEST_RUN + " STRING");
                    new TableFiles(spark.sparkContext().hadoopConfiguration())
                            .delete(table + "/" + DatasetSidecar.FILE_NAME);
                } else {
                    spark.createDataFrame(List.of(), schema).write().format("delta")
                            .partitionBy(FramesTable.INGEST_RUN).mode("append").save(table);
                }
            } catch (DeltaConcurrentModificationException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException("cannot create table " + table + ": " + MAX_ATTEMPTS
                            + " attempts lost to concurrent writers (" + e.getClass().getSimpleName() + ")");
                }
                backOff(attempt, "create " + table, e);
            }
        }
    }

    /**
     * Adds the rows of the Parquet folder {@code staged} whose key is not in the table, as rows of run
     * {@code runId}, in one commit that records {@code runRecord}.
     *
     * @return rows added
     * @throws IllegalStateException (one line) when concurrent writers won every attempt; nothing was added
     */
    public long insertNew(String staged, String runId, String runRecord) {
        PhaseTimes times = new PhaseTimes();
        SparkSession tx = spark.newSession();
        tx.conf().set(USER_METADATA, runRecord);
        // The staged files are written once and never changed: Delta need not copy the merge's source first.
        tx.conf().set("spark.databricks.delta.merge.materializeSource", "none");
        Dataset<Row> rows = tx.read().parquet(staged);
        Row counts = rows.agg(org.apache.spark.sql.functions.count(lit(1)),
                org.apache.spark.sql.functions.countDistinct(col(key))).first();
        if (counts.getLong(1) < counts.getLong(0)) {
            rows = rows.withColumn("_rank", row_number().over(Window.partitionBy(key)
                            .orderBy(order.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))))
                    .filter(col("_rank").equalTo(1)).drop("_rank");
        }
        times.mark("key count");
        Dataset<Row> source = rows.withColumn(FramesTable.INGEST_RUN, lit(runId));
        if (createWith(tx, source)) {
            times.mark("create with the rows");
            LOG.info("commit of run {} to {} (new table): {}", runId, table, times);
            return counts.getLong(1);
        }
        ensureTable();
        times.mark("create/convert");
        for (int attempt = 1; ; attempt++) {
            try {
                DeltaTable.forPath(tx, table).as("t")
                        .merge(source.as("s"), col("t." + key).equalTo(col("s." + key)))
                        .whenNotMatched().insertAll()
                        .execute();
                break;
            } catch (DeltaConcurrentModificationException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException("table " + table + ": " + MAX_ATTEMPTS + " commits of run " + runId
                            + " lost to concurrent writers (" + e.getClass().getSimpleName() + "); nothing of this run"
                            + " was committed: run it again");
                }
                backOff(attempt, "commit run " + runId + " to " + table, e);
            }
        }
        times.mark("merge");
        long added = DeltaTables.read(tx, table).filter(col(FramesTable.INGEST_RUN).equalTo(runId)).count();
        times.mark("count added");
        LOG.info("commit of run {} to {}: {}", runId, table, times);
        return added;
    }

    /**
     * When no table exists yet, creates it with the rows as its first version (nothing to merge against: one write,
     * no empty version and no join). Returns false, having committed nothing, when a table exists, or when a
     * concurrent writer created it first (Delta lets one creator of version 0 win; the others fail and merge).
     */
    private boolean createWith(SparkSession tx, Dataset<Row> source) {
        if (DeltaTables.isDelta(tx, table) || DeltaTables.isPlainParquet(tx, table)) {
            return false;
        }
        try {
            // the declared column order and types (Delta records every column of a DataFrame write as nullable)
            tx.createDataFrame(source.javaRDD(), schema).write().format("delta").partitionBy(FramesTable.INGEST_RUN)
                    .mode(SaveMode.ErrorIfExists).save(table);
            return true;
        } catch (Exception e) {
            if (e instanceof DeltaConcurrentModificationException || (e instanceof AnalysisException
                    && DeltaTables.isDelta(tx, table))) {
                LOG.info("{}: created by a concurrent writer first ({}); merging into it", table,
                        e.getClass().getSimpleName());
                return false;
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot create " + table, e);
        }
    }

    private static void backOff(int attempt, String what, RuntimeException e) {
        long ms = ThreadLocalRandom.current().nextLong(50, 250) * Math.min(attempt, 8);
        LOG.info("{}: a concurrent writer committed first ({}); retrying in {} ms (attempt {})", what,
                e.getClass().getSimpleName(), ms, attempt + 1);
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying " + what, ie);
        }
    }
}
