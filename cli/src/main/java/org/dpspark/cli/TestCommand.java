package org.dpspark.cli;

import org.dpspark.core.JobOptions;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dpspark.train.job.Metrics;
import org.dpspark.train.job.TestJob;
import org.dpspark.train.job.TrainCompute;
import org.dpspark.train.job.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark test}: a model on a frames table → metrics, parity plots, per-frame predictions. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Test a model on a frames table: energy/force/virial RMSE and MAE (overall, per dataset, forces per"
                + " element), parity plots (PNG) and per-frame predictions (Parquet).")
public final class TestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JobOptions job;

    @Option(names = "--model", required = true, description = "model folder")
    String model;

    @Option(names = "--frames", required = true, description = "frames table folder")
    String frames;

    @Option(names = {"-o", "--output"}, description = "results folder (default: <model>/test)")
    String output;

    @Override
    public Integer call() throws Exception {
        Config c = job.config().getConfig("test");
        Path out = Path.of(output != null ? output : model + "/test");
        Files.createDirectories(out);
        Map<String, Metrics> m = TestJob.run(job.spark("test"), Path.of(model), frames, c.getStringList("datasets"),
                c.getStringList("splits"), c.getInt("batch-frames"), c.getInt("parity-max-points"), out,
                TrainSettings.compute(job.config().getConfig("train")) == TrainCompute.KERNEL);
        PrintWriter w = spec.commandLine().getOut();
        if (org.dpspark.model.DeepPotModel.load(Path.of(model)).compressed()) {
            w.println("note: " + model + " is compressed; the test predicts with its uncompressed nets (the training"
                    + " graph or kernel), the tables run in MD (simulate, execution java)");
        }
        w.print(TestJob.csv(m));
        w.println("test: " + org.dpspark.core.DatasetSidecar.json().readTree(
                out.resolve(org.dpspark.core.table.FramesUsed.FILE_NAME).toFile()).toString());
        w.println("results: " + out.resolve("metrics.csv") + ", " + out.resolve("parity_energy.png") + ", "
                + out.resolve("parity_force.png") + ", " + out.resolve("predictions"));
        w.flush();
        return 0;
    }
}
