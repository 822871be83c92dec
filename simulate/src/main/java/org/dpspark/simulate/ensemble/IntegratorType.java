package org.dpspark.simulate.ensemble;

import org.dpspark.core.ConfigName;

/** {@code simulate.integrator.type}: the equations of motion. */
public enum IntegratorType implements ConfigName {
    /** Velocity Verlet (NVE). */
    NVE("nve"),
    /** Langevin dynamics, BAOAB splitting (NVT). */
    LANGEVIN("langevin"),
    /** Bussi stochastic velocity rescaling (NVT). */
    BUSSI("bussi");

    private final String configName;

    IntegratorType(String configName) { this.configName = configName; }

    @Override public String configName() { return configName; }

    /** The integrator spelled {@code s}; the error lists the allowed values. */
    public static IntegratorType of(String s) {
        return ConfigName.parse(IntegratorType.class, "simulate.integrator.type", s);
    }
}
