package org.dpspark.featurize.job;

import org.dpspark.model.ModelSettings;
import org.dpspark.model.TypeMap;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.List;

/**
 * Everything one featurize run needs, resolved from the command line and the {@code featurize} config section
 * (defaults in {@code dpspark-defaults.conf}).
 *
 * @param frames       frames table folder
 * @param output       output folder (stats.json, descriptors/, environments/, plots)
 * @param model        the {@code model} section: type map (empty: resolved from the table, {@link TypeMap#resolve}),
 *                     r_c and r_s (Å), sel
 * @param statsSplit   split whose frames give davg/dstd and the energy bias ({@code train}), or {@code all}
 * @param descriptor   per-atom descriptors of the descriptors table
 * @param descriptors  whether to write the descriptors table
 * @param environments whether to write the environments table
 * @param symmetry     G2/G4 parameter grid at r_c = rcut (used by behler-parrinello and by select's fingerprints)
 * @param partitions   Spark partitions (0: automatic)
 * @param commandLine  as typed, for provenance
 * @param configJson   the effective {@code featurize} section as JSON, for provenance
 */
public record FeaturizeSettings(String frames, String output, ModelSettings model, String statsSplit,
                                FeatureDescriptor descriptor, boolean descriptors, boolean environments,
                                SymmetryGrid symmetry, int partitions, String commandLine, String configJson)
        implements Serializable {

    public FeaturizeSettings {
        if (!statsSplit.equals("all") && !List.of("train", "valid", "test").contains(statsSplit)) {
            throw new IllegalArgumentException("featurize.stats-split must be train, valid, test or all: " + statsSplit);
        }
    }

    /** Settings from a loaded config (sections {@code model} and {@code featurize}). */
    public static FeaturizeSettings fromConfig(Config c, String frames, String output, String commandLine,
                                               String configJson) {
        Config f = c.getConfig("featurize");
        return new FeaturizeSettings(frames, output, ModelSettings.from(c), f.getString("stats-split"),
                FeatureDescriptor.of(f.getString("descriptor")), f.getBoolean("descriptors"),
                f.getBoolean("environments"),
                SymmetryGrid.fromConfig(f.getConfig("symmetry-functions")), f.getInt("partitions"), commandLine,
                configJson);
    }

    /** Copy with a resolved type map. */
    public FeaturizeSettings withTypeMap(List<String> types) {
        return new FeaturizeSettings(frames, output, model.withTypeMap(types), statsSplit, descriptor, descriptors,
                environments, symmetry, partitions, commandLine, configJson);
    }

    /** Copy with a fixed sel. */
    public FeaturizeSettings withSel(int[] s) {
        return new FeaturizeSettings(frames, output, model.withSel(s), statsSplit, descriptor, descriptors,
                environments, symmetry, partitions, commandLine, configJson);
    }

    /** Whether a frame of this split enters davg/dstd and the energy bias. */
    public boolean usesForStats(String split) {
        return statsSplit.equals("all") || statsSplit.equals(split);
    }

    /** The settings stats.json records beside the statistics. */
    public org.dpspark.model.stats.StatsInputs statsInputs() {
        return new org.dpspark.model.stats.StatsInputs(model.rcut(), model.rcutSmth(), model.sel().slots(),
                model.sel().autoRatio(), statsSplit, commandLine, configJson);
    }
}
