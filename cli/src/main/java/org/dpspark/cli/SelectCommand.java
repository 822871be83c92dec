package org.dpspark.cli;

import org.dpspark.core.JobOptions;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpspark.core.JobConfig;
import org.dpspark.featurize.select.SelectJob;
import org.dpspark.featurize.select.SelectSettings;
import org.dpspark.featurize.select.SelectSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark select}: the N most diverse frames of a frames table → a new frames table. */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = "Choose the N most diverse frames of a frames table (farthest-point sampling or k-means on"
                + " per-element G2/G4 fingerprints) and write them as a new frames table (same schema and ids).")
public final class SelectCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JobOptions job;

    @Option(names = "--frames", required = true, description = "source frames table")
    String frames;

    @Option(names = {"-o", "--output"}, required = true, description = "new frames table")
    String output;

    @Option(names = {"-n", "--count"}, description = "frames to choose (default: select.count)")
    Integer count;

    @Option(names = "--method", description = "fps (default) or kmeans")
    String method;

    @Option(names = "--seed", description = "seed (default: select.seed)")
    Long seed;

    @Option(names = "--type-map", split = ",", description = "type names by type index (default: the table's labels)")
    List<String> typeMap;

    @Override
    public Integer call() {
        var config = config();
        String cmd = JobOptions.commandLine(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        String json = "{\"select\":" + JobConfig.json(config, "select") + ",\"featurize\":"
                + JobConfig.json(config, "featurize") + "}";
        SelectSettings s = SelectSettings.fromConfig(config, frames, output, cmd, json);
        SelectSummary summary = SelectJob.run(job.spark("select"), s);
        spec.commandLine().getOut().print(summary.render());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The effective configuration: the defaults, --conf, --set and this command's options as typed values. */
    Config config() {
        if (count != null) job.set("select.count", count);
        if (method != null) job.set("select.method", method);
        if (seed != null) job.set("select.seed", seed);
        if (typeMap != null) job.set("model.type-map", typeMap);
        return job.config();
    }

}
