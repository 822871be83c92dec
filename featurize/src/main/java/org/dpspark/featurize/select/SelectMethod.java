package org.dpspark.featurize.select;

import org.dpspark.core.ConfigName;

/** {@code select.method}: how the frames are chosen. */
public enum SelectMethod implements ConfigName {
    /** Farthest-point sampling. */
    FPS("fps"),
    /** Lloyd's k-means with k-means++ seeding; the frame nearest each centroid. */
    KMEANS("kmeans");

    private final String configName;

    SelectMethod(String configName) { this.configName = configName; }

    @Override public String configName() { return configName; }

    /** The method spelled {@code s}; the error lists the allowed values. */
    public static SelectMethod of(String s) { return ConfigName.parse(SelectMethod.class, "select.method", s); }
}
