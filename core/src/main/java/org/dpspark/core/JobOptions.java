package org.dpspark.core;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--verbose", description = "on an error, print its stack trace too (otherwise one line)")
    boolean verbose;

    @Option(names = "--set", description = "override a configuration key: --set ingest.split.train=0.9")
    List<String> overrides = new ArrayList<>();

    /** The {@code --set key=value} overrides, in order. */
    public List<String> overrides() { return overrides; }

    /** Values a command took from its own options, by configuration path; they win over --conf and --set. */
    private final Map<String, Object> typed = new LinkedHashMap<>();

    /**
     * Sets one configuration key from a command's own option as a typed value (a String, Number, Boolean or List of
     * them), never as HOCON text: whatever the user typed stays inside this one key.
     *
     * @param path configuration path; a part that comes from the user must be quoted by
     *             {@link com.typesafe.config.ConfigUtil#joinPath}
     */
    public void set(String path, Object value) { typed.put(path, value); }

    /** The effective configuration. */
    public Config config() {
        return JobConfig.load(conf, overrides, typed);
    }

    /** Whether an error prints its stack trace. */
    public boolean verbose() { return verbose; }

    /** Starts (or joins) the Spark session. */
    public SparkSession spark(String app) {
        return SparkSessions.getOrCreate("dpspark " + app, master);
    }

    /** The command line as typed, for provenance. */
    public static String commandLine(String[] args) {
        return "dpspark " + String.join(" ", args);
    }
}
