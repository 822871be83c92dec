package org.dpspark.cli;

import org.dpspark.core.JobOptions;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dpspark.core.JobConfig;
import org.dpspark.train.job.ResumeCheck;
import org.dpspark.train.job.TrainJob;
import org.dpspark.train.job.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark train}: frames table → Deep Potential model artifact (data-parallel on Spark). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a Deep Potential (se_e2_a + energy fitting) on a frames table, data-parallel on Spark;"
                + " writes the model folder, lcurve.csv/png, stats.json and checkpoints.")
public final class TrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JobOptions job;

    @Option(names = "--frames", required = true, description = "frames table folder")
    String frames;

    @Option(names = "--stats", description = "statistics file (stats.json of an earlier run); default: computed from the data")
    String stats;

    @Option(names = {"-o", "--output"}, required = true, description = "model folder")
    String output;

    @Option(names = "--resume", description = "continue from the checkpoint in the output folder (an error when there is none, or when"
            + " its network differs from the configuration)")
    boolean resume;

    @Option(names = "--ensemble", defaultValue = "1", description = "train N models differing only in seed (output/model_k)")
    int ensemble;

    @Override
    public Integer call() throws Exception {
        Config config = job.config();
        TrainSettings s = TrainSettings.from(config);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("command", JobOptions.commandLine(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new)));
        prov.put("frames", frames);
        prov.put("config", JobConfig.json(config, "train"));
        PrintWriter out = spec.commandLine().getOut();
        if (resume) {
            ResumeCheck.check(s, Path.of(output), ensemble, out);
        }
        List<TrainJob.Result> res = new TrainJob(job.spark("train"), s, out).run(frames, stats == null ? null : Path.of(stats),
                Path.of(output), resume, ensemble, prov);
        for (TrainJob.Result r : res) {
            out.printf(Locale.ROOT, "model %s: %d steps in %.1f s (%.1f frames/s), validation RMSE E %.3f meV/atom, F %.2f meV/Å%n",
                    r.model(), r.steps(), r.wallSeconds(), r.framesPerSecond(), 1000 * r.validation().energyRmse(),
                    1000 * r.validation().forceRmse());
        }
        out.flush();
        return 0;
    }
}
