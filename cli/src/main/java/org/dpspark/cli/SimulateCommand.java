package org.dpspark.cli;

import com.typesafe.config.Config;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.JobOptions;
import org.dpspark.core.TableFiles;
import org.dpspark.simulate.ensemble.EnsembleJob;
import org.dpspark.simulate.ensemble.SimulateSettings;
import org.dpspark.simulate.ensemble.XyzFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark simulate}: an ensemble of independent MD trajectories, one per Spark task. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run an MD ensemble (structures × potentials × integrators × temperatures × seeds, one trajectory"
                + " per Spark task): trajectories and summary tables, extxyz files and plots under --output.")
public final class SimulateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JobOptions job;

    @Option(names = {"-o", "--output"}, required = true, description = "output folder (trajectories/, summary/, xyz/, plots/)")
    String output;

    @Option(names = "--overwrite", description = "replace the outputs of an earlier run in --output (after the new run"
            + " completed)")
    boolean overwrite;

    @Override
    public Integer call() {
        Config config = job.config();
        SimulateSettings settings = SimulateSettings.fromConfig(config);
        String cmd = JobOptions.commandLine(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        SparkSession spark = job.spark("simulate");
        EnsembleJob.Result result = EnsembleJob.run(spark, settings, output, overwrite, cmd);
        var out = spec.commandLine().getOut();
        out.print(result.render());
        if (settings.xyz() && EnsembleJob.localPath(output) == null) {
            out.println("extxyz: skipped (" + output + " is not on the local file system)");
        } else if (settings.xyz()) {
            int n = XyzFiles.write(spark, output, result.modes());
            out.println("extxyz: " + n + " files in " + output + "/xyz");
        } else if (overwrite) {
            new TableFiles(spark.sparkContext().hadoopConfiguration()).delete(output + "/xyz"); // an earlier run's
        }
        out.flush();
        return 0;
    }

}
