package org.dpspark.featurize.job;

import org.dpspark.model.TypeMap;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.io.Serializable;
import java.util.List;

/**
 * Everything one featurize run needs, resolved from the command line and the {@code featurize} config section
 * (defaults in {@code dpspark-defaults.conf}).
 *
 * @param frames       frames table folder
 * @param output       output folder (stats.json, descriptors/, environments/, plots)
 * @param typeMap      type names by type index; empty: resolved from the table ({@link TypeMap#resolve})
 * @param rcut         r_c, Å
 * @param rcutSmth     r_s, Å
 * @param sel          slots per type in type-map order, or null for auto
 * @param selRatio     ratio of sel auto (DeePMD-kit: 1.1)
 * @param statsSplit   split whose frames give davg/dstd and the energy bias ({@code train}), or {@code all}
 * @param descriptor   {@code behler-parrinello} or {@code se_e2_r}
 * @param descriptors  whether to write the descriptors table
 * @param environments whether to write the environments table
 * @param symmetry     G2/G4 parameter grid at r_c = rcut (used by behler-parrinello and by select's fingerprints)
 * @param partitions   Spark partitions (0: automatic)
 * @param commandLine  as typed, for provenance
 * @param configJson   the effective {@code featurize} section as JSON, for provenance
 */
public record FeaturizeSettings(String frames, String output, List<String> typeMap, double rcut, double rcutSmth,
                                int[] sel, double selRatio, String statsSplit, String descriptor, boolean descriptors,
                                boolean environments, SymmetryGrid symmetry, int partitions,
                                String commandLine, String configJson) implements Serializable {
    public static final String BEHLER_PARRINELLO = "behler-parrinello";
    public static final String SE_E2_R = "se_e2_r";

    public FeaturizeSettings {
        if (!(rcutSmth >= 0 && rcutSmth < rcut)) {
            throw new IllegalArgumentException("featurize: need 0 <= rcut-smth < rcut, got " + rcutSmth + ", " + rcut);
        }
        if (!descriptor.equals(BEHLER_PARRINELLO) && !descriptor.equals(SE_E2_R)) {
            throw new IllegalArgumentException("featurize.descriptor must be " + BEHLER_PARRINELLO + " or " + SE_E2_R
                    + ", got '" + descriptor + "'");
        }
        if (!statsSplit.equals("all") && !List.of("train", "valid", "test").contains(statsSplit)) {
            throw new IllegalArgumentException("featurize.stats-split must be train, valid, test or all: " + statsSplit);
        }
        typeMap = List.copyOf(typeMap);
    }

    /** Settings from a loaded config (sections {@code featurize}). */
    public static FeaturizeSettings fromConfig(Config c, String frames, String output, String commandLine,
                                               String configJson) {
        Config f = c.getConfig("featurize");
        int[] sel = null;
        double ratio = 1.1;
        if (f.getValue("sel").valueType() == ConfigValueType.LIST) {
            sel = f.getIntList("sel").stream().mapToInt(Integer::intValue).toArray();
        } else {
            String s = f.getString("sel").trim();
            if (s.equals("auto")) {
                ratio = 1.1;
            } else if (s.startsWith("auto:")) {
                ratio = Double.parseDouble(s.substring(5));
            } else {
                throw new IllegalArgumentException("featurize.sel must be a list or auto[:ratio], got '" + s + "'");
            }
        }
        double rcut = f.getDouble("rcut");
        return new FeaturizeSettings(frames, output, f.getStringList("type-map"), rcut, f.getDouble("rcut-smth"),
                sel, ratio, f.getString("stats-split"), f.getString("descriptor"), f.getBoolean("descriptors"),
                f.getBoolean("environments"), SymmetryGrid.fromConfig(f.getConfig("symmetry-functions")),
                f.getInt("partitions"), commandLine, configJson);
    }

    /** Copy with a resolved type map. */
    public FeaturizeSettings withTypeMap(List<String> types) {
        return new FeaturizeSettings(frames, output, types, rcut, rcutSmth, sel, selRatio, statsSplit, descriptor,
                descriptors, environments, symmetry, partitions, commandLine, configJson);
    }

    /** Copy with a fixed sel. */
    public FeaturizeSettings withSel(int[] s) {
        return new FeaturizeSettings(frames, output, typeMap, rcut, rcutSmth, s.clone(), selRatio, statsSplit,
                descriptor, descriptors, environments, symmetry, partitions, commandLine, configJson);
    }

    /** Whether a frame of this split enters davg/dstd and the energy bias. */
    public boolean usesForStats(String split) {
        return statsSplit.equals("all") || statsSplit.equals(split);
    }

    /** The settings stats.json records beside the statistics. */
    public org.dpspark.model.stats.StatsInputs statsInputs() {
        return new org.dpspark.model.stats.StatsInputs(rcut, rcutSmth, sel, selRatio, statsSplit,
                commandLine, configJson);
    }
}
