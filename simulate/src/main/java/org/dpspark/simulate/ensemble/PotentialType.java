package org.dpspark.simulate.ensemble;

import org.dpspark.core.ConfigName;

/** The {@code type} of a {@code simulate.potentials} entry. */
public enum PotentialType implements ConfigName {
    /** Lennard-Jones, the same ε, σ and cutoff for every species pair. */
    LJ("lj"),
    /** Stillinger–Weber silicon (LAMMPS Si.sw). */
    SW("sw"),
    /** A Deep Potential model (dpspark model directory or DeePMD-kit .yaml/.dp file). */
    DEEP_POTENTIAL("deep-potential");

    private final String configName;

    PotentialType(String configName) { this.configName = configName; }

    @Override public String configName() { return configName; }

    /** The type spelled {@code s}; the error, which names {@code where}, lists the allowed values. */
    public static PotentialType of(String s, String where) {
        return ConfigName.parse(PotentialType.class, where + " type", s);
    }
}
