package org.dpspark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the dpspark jar: one sub-command per job. */
@Command(name = "dpspark", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Deep Potential pipeline on Apache Spark: ingest, featurize, train, simulate.",
        subcommands = {IngestCommand.class, FeaturizeCommand.class, SelectCommand.class, StatsCommand.class,
                ExportCommand.class, ImportModelCommand.class, ExportModelCommand.class, CompressCommand.class, TrainCommand.class,
                TestCommand.class, SimulateCommand.class, org.dpspark.cli.LoopCommand.class, org.dpspark.bench.BenchCommand.class,
                SchemaDocCommand.class})
public final class Main implements Runnable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code. */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs a command line with the given output and error streams (used by tests); returns the exit code. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("dpspark " + cmd.getCommandName() + ": error: " + ErrorLine.of(e));
            LOG.debug("dpspark {} failed", cmd.getCommandName(), e);
            if (verbose(cmd) || System.getenv("DPSPARK_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return 2;
        });
        return cl.execute(args);
    }

    /** Whether the failed command was given {@code --verbose}. */
    private static boolean verbose(CommandLine cmd) {
        CommandLine.Model.OptionSpec o = cmd.getCommandSpec().findOption("--verbose");
        return o != null && Boolean.TRUE.equals(o.getValue());
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
