package org.dpspark.cli;

import org.dpspark.core.JobOptions;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpspark.core.JobConfig;
import org.dpspark.ingest.job.IngestJob;
import org.dpspark.ingest.job.IngestSettings;
import org.dpspark.ingest.job.IngestSummary;
import org.dpspark.ingest.read.ReaderRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark ingest}: QM data files → the frames table (+ rejects). */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read QM data (files, system folders, globs) into a Parquet frames table; bad records go to"
                + " <table>/_rejects. Re-running or appending never duplicates frames.")
public final class IngestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JobOptions job;

    @Option(names = {"-i", "--input"}, arity = "1..*", description = "files, folders or globs")
    List<String> inputs = new ArrayList<>();

    @Parameters(description = "more inputs")
    List<String> positional = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, description = "frames table folder")
    String output;

    @Option(names = "--format", description = "reader format or auto (default); known: ${COMPLETION-CANDIDATES}",
            completionCandidates = Formats.class)
    String format;

    @Option(names = "--dataset", description = "dataset name for all frames (default: derived from each path)")
    String dataset;

    @Option(names = "--type-map", split = ",", description = "type names by type index, e.g. O,H")
    List<String> typeMap;

    @Option(names = "--units", split = ",",
            description = "units of files that carry none, e.g. energy=kcal/mol,force=kcal/mol/A")
    List<String> units;

    @Override
    public Integer call() {
        Config config = config();
        List<String> all = new ArrayList<>(inputs);
        all.addAll(positional);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no input given (--input <paths>)");
        }
        String cmd = JobOptions.commandLine(spec.commandLine().getParseResult().originalArgs()
                .toArray(String[]::new));
        IngestSettings settings = IngestSettings.fromConfig(config, all, output, cmd, JobConfig.json(config, "ingest"));
        IngestSummary summary = IngestJob.run(job.spark("ingest"), settings);
        spec.commandLine().getOut().print(summary.render());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Format names for help. */
    static final class Formats extends ArrayList<String> {
        Formats() {
            super(ReaderRegistry.formats());
            add("auto");
        }
    }

    /** The effective configuration: the defaults, --conf, --set and this command's options as typed values. */
    Config config() {
        if (format != null) {
            job.set("ingest.format", format);
        }
        if (dataset != null) {
            job.set("ingest.dataset", dataset);
        }
        if (typeMap != null) {
            job.set("ingest.type-map", typeMap);
        }
        if (units != null) {
            for (String u : units) {
                String[] kv = u.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new IllegalArgumentException("--units expects quantity=unit, got '" + u + "'");
                }
                job.set(ConfigUtil.joinPath("ingest", "units", kv[0].trim()), kv[1].trim());
            }
        }
        return job.config();
    }

}
