package org.dpspark.cli;

import org.dpspark.core.JobOptions;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dpspark.core.plot.Charts;
import org.dpspark.ingest.stats.DatasetStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dpspark stats --frames <table>}: print and plot dataset statistics. The table may also be given positionally
 * ({@code dpspark stats <table>}, the form of earlier releases); giving two different tables is an error.
 */
@Command(name = "stats", mixinStandardHelpOptions = false,
        description = "Print dataset statistics of a frames table and plot energy-per-atom and force-magnitude"
                + " distributions (PNG).")
public final class StatsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JobOptions job;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--frames", description = "frames table folder")
    String frames;

    @Parameters(index = "0", arity = "0..1", description = "frames table folder (same as --frames)")
    String positional;

    @Option(names = "--version", paramLabel = "N",
            description = "statistics of the table as of its version N (Delta time travel; default: the current version)")
    Long version;

    @Option(names = "--plots", description = "folder for the PNG plots (default: <table>/_stats)")
    String plots;

    @Override
    public Integer call() {
        String table = table();
        int bins = job.config().getInt("stats.bins");
        DatasetStats s = DatasetStats.compute(job.spark("stats"), table, version, bins);
        Path dir = Path.of(plots != null ? plots : table + "/_stats");
        Charts.histogram(dir.resolve("energy_per_atom.png"), "Energy per atom minus its dataset's mean",
                "E/N − ⟨E/N⟩ (eV/atom)", s.energyPerAtom);
        Charts.histogram(dir.resolve("force_magnitude.png"), "Force magnitude", "|F| (eV/Å)", s.forceMagnitude);
        spec.commandLine().getOut().print(s.render());
        spec.commandLine().getOut().println("plots: " + dir.resolve("energy_per_atom.png") + ", "
                + dir.resolve("force_magnitude.png"));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String table() {
        if (frames != null && positional != null && !frames.equals(positional)) {
            throw new IllegalArgumentException("two tables given: --frames " + frames + " and " + positional);
        }
        if (frames == null && positional == null) {
            throw new IllegalArgumentException("missing the frames table: --frames <table>");
        }
        return frames != null ? frames : positional;
    }
}
