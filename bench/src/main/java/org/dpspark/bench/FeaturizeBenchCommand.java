package org.dpspark.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dpspark.bench.featurize.FeaturizeBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark bench featurize}. */
@Command(name = "featurize", mixinStandardHelpOptions = true,
        description = "Per-core atoms/s of neighbour list + env matrix + derivatives and of G2/G4 on the shared water"
                + " data, FLOPs per atom vs the measured one-core peak, Spark speed-up local[1] → local[2].")
public final class FeaturizeBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--water", description = "deepmd/npy water folder (default: ../shared/data/deepmd/water)")
    Path water = Path.of("../shared/data/deepmd/water");

    @Option(names = "--seconds", description = "timing per kernel measurement (default: 5)")
    double seconds = 5;

    @Option(names = "--repeats", description = "repeats, best kept (default: 2)")
    int repeats = 2;

    @Option(names = "--spark", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run the Spark speed-up (local[1] vs local[2]); --no-spark skips it")
    boolean spark = true;

    @Option(names = "--kernels", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "time the single-core kernels and the peak; --no-kernels skips them")
    boolean kernels = true;

    @Option(names = "--work", description = "scratch folder (default: /tmp/dpspark-bench-featurize)")
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "dpspark-bench-featurize");

    @Override
    public Integer call() throws Exception {
        var r = FeaturizeBench.run(water, work, seconds, repeats, kernels, spark);
        spec.commandLine().getOut().print(FeaturizeBench.render(r));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
