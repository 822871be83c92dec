package org.dpspark.core;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place that creates a {@link SparkSession}. Inside {@code spark-submit} (a master is already
 * set in the Spark configuration) the cluster's settings are used unchanged; otherwise an embedded
 * {@code local[*]} Spark is started, or {@code local[n]} when the caller asks for n cores.
 */
public final class SparkSessions {
    private SparkSessions() {}

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
            conf.setMaster(master);
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
        }
        conf.setIfMissing("spark.sql.parquet.compression.codec", "snappy");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
