package org.dpspark.core.table;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.TableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading the project's Delta Lake tables (frames, rejects): the current version or an earlier one (time
 * travel), and which version is current. A folder in the layout from before Delta (plain Parquet in
 * {@code ingest_run=<id>} folders) is still read, with a warning; the next ingest into it converts it.
 * Anything else is a one-line error naming the path.
 */
public final class DeltaTables {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaTables.class);
    /** The folder of Delta's transaction log inside a table. */
    public static final String LOG_FOLDER = "_delta_log";

    private DeltaTables() {}

    /**
     * Whether {@code path} holds a Delta table: its transaction log has a committed version. A log folder without
     * one is what a run killed while creating the table leaves: no table yet (its data files are invisible).
     */
    public static boolean isDelta(SparkSession spark, String path) {
        return files(spark).children(path + "/" + LOG_FOLDER).stream()
                .anyMatch(n -> n.matches("\\d{20}\\.json") || n.contains(".checkpoint."));
    }

    /**
     * Whether {@code path} is a table in the plain-Parquet layout from before Delta (Parquet files or run folders,
     * and no Delta log folder at all: files beside a log belong to Delta commits, landed or not).
     */
    public static boolean isPlainParquet(SparkSession spark, String path) {
        TableFiles f = files(spark);
        return !f.exists(path + "/" + LOG_FOLDER) && f.children(path).stream()
                .anyMatch(n -> n.startsWith(FramesTable.INGEST_RUN + "=") || n.endsWith(".parquet"));
    }

    /** The current version of the table. */
    public static Dataset<Row> read(SparkSession spark, String path) {
        return read(spark, path, null);
    }

    /**
     * The table as of {@code version} (null: the current one).
     *
     * @throws IllegalArgumentException (one line) when {@code path} is no table or has no such version
     */
    public static Dataset<Row> read(SparkSession spark, String path, Long version) {
        if (isDelta(spark, path)) {
            DataFrameReader r = spark.read().format("delta");
            if (version != null) {
                long latest = latestVersion(spark, path);
                if (version < 0 || version > latest) {
                    throw new IllegalArgumentException("table " + path + " has versions 0.." + latest + ", not " + version);
                }
                r = r.option("versionAsOf", version);
            }
            return r.load(path);
        }
        if (isPlainParquet(spark, path)) {
            if (version != null) {
                throw new IllegalArgumentException("table " + path + " is plain Parquet (from before Delta) and has no"
                        + " versions; an ingest into it converts it to Delta");
            }
            LOG.warn("{} is a plain-Parquet table from before Delta: read as is; the next ingest into it converts it",
                    path);
            return spark.read().parquet(path);
        }
        throw new IllegalArgumentException(notATable(spark, path));
    }

    /** The latest committed version of a Delta table. */
    public static long latestVersion(SparkSession spark, String path) {
        return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
    }

    /** The latest version of a Delta table, or null for a plain-Parquet one. */
    public static Long versionOrNull(SparkSession spark, String path) {
        return isDelta(spark, path) ? latestVersion(spark, path) : null;
    }

    /** Why {@code path} is no table, in one line. */
    static String notATable(SparkSession spark, String path) {
        TableFiles f = files(spark);
        if (!f.exists(path)) {
            return "no table at " + path + ": the folder does not exist";
        }
        if (!f.isDirectory(path)) {
            return path + " is a file, not a table folder";
        }
        if (f.exists(path + "/" + LOG_FOLDER)) {
            return "no table at " + path + ": its Delta log has no committed version (a run was stopped while"
                    + " creating it; the next ingest creates it)";
        }
        return "no table at " + path + ": it has no Delta log (" + LOG_FOLDER + "/) and no Parquet run folders";
    }

    private static TableFiles files(SparkSession spark) {
        return new TableFiles(spark.sparkContext().hadoopConfiguration());
    }
}
