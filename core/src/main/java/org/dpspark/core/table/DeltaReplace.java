package org.dpspark.core.table;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.TableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit protocol of a table that each run replaces as a whole (featurize's descriptors and environments,
 * simulate's trajectories and summary): the new rows become the table's next version in <em>one</em> Delta
 * commit ({@code mode("overwrite")}, the schema replaced too), and the run's record (run id, command line,
 * configuration, what the old {@code _dataset.json} held) travels in the same commit as its {@code userMetadata}
 * (read back with {@link TableHistory#latestRunRecord}). A run killed before the commit leaves only unreferenced
 * Parquet files that no Delta reader sees; the table keeps its previous version, and earlier versions stay readable
 * ({@link DeltaTables#read(SparkSession, String, Long)}).
 *
 * <p>Migration: a folder in the plain-Parquet layout from before Delta ({@code part-*.parquet} and a
 * {@code _dataset.json}) is converted in place (its data becomes version 0, the sidecar is removed), with a
 * warning, and then replaced.
 */
public final class DeltaReplace {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaReplace.class);

    private DeltaReplace() {}

    /**
     * Replaces the table at {@code table} by {@code rows} in one commit recording {@code runRecord}.
     *
     * @param table     table folder (qualified path)
     * @param runRecord the run's record (JSON), stored as the commit's {@code userMetadata}
     * @return the version committed
     * @throws IllegalArgumentException (one line) when {@code table} is a file
     */
    public static long replace(SparkSession spark, Dataset<Row> rows, String table, String runRecord) {
        TableFiles files = new TableFiles(spark.sparkContext().hadoopConfiguration());
        if (files.exists(table) && !files.isDirectory(table)) {
            throw new IllegalArgumentException("output " + table + " is a file, not a table folder");
        }
        if (DeltaTables.isPlainParquet(spark, table)) {
            LOG.warn("{} is a plain-Parquet table from before Delta: converting it to Delta in place (its data becomes"
                    + " version 0), then replacing it", table);
            DeltaTable.convertToDelta(spark, "parquet.`" + table + "`");
            files.delete(table + "/" + DatasetSidecar.FILE_NAME);
        }
        rows.write().format("delta").mode("overwrite").option("overwriteSchema", "true")
                .option("userMetadata", runRecord).save(table);
        return DeltaTables.latestVersion(spark, table);
    }
}
