package org.dpspark.core;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Job configuration in HOCON: the defaults of {@code dpspark-defaults.conf} (the one place each default
 * lives), overlaid by an optional {@code --conf} file (with includes and substitutions) and by
 * {@code --set key=value} overrides. Keys that the defaults do not declare are errors, except inside
 * free-form maps (see {@link #FREE_FORM}).
 */
public final class JobConfig {
    private JobConfig() {}

    /** Resource holding every default. */
    public static final String DEFAULTS_RESOURCE = "dpspark-defaults.conf";

    /** Paths under which any key is allowed (maps given by the user). */
    public static final Set<String> FREE_FORM = Set.of("ingest.units", "ingest.options", "ingest.datasets",
            "loop.labeler.cp2k.basis-per-element", "loop.labeler.cp2k.potential-per-element");

    /** Keys that moved, by old key: the error for an old key names its new one. */
    public static final Map<String, String> MOVED = Map.of(
            "featurize.type-map", "model.type-map", "featurize.rcut", "model.rcut",
            "featurize.rcut-smth", "model.rcut-smth", "featurize.sel", "model.sel",
            "train.model.type-map", "model.type-map", "train.model.rcut", "model.rcut",
            "train.model.rcut-smth", "model.rcut-smth", "train.model.sel", "model.sel");

    /** The defaults alone. */
    public static Config defaults() {
        return ConfigFactory.parseResources(JobConfig.class, "/" + DEFAULTS_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /**
     * Loads a configuration.
     *
     * @param confFile  a HOCON file or null
     * @param overrides {@code key=value} strings (HOCON values: {@code ingest.split.train=0.9})
     * @throws IllegalArgumentException naming the file and key for unknown keys or bad syntax
     */
    public static Config load(String confFile, List<String> overrides) {
        return load(confFile, overrides, Map.of());
    }

    /**
     * Loads a configuration with values a command took from its own options laid over everything else.
     *
     * @param typed values by configuration path (build paths with {@link com.typesafe.config.ConfigUtil#joinPath}
     *              when a part comes from the user): each becomes one typed value ({@link ConfigValueFactory}), never
     *              HOCON text, so a value holding quotes, commas or newlines sets only its own key
     */
    public static Config load(String confFile, List<String> overrides, Map<String, Object> typed) {
        Config user = ConfigFactory.empty();
        if (confFile != null) {
            File f = new File(confFile);
            if (!f.isFile()) {
                throw new IllegalArgumentException("config file not found: " + confFile);
            }
            try {
                user = ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (ConfigException e) {
                throw new IllegalArgumentException("cannot parse " + confFile + ": " + e.getMessage(), e);
            }
        }
        for (String o : overrides == null ? List.<String>of() : overrides) {
            if (!o.contains("=")) {
                throw new IllegalArgumentException("--set expects key=value, got '" + o + "'");
            }
            try {
                user = ConfigFactory.parseString(o).withFallback(user);
            } catch (ConfigException e) {
                throw new IllegalArgumentException("bad --set '" + o + "': " + e.getMessage(), e);
            }
        }
        for (Map.Entry<String, Object> t : typed.entrySet()) {
            try {
                user = user.withValue(t.getKey(), ConfigValueFactory.fromAnyRef(t.getValue(), "command-line option"));
            } catch (ConfigException e) {
                throw new IllegalArgumentException("bad configuration path " + t.getKey() + ": " + e.getMessage(), e);
            }
        }
        Config defaults = defaults();
        List<String> unknown = unknownKeys(user, defaults);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown configuration keys"
                    + (confFile != null ? " in " + confFile : "") + ": " + String.join(", ", unknown));
        }
        return user.withFallback(defaults).resolve();
    }

    /**
     * Keys of {@code user} that {@code defaults} does not declare (free-form maps excepted); a moved key carries
     * its new name.
     */
    static List<String> unknownKeys(Config user, Config defaults) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            String key = e.getKey();
            if (FREE_FORM.stream().anyMatch(p -> key.startsWith(p + "."))) {
                continue;
            }
            if (!defaults.hasPathOrNull(key)) {
                unknown.add(MOVED.containsKey(key) ? key + " (moved: use " + MOVED.get(key) + ")" : key);
            }
        }
        unknown.sort(null);
        return unknown;
    }

    /** The configuration of one section as compact JSON (recorded in sidecars). */
    public static String json(Config config, String section) {
        return config.getConfig(section).root().render(ConfigRenderOptions.concise());
    }
}
