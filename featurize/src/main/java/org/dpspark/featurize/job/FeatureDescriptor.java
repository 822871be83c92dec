package org.dpspark.featurize.job;

import org.dpspark.core.ConfigName;

/** {@code featurize.descriptor}: the per-atom invariant descriptors written to {@code <output>/descriptors}. */
public enum FeatureDescriptor implements ConfigName {
    /** Behler–Parrinello symmetry functions G2/G4 ({@code featurize.symmetry-functions}). */
    BEHLER_PARRINELLO("behler-parrinello"),
    /** DeePMD-kit's radial-only se_e2_r environment. */
    SE_E2_R("se_e2_r");

    private final String configName;

    FeatureDescriptor(String configName) { this.configName = configName; }

    @Override public String configName() { return configName; }

    /** The descriptor spelled {@code s}; the error lists the allowed values. */
    public static FeatureDescriptor of(String s) {
        return ConfigName.parse(FeatureDescriptor.class, "featurize.descriptor", s);
    }
}
