package org.dpspark.train.job;

import org.dpspark.core.ConfigName;

/** {@code train.learning-rate.scale-by-workers}: the learning-rate factor for n data-parallel workers. */
public enum LrScale implements ConfigName {
    /** × n. */
    LINEAR("linear"),
    /** × √n. */
    SQRT("sqrt"),
    /** × 1. */
    NONE("none");

    private final String configName;

    LrScale(String configName) { this.configName = configName; }

    @Override public String configName() { return configName; }

    /** The scaling spelled {@code s}; the error lists the allowed values. */
    public static LrScale of(String s) {
        return ConfigName.parse(LrScale.class, "train.learning-rate.scale-by-workers", s);
    }

    /** Learning-rate factor (dimensionless) for {@code workers} workers. */
    public double factor(int workers) {
        return switch (this) {
            case LINEAR -> workers;
            case SQRT -> Math.sqrt(workers);
            case NONE -> 1.0;
        };
    }
}
