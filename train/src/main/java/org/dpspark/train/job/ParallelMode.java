package org.dpspark.train.job;

import org.dpspark.core.ConfigName;

/** {@code train.parallel.mode}: how data-parallel workers combine their work. */
public enum ParallelMode implements ConfigName {
    /** Each worker runs averaging-frequency Adam steps, then parameters and Adam state are averaged. */
    AVERAGING("averaging"),
    /** Every step averages the workers' gradients (synchronous); the driver applies Adam (engine rdd only). */
    GRADIENTS("gradients");

    private final String configName;

    ParallelMode(String configName) { this.configName = configName; }

    @Override public String configName() { return configName; }

    /** The mode spelled {@code s}; the error lists the allowed values. */
    public static ParallelMode of(String s) { return ConfigName.parse(ParallelMode.class, "train.parallel.mode", s); }
}
