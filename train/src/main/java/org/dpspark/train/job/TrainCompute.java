package org.dpspark.train.job;

import com.typesafe.config.Config;
import org.dpspark.core.ConfigName;

/** {@code train.compute}: how one training step (energies, forces, virials, ∂loss/∂θ) is computed. */
public enum TrainCompute implements ConfigName {
    /** The hand-written step (train/kernel/DeepPotKernel). */
    KERNEL("kernel"),
    /** The SameDiff graph with explicit force ops that the kernel is tested against. */
    SAMEDIFF("samediff");

    private final String configName;

    TrainCompute(String configName) { this.configName = configName; }

    @Override public String configName() { return configName; }

    /** The compute spelled {@code s}; the error lists the allowed values. */
    public static TrainCompute of(String s) { return ConfigName.parse(TrainCompute.class, "train.compute", s); }

    /** {@code compute} of a {@code train} config section. */
    public static TrainCompute from(Config train) { return of(train.getString("compute")); }
}
