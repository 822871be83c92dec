package org.dpspark.simulate.ensemble;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validation of one entry of a configuration list ({@code simulate.structures}, {@code simulate.potentials})
 * against its kind's defaults in {@code simulate.entry-defaults}: keys the defaults do not declare are errors,
 * defaults declared {@code null} are required, the rest fill in.
 */
final class Entries {
    private Entries() {}

    /**
     * @param entry the user's entry
     * @param defaults the kind's defaults (keys and default values; null = required)
     * @param what description for messages, e.g. "simulate.structures[2] (lattice)"
     * @return the entry over its defaults
     */
    static Config complete(Config entry, Config defaults, String what) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, ?> e : entry.entrySet()) {
            if (!defaults.hasPathOrNull(e.getKey()) && !underListKey(defaults, e.getKey())) {
                unknown.add(e.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            unknown.sort(null);
            throw new IllegalArgumentException("unknown keys in " + what + ": " + String.join(", ", unknown)
                    + " (allowed: " + String.join(", ", defaults.root().keySet().stream().sorted().toList()) + ")");
        }
        Config full = entry.withFallback(defaults);
        for (String key : defaults.root().keySet()) {
            if (full.getIsNull(key)) {
                throw new IllegalArgumentException(what + " needs " + key);
            }
        }
        return full;
    }

    /**
     * Whether {@code path} lies under a top-level key whose default is a list: such a key may also be given as an
     * object (a deep-potential's {@code aparam = { Be = [0.3] }}), which the kind's parser validates.
     */
    private static boolean underListKey(Config defaults, String path) {
        String first = ConfigUtil.splitPath(path).get(0);
        return defaults.hasPath(ConfigUtil.joinPath(first))
                && defaults.getValue(ConfigUtil.joinPath(first)).valueType() == ConfigValueType.LIST;
    }

    /** A list of longs from either a number n (meaning 1..n) or a list. */
    static List<Long> seeds(Config c, String path) {
        List<Long> seeds = new ArrayList<>();
        if (c.getValue(path).valueType() == ConfigValueType.NUMBER) {
            int n = c.getInt(path);
            if (n < 1) {
                throw new IllegalArgumentException(path + " must be a count >= 1 or a list, got " + n);
            }
            for (long k = 1; k <= n; k++) {
                seeds.add(k);
            }
        } else {
            seeds.addAll(c.getLongList(path));
        }
        if (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException(path + " must list distinct seeds: " + seeds);
        }
        return seeds;
    }

    /** A list of strings from either one string or a list. */
    static List<String> strings(Config c, String path) {
        return c.getValue(path).valueType() == ConfigValueType.LIST ? c.getStringList(path) : List.of(c.getString(path));
    }
}
