package org.dpspark.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dpspark.bench.train.TrainBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark bench train}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Training steps/s, frames/s and atom-frames/s per core (library-default and water-example networks,"
                + " a 192-atom water frame), FLOPs per step vs the measured peak, memory of a water batch, dl4j-spark"
                + " and rdd speed-up from 1 to 2 workers for both networks.")
public final class TrainBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--water", description = "deepmd/npy water folder (default: ../shared/data/deepmd/water)")
    Path water = Path.of("../shared/data/deepmd/water");

    @Option(names = "--seconds", description = "timing per measurement (default: 5)")
    double seconds = 5;

    @Option(names = "--spark", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run the 1 → 2 worker speed-up; --no-spark skips it")
    boolean spark = true;

    @Option(names = "--averaging-frequency", description = "steps per worker and round of the speed-up (default: the"
            + " configured train.parallel.averaging-frequency)")
    int averagingFrequency = 0;

    @Option(names = "--work", description = "scratch folder (default: /tmp/dpspark-bench-train)")
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "dpspark-bench-train");

    @Override
    public Integer call() throws Exception {
        if (averagingFrequency < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--averaging-frequency must be a positive number of steps (or 0 for the configured default), got " + averagingFrequency);
        }
        var r = TrainBench.run(water, work, seconds, spark, averagingFrequency);
        spec.commandLine().getOut().print(TrainBench.render(r));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
