package org.dpspark.core.testing;

import org.apache.spark.sql.SparkSession;
import org.dpspark.core.SparkSessions;

/** One embedded Spark ({@code local[2]}, the CI machine's cores) shared by the tests of a JVM. */
public final class LocalSpark {
    private LocalSpark() {}

    public static synchronized SparkSession get() {
        return SparkSessions.getOrCreate("dpspark-test", "local[2]");
    }
}
