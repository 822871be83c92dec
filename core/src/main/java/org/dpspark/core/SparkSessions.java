package org.dpspark.core;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place that creates a {@link SparkSession}. Inside {@code spark-submit} (a master is already
 * set in the Spark configuration) the cluster's settings are used unchanged; otherwise an embedded
 * {@code local[*]} Spark is started, or {@code local[n]} when the caller asks for n cores.
 *
 * <p>Either way the session is set up for Delta Lake (the frames and rejects tables are Delta tables):
 * Delta's SQL extension and catalog are added unless the configuration already names them (under
 * {@code spark-submit} they may also be given with {@code --conf}; see docs/cluster.md).
 */
public final class SparkSessions {
    private SparkSessions() {}

    /** Spark SQL extension that Delta Lake needs. */
    public static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
    /** Session catalog that Delta Lake needs. */
    public static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

    /** Master used when none is given and the JVM was not launched by spark-submit. */
    public static final String DEFAULT_MASTER = "local[*]";

    /**
     * Gets or creates the session.
     *
     * @param appName shown in the Spark UI and logs
     * @param master  explicit master (e.g. {@code local[2]}, {@code spark://host:7077}), or null for the default
     */
    public static SparkSession getOrCreate(String appName, String master) {
        SparkConf conf = new SparkConf(true);
        if (master != null && !master.isBlank()) {
            SparkMasters.check(master);
            conf.setMaster(master.trim());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName(appName);
        }
        boolean local = conf.get("spark.master").startsWith("local");
        if (local) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.sql.shuffle.partitions", "8");
            // Delta rebuilds a table's state from its log with this many tasks (default 50: slow on one machine).
            conf.setIfMissing("spark.databricks.delta.snapshotPartitions", "4");
        }
        conf.setIfMissing("spark.sql.parquet.compression.codec", "snappy");
        String extensions = conf.get("spark.sql.extensions", "");
        if (!extensions.contains(DELTA_EXTENSION)) {
            conf.set("spark.sql.extensions", extensions.isBlank() ? DELTA_EXTENSION : extensions + "," + DELTA_EXTENSION);
        }
        conf.setIfMissing("spark.sql.catalog.spark_catalog", DELTA_CATALOG);
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
