package org.dpspark.cli;

import org.dpspark.loop.LoopReport;
import org.dpspark.loop.LoopRunner;

import org.dpspark.loop.LoopSettings;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dpspark.core.JobOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark loop}: concurrent learning (train an ensemble → explore with MD → select by model deviation → label → append). */
@Command(name = "loop", mixinStandardHelpOptions = true,
        description = "Concurrent learning (DP-GEN): iterations of ensemble training, MD exploration with model deviation,"
                + " selection of candidates, labelling (reference potential or QM program) and appending to the frames"
                + " table, until the accurate fraction passes loop.accurate-fraction. Resumes where a killed run stopped.")
public final class LoopCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JobOptions job;

    @Option(names = {"-o", "--output"}, required = true, description = "loop folder (state, tables, models, report)")
    String output;

    @Option(names = "--stop-after", hidden = true, description = "test hook: stop after this step (e.g. iter-000/label)")
    String stopAfter;

    @Override
    public Integer call() throws Exception {
        LoopSettings s = new LoopSettings(job.config());
        s.checkLabeler(); // the QM program and its data files, before the Spark session
        PrintWriter out = spec.commandLine().getOut();
        String cmd = JobOptions.commandLine(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        long t0 = System.nanoTime();
        List<LoopReport.Row> rows;
        try {
            rows = new LoopRunner(job.spark("loop"), s, Path.of(output), out, cmd, stopAfter).run();
        } catch (LoopRunner.Stopped e) {
            out.println("loop: " + e.getMessage());
            out.flush();
            return 3;
        }
        out.printf(Locale.ROOT, "loop: %d iterations in %.0f s this run; report: %s%n", rows.size(),
                (System.nanoTime() - t0) / 1e9, Path.of(output, "report.md"));
        out.print(java.nio.file.Files.readString(Path.of(output, "report.md")));
        out.flush();
        return 0;
    }
}
