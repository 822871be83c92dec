package org.dpspark.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.dpspark.cli.bench.IngestBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark bench <stage>}: benchmarks that print figures and ratios. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: figures and ratios.",
        subcommands = {BenchCommand.Ingest.class, FeaturizeBenchCommand.class})
public final class BenchCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code dpspark bench ingest}. */
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Ingest throughput on generated water-sized deepmd/npy data vs the direct Parquet write floor.")
    static final class Ingest implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin JobOptions job;

        @Option(names = "--sizes", split = ",", description = "frame counts to measure (default: 50000,100000,200000)")
        List<Long> sizes = List.of(50_000L, 100_000L, 200_000L);

        @Option(names = "--frames-per-system", description = "frames per generated system (default: 5000)")
        int framesPerSystem = 5000;

        @Option(names = "--repeats", description = "runs of each measurement, best kept (default: 2)")
        int repeats = 2;

        @Option(names = "--work", description = "scratch folder (default: /tmp/dpspark-bench)")
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "dpspark-bench");

        @Override
        public Integer call() throws Exception {
            SparkSession spark = job.spark("bench ingest");
            int splitFrames = job.config().getInt("ingest.split-frames");
            var results = IngestBench.run(spark, work, sizes, framesPerSystem, splitFrames, repeats);
            CommandLine cl = spec.commandLine();
            cl.getOut().print(IngestBench.render(results, spark.sparkContext().defaultParallelism()));
            cl.getOut().flush();
            return 0;
        }
    }
}
