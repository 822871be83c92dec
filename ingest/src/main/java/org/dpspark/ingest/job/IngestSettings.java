package org.dpspark.ingest.job;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpspark.core.DataSplit;
import org.dpspark.ingest.extxyz.StatedUnits;

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
 * @param perDataset  settings for some datasets only (first matching glob wins)
 * @param split       train/valid/test fractions
 * @param splitFrames most frames one task reads from one system
 * @param commandLine as typed, for the sidecar
 * @param configJson  the effective {@code ingest} section as JSON, for the sidecar
 */
public record IngestSettings(List<String> inputs, String format, String output, String dataset,
                             List<String> typeMap, Map<String, String> units, Map<String, String> options,
                             List<DatasetSettings> perDataset, DataSplit split, int splitFrames, String commandLine, String configJson) {

    /** Checks what cannot work before any Spark job starts. */
    public IngestSettings {
        if (splitFrames < 1) {
            throw new IllegalArgumentException("ingest.split-frames must be at least 1 (frames one task reads), not "
                    + splitFrames);
        }
        StatedUnits.check("ingest.units", units);
        for (DatasetSettings d : perDataset) {
            if (d.units() != null) {
                StatedUnits.check("ingest.datasets.\"" + d.glob() + "\".units", d.units());
            }
        }
    }

    /** Settings from the {@code ingest} section of a loaded config. */
    public static IngestSettings fromConfig(Config c, List<String> inputs, String output, String commandLine,
                                            String configJson) {
        Config in = c.getConfig("ingest");
        return new IngestSettings(inputs, in.getString("format"), output, in.getString("dataset"),
                in.getStringList("type-map"), flat(in.getConfig("units")), flat(in.getConfig("options")),
                DatasetSettings.fromConfig(in.getObject("datasets")), new DataSplit(in.getDouble("split.train"), in.getDouble("split.valid")),
                in.getInt("split-frames"), commandLine, configJson);
    }

    /** Settings with every default of dpspark-defaults.conf (for benchmarks and programmatic use). */
    public static IngestSettings defaults(List<String> inputs, String output, String dataset, String commandLine) {
        Config c = org.dpspark.core.JobConfig.load(null, List.of(),
                dataset.isEmpty() ? Map.of() : Map.<String, Object>of("ingest.dataset", dataset));
        return fromConfig(c, inputs, output, commandLine, org.dpspark.core.JobConfig.json(c, "ingest"));
    }

    /** Type map, units and options for an input of the given dataset name. */
    public ReadSettings forDataset(String dataset) {
        for (DatasetSettings d : perDataset) {
            if (d.matches(dataset)) {
                return new ReadSettings(d.typeMap() != null ? d.typeMap() : typeMap, d.units() != null ? d.units() : units,
                        d.options() != null ? d.options() : options);
            }
        }
        return new ReadSettings(typeMap, units, options);
    }

    /** The reader settings that apply to one input. */
    public record ReadSettings(List<String> typeMap, Map<String, String> units, Map<String, String> options) {}

    static Map<String, String> flat(Config c) {
        Map<String, String> m = new LinkedHashMap<>();
        c.entrySet().forEach(e -> m.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
        return m;
    }
}
