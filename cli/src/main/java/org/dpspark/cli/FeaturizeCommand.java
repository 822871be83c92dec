package org.dpspark.cli;

import org.dpspark.core.JobOptions;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpspark.core.JobConfig;
import org.dpspark.featurize.job.FeaturizeJob;
import org.dpspark.featurize.job.FeaturizeSettings;
import org.dpspark.featurize.job.FeaturizeSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark featurize}: frames table → statistics for train (stats.json) + descriptors table. */
@Command(name = "featurize", mixinStandardHelpOptions = true,
        description = "Neighbour statistics (sel auto, histograms), davg/dstd, energy bias and neighbour overflow as"
                + " distributed aggregations into <output>/stats.json; per-atom descriptors into <output>/descriptors;"
                + " with --environments the se_e2_a environment matrices into <output>/environments.")
public final class FeaturizeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JobOptions job;

    @Option(names = "--frames", required = true, description = "frames table folder")
    String frames;

    @Option(names = {"-o", "--output"}, required = true, description = "output folder")
    String output;

    @Option(names = "--type-map", split = ",", description = "type names by type index, e.g. O,H (default: the"
            + " table's type labels, sorted)")
    List<String> typeMap;

    @Option(names = "--sel", description = "slots per type, e.g. 46,92, or auto[:ratio] (default: auto)")
    String sel;

    @Option(names = "--environments", description = "also write the se_e2_a environment matrices (big: small datasets)")
    boolean environments;

    @Override
    public Integer call() {
        var config = config();
        String cmd = JobOptions.commandLine(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        FeaturizeSettings s = FeaturizeSettings.fromConfig(config, frames, output, cmd,
                JobConfig.json(config, "featurize"));
        FeaturizeSummary summary = FeaturizeJob.run(job.spark("featurize"), s);
        spec.commandLine().getOut().print(summary.render());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The effective configuration: the defaults, --conf, --set and this command's options as typed values. */
    Config config() {
        if (typeMap != null) {
            job.set("model.type-map", typeMap);
        }
        if (sel != null) {
            job.set("model.sel", SelOption.value(sel));
        }
        if (environments) {
            job.set("featurize.environments", true);
        }
        return job.config();
    }

}
