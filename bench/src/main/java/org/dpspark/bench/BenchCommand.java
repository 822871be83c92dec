package org.dpspark.bench;

import org.dpspark.core.JobOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.dpspark.bench.ingest.IngestBench;
import org.dpspark.bench.ingest.ReaderThroughput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark bench <stage>}: benchmarks that print figures and ratios. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: figures and ratios.",
        subcommands = {BenchCommand.Ingest.class, FeaturizeBenchCommand.class, BenchCommand.Simulate.class, TrainBenchCommand.class})
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

        @Option(names = "--readers-mb", description = "size of the OUTCAR and HDF5 files of the reader benchmark, MB"
                + " (default: 200; 0 skips it)")
        int readersMb = 200;

        @Option(names = "--shared", description = "the shared data folder (default: ../shared/data)")
        Path shared = Path.of("..", "shared", "data");

        @Option(names = "--work", description = "scratch folder (default: /tmp/dpspark-bench)")
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "dpspark-bench");

        @Override
        public Integer call() throws Exception {
            SparkSession spark = job.spark("bench ingest");
            var results = IngestBench.run(spark, job.config(), work, sizes, framesPerSystem, repeats);
            CommandLine cl = spec.commandLine();
            cl.getOut().print(IngestBench.render(results, spark.sparkContext().defaultParallelism()));
            if (readersMb > 0) {
                cl.getOut().print(ReaderThroughput.render(ReaderThroughput.run(work.resolve("readers"),
                        shared.resolve("vasp/OUTCAR.h2o.md"), readersMb, repeats)));
            }
            cl.getOut().flush();
            return 0;
        }
    }

    /** {@code dpspark bench simulate}. */
    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "MD atom-steps/s per core: Deep Potential water (deeppot_sea) for 192 to 12,288 atoms with"
                    + " FLOPs against the measured peak, Lennard-Jones argon, and the LJ liquid against LAMMPS.")
    static final class Simulate implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--molecules", split = ",", description = "water-box sizes in molecules (default: 64,512,4096)")
        List<Integer> molecules = List.of(64, 512, 4096);

        @Option(names = "--executions", split = ",", description = "Deep Potential calculators: java (default: the batched"
                + " Vector API evaluator), java-reference (the slow straightforward one), auto, gpu, opencl-cpu, jtp (Aparapi kernels; their rows are per process, not per core)")
        List<String> executions = List.of("java");

        @Option(names = "--seconds", description = "least timed seconds per size (default: 3)")
        double seconds = 3.0;

        @Option(names = "--model", description = "Deep Potential: model directory or DeePMD-kit file"
                + " (default: ../shared/data/deepmd-models/deeppot_sea.yaml)")
        Path model = Path.of("..", "shared", "data", "deepmd-models", "deeppot_sea.yaml");

        @Option(names = "--lammps-repeat", description = "rounds of the 32,000-atom LJ liquid, dpspark and LAMMPS (lmp)"
                + " back to back, medians compared (default: 3; 0 skips it)")
        int lammpsRepeat = 3;

        @Override
        public Integer call() throws Exception {
            // the peak per CPU-second of the measuring thread, like the per-core figures (a shared machine stretches
            // the wall time of both alike)
            var peak = org.dpspark.bench.PeakFlops.measure(2.0);
            var m = org.dpspark.model.DeepPotModel.read(model);
            var rows = org.dpspark.bench.simulate.DeepPotMdBench.run(m, molecules, executions, seconds);
            spec.commandLine().getOut().print(org.dpspark.bench.simulate.DeepPotMdBench.render(rows,
                    peak.gflops(), peak.kernel() + " per CPU-second; " + peak.detail()));
            spec.commandLine().getOut().flush();
            if (lammpsRepeat > 0) {
                org.dpspark.bench.simulate.LjBench.main(new String[] {"--repeat", Integer.toString(lammpsRepeat)});
            }
            return 0;
        }
    }
}
