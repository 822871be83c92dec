package org.dpspark.train.job;

import com.typesafe.config.Config;
import org.dpspark.core.ConfigName;

/**
 * {@code train.precision}: the arithmetic of the nets during training. The model's parameters, the optimizer state,
 * the environment matrix, the loss and every sum over atoms, neighbours and frames are float64 in both.
 */
public enum TrainPrecision implements ConfigName {
    /** Everything in float64. */
    FLOAT64("float64"),
    /**
     * The embedding and fitting nets (their products and element-wise passes) in float32 on the kernel
     * ({@code train/kernel/MixedNets}); a float64 master copy of the parameters.
     */
    MIXED("mixed"),
    /** Parameters stored in float32 as well (DeePMD-kit's {@code precision: float32}): not implemented, refused. */
    FLOAT32("float32");

    private final String configName;

    TrainPrecision(String configName) { this.configName = configName; }

    @Override public String configName() { return configName; }

    /** The precision spelled {@code s}; the error lists the allowed values. */
    public static TrainPrecision of(String s) { return ConfigName.parse(TrainPrecision.class, "train.precision", s); }

    /**
     * {@code precision} of a {@code train} config section, checked against {@code compute}: mixed needs the kernel,
     * float32 is refused with what to use instead.
     */
    public static TrainPrecision from(Config train, TrainCompute compute) {
        TrainPrecision p = of(train.getString("precision"));
        if (p == FLOAT32) {
            throw new IllegalArgumentException("train.precision = float32 (float32 parameters) is not supported: use mixed"
                    + " (float32 nets, float64 parameters and optimizer: the speed of float32 without its parameter"
                    + " round-off) or float64");
        }
        if (p == MIXED && compute != TrainCompute.KERNEL) {
            throw new IllegalArgumentException("train.precision = mixed runs on train.compute = kernel, not "
                    + compute.configName());
        }
        return p;
    }
}
