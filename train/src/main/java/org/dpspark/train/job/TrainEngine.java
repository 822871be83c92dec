package org.dpspark.train.job;

import org.dpspark.core.ConfigName;

/** {@code train.parallel.engine}: which distributed training loop runs the steps. */
public enum TrainEngine implements ConfigName {
    /** DL4J's SparkComputationGraph, the model as a SameDiff vertex of a ComputationGraph. */
    DL4J_SPARK("dl4j-spark"),
    /** dpspark's own loop over Spark RDDs (same model and batches, Adam in Java). */
    RDD("rdd");

    private final String configName;

    TrainEngine(String configName) { this.configName = configName; }

    @Override public String configName() { return configName; }

    /** The engine spelled {@code s}; the error lists the allowed values. */
    public static TrainEngine of(String s) { return ConfigName.parse(TrainEngine.class, "train.parallel.engine", s); }
}
