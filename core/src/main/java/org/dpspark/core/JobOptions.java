package org.dpspark.core;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.JobConfig;
import org.dpspark.core.SparkSessions;
import picocli.CommandLine.Option;

/** Options every job takes: Spark master, config file and {@code --set} overrides. */
public final class JobOptions {
    @Option(names = "--master", description = "Spark master (default: local[*], or the one spark-submit sets)")
    String master;

    @Option(names = "--conf", description = "HOCON job configuration (see conf/)")
    String conf;

    @Option(names = "--set", description = "override a configuration key: --set ingest.split.train=0.9")
    List<String> overrides = new ArrayList<>();

    /** The {@code --set key=value} overrides, in order. */
    public List<String> overrides() { return overrides; }

    /** Replaces the overrides (a command that turns its own options into configuration keys). */
    public void replaceOverrides(List<String> overrides) { this.overrides = new ArrayList<>(overrides); }

    /** The effective configuration. */
    public Config config() {
        return JobConfig.load(conf, overrides);
    }

    /** Starts (or joins) the Spark session. */
    public SparkSession spark(String app) {
        return SparkSessions.getOrCreate("dpspark " + app, master);
    }

    /** The command line as typed, for provenance. */
    public static String commandLine(String[] args) {
        return "dpspark " + String.join(" ", args);
    }
}
