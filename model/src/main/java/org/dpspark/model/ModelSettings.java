package org.dpspark.model;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.List;
import org.dpspark.core.JobConfig;

/**
 * The top-level {@code model} section of the job configuration (defaults in dpspark-defaults.conf): what featurize
 * and train share about the model, read by both.
 *
 * @param typeMap  element symbols by type index; empty: resolved from the data by each stage
 * @param rcut     cutoff radius r_c, Å
 * @param rcutSmth start of the smooth switch r_s, Å ({@code 0 <= rcutSmth < rcut})
 * @param sel      neighbour slots per type, or auto with its ratio
 */
public record ModelSettings(List<String> typeMap, double rcut, double rcutSmth, SelSpec sel) implements Serializable {

    /** The configuration section these settings are read from. */
    public static final String SECTION = "model";

    public ModelSettings {
        if (!(rcutSmth >= 0 && rcutSmth < rcut)) {
            throw new IllegalArgumentException(SECTION + ": need 0 <= rcut-smth < rcut, got " + rcutSmth + ", " + rcut);
        }
        typeMap = List.copyOf(typeMap);
    }

    /** The {@code model} section of a loaded configuration. */
    public static ModelSettings from(Config root) {
        Config m = root.getConfig(SECTION);
        return new ModelSettings(m.getStringList("type-map"), m.getDouble("rcut"), m.getDouble("rcut-smth"),
                SelSpec.parse(m, "sel", m.getDouble("sel-auto-ratio"), SECTION + ".sel"));
    }

    /** The defaults of dpspark-defaults.conf. */
    public static ModelSettings defaults() {
        return from(JobConfig.defaults());
    }

    /** Copy with a resolved type map. */
    public ModelSettings withTypeMap(List<String> types) {
        return new ModelSettings(types, rcut, rcutSmth, sel);
    }

    /** Copy with fixed sel slots (the auto ratio kept for the record). */
    public ModelSettings withSel(int[] slots) {
        return new ModelSettings(typeMap, rcut, rcutSmth, sel.withSlots(slots));
    }
}
