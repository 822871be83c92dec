package org.dpspark.ingest.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of {@code ingest.datasets."<glob>"}: a type map, units or reader options for the inputs whose dataset
 * name matches the glob (e.g. {@code "vasp/deepmd.h2o.md" { type-map = [O, H] }}); null fields keep the
 * job-wide value.
 */
public record DatasetSettings(String glob, List<String> typeMap, Map<String, String> units,
                              Map<String, String> options) implements java.io.Serializable {

    private static final Set<String> KEYS = Set.of("type-map", "units", "options");

    /** Whether a dataset name matches this entry's glob. */
    public boolean matches(String dataset) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        return m.matches(Path.of(dataset));
    }

    /** Entries in the order of the configuration; unknown keys inside an entry are errors. */
    static List<DatasetSettings> fromConfig(ConfigObject datasets) {
        List<DatasetSettings> out = new ArrayList<>();
        for (String glob : datasets.keySet()) {
            Config c = datasets.toConfig().getConfig("\"" + glob.replace("\"", "\\\"") + "\"");
            for (String k : c.root().keySet()) {
                if (!KEYS.contains(k)) {
                    throw new IllegalArgumentException("unknown key ingest.datasets.\"" + glob + "\"." + k
                            + " (allowed: type-map, units, options)");
                }
            }
            out.add(new DatasetSettings(glob,
                    c.hasPath("type-map") ? c.getStringList("type-map") : null,
                    c.hasPath("units") ? IngestSettings.flat(c.getConfig("units")) : null,
                    c.hasPath("options") ? IngestSettings.flat(c.getConfig("options")) : null));
        }
        return out;
    }
}
