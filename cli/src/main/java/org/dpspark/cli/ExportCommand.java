package org.dpspark.cli;

import org.dpspark.core.JobOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dpspark.ingest.export.ExportFormat;
import org.dpspark.ingest.export.ExportJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark export}: frames table → extxyz files or deepmd/npy systems. */
@Command(name = "export", mixinStandardHelpOptions = false,
        description = "Write a frames table (or some datasets / one split of it) as extxyz files (ASE) or deepmd/npy"
                + " systems (DeePMD-kit, dpdata).")
public final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JobOptions job;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--frames", required = true, description = "frames table folder")
    String frames;

    @Option(names = "--version", paramLabel = "N",
            description = "export the table as of its version N (Delta time travel; default: the current version)")
    Long version;

    @Option(names = "--format", required = true, description = "extxyz, deepmd/npy or parquet (plain Parquet files of the rows)")
    String format;

    @Option(names = {"-o", "--output"}, required = true, description = "new output folder")
    String output;

    @Option(names = "--dataset", description = "export only these datasets (repeatable)")
    List<String> datasets = new ArrayList<>();

    @Option(names = "--split", description = "export only train, valid or test")
    String split;

    @Option(names = "--type-map", split = ",",
            description = "deepmd type map shared by all systems, e.g. O,H (default: the table's type map)")
    List<String> typeMap = new ArrayList<>();

    @Override
    public Integer call() {
        int setSize = job.config().getInt("export.set-size");
        String cmd = JobOptions.commandLine(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        Map<String, Long> written = ExportJob.run(job.spark("export"), frames, version, output, ExportFormat.of(format),
                datasets, split, typeMap, setSize, cmd);
        long total = written.values().stream().mapToLong(Long::longValue).sum();
        var out = spec.commandLine().getOut();
        out.printf("exported %d frames as %s into %s (%d outputs)%n", total, format, output, written.size());
        written.forEach((path, n) -> out.printf("  %-60s %8d%n", path, n));
        out.flush();
        return 0;
    }
}
