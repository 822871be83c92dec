package org.dpspark.ingest.read;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the user told ingest about the inputs.
 *
 * @param dataset dataset name written to every frame
 * @param typeMap type names by type index, for formats whose files may lack them (deepmd without
 *                {@code type_map.raw}); empty when not given
 * @param units   units the user states for files that carry none, by quantity: {@code energy}
 *                (e.g. {@code kcal/mol}), {@code length}, {@code force} (e.g. {@code kcal/mol/A}),
 *                {@code stress}; empty when not given. A file's own unit declaration wins unless it
 *                contradicts this, which is an error.
 * @param options reader-specific keys, e.g. HDF5 dataset names {@code energy_key}, {@code forces_key}
 */
public record ReadOptions(String dataset, List<String> typeMap, Map<String, String> units,
                          Map<String, String> options) implements Serializable {

    public ReadOptions {
        typeMap = List.copyOf(typeMap);
        units = Map.copyOf(units);
        options = Map.copyOf(options);
    }

    /** Options with only a dataset name. */
    public static ReadOptions of(String dataset) {
        return new ReadOptions(dataset, List.of(), Map.of(), Map.of());
    }

    /** The unit the user stated for a quantity, or {@code fallback}. */
    public String unit(String quantity, String fallback) {
        return units.getOrDefault(quantity, fallback);
    }

    /** A reader-specific option, or {@code fallback}. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /** Option key of the largest number of frames one split may hold (set by the ingest job from ingest.split-frames). */
    public static final String SPLIT_FRAMES = "split_frames";

    /**
     * The largest number of frames a reader may put into one split: the {@value #SPLIT_FRAMES} option, or no limit
     * when it is absent (the ingest job always sets it from {@code ingest.split-frames}, whose default lives in
     * dpspark-defaults.conf). Throws naming the option when it is not a positive integer.
     */
    public int splitFrames() {
        String v = options.get(SPLIT_FRAMES);
        if (v == null) {
            return Integer.MAX_VALUE;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("option " + SPLIT_FRAMES + " must be a positive integer, got '" + v + "'");
    }

    public ReadOptions withDataset(String name) {
        return new ReadOptions(name, typeMap, units, options);
    }
}
