package org.dpspark.loop;

import org.dpspark.core.ConfigName;

/** {@code loop.train.init}: where each iteration's models start. */
enum TrainInit implements ConfigName {
    /** Random weights (or loop.train.init-model) every iteration. */
    FRESH("fresh"),
    /** The previous iteration's models. */
    PREVIOUS("previous");

    private final String configName;

    TrainInit(String configName) { this.configName = configName; }

    @Override public String configName() { return configName; }

    /** The value spelled {@code s}; the error lists the allowed values. */
    static TrainInit of(String s) { return ConfigName.parse(TrainInit.class, "loop.train.init", s); }
}
