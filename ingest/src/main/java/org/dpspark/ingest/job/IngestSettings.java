package org.dpspark.ingest.job;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpspark.core.DataSplit;

/**
 * Everything one ingest run needs, resolved from the command line and the {@code ingest} config section.
 *
 * @param inputs      paths or globs
 * @param format      reader format or {@code auto}
 * @param output      frames table folder (created, or appended to)
 * @param dataset     one dataset name for all frames, or empty to derive names from paths
 * @param typeMap     type names for files without them
 * @param units       user-stated units by quantity
 * @param options     reader options
 * @param split       train/valid/test fractions
 * @param splitFrames most frames one task reads from one system
 * @param commandLine as typed, for the sidecar
 * @param configJson  the effective {@code ingest} section as JSON, for the sidecar
 */
public record IngestSettings(List<String> inputs, String format, String output, String dataset,
                             List<String> typeMap, Map<String, String> units, Map<String, String> options,
                             DataSplit split, int splitFrames, String commandLine, String configJson) {

    /** Settings from the {@code ingest} section of a loaded config. */
    public static IngestSettings fromConfig(Config c, List<String> inputs, String output, String commandLine,
                                            String configJson) {
        Config in = c.getConfig("ingest");
        return new IngestSettings(inputs, in.getString("format"), output, in.getString("dataset"),
                in.getStringList("type-map"), flat(in.getConfig("units")), flat(in.getConfig("options")),
                new DataSplit(in.getDouble("split.train"), in.getDouble("split.valid")),
                in.getInt("split-frames"), commandLine, configJson);
    }

    private static Map<String, String> flat(Config c) {
        Map<String, String> m = new LinkedHashMap<>();
        c.entrySet().forEach(e -> m.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
        return m;
    }
}
