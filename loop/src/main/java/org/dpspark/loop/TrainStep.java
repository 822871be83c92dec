package org.dpspark.loop;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.dpspark.model.DeepPotModel;
import org.dpspark.train.job.Checkpoint;
import org.dpspark.train.job.TrainJob;
import org.dpspark.train.job.TrainSettings;
import org.dpspark.train.job.Trainer;

/**
 * Trains the iteration's ensemble with {@link TrainJob} ({@code dir/model_k}, seeds {@code train.model.seed + k}).
 * With starting models (the previous iteration's, or {@code loop.train.init-model}: a dpspark model folder or a
 * DeePMD-kit {@code .yaml}/{@code .dp} file) each member starts from one of them instead of a random initialisation:
 * a step-0 checkpoint with its parameters (fresh Adam state) is written into {@code model_k} and training resumes from
 * it for {@code loop.train.fine-tune-steps} steps (0: {@code train.steps}) from the learning rate
 * {@code loop.train.fine-tune-lr} (0: {@code train.learning-rate.start}; a high restart undoes what the model had
 * learnt). A killed training resumes from its last
 * checkpoint.
 */
final class TrainStep {
    private TrainStep() {}

    static List<TrainJob.Result> run(SparkSession spark, LoopSettings s, String frames, Path dir, List<String> startFrom,
            Map<String, Object> provenance, PrintWriter out) throws IOException {
        TrainSettings ts = TrainSettings.from(s.root);
        if (!startFrom.isEmpty()) ts = ts.fineTune(s.fineTuneSteps, s.fineTuneLr);
        for (int k = 0; k < s.models && !startFrom.isEmpty(); k++) {
            Path mk = dir.resolve("model_" + k);
            if (Checkpoint.exists(mk)) continue; // a killed run: resume from where it got to
            DeepPotModel init = DeepPotModel.read(Path.of(startFrom.get(k % startFrom.size())));
            double[] p = new Trainer(init, ts.withSeed(ts.network().seed() + k)).params().clone();
            Checkpoint.save(mk, init, new Checkpoint.State(0, p, new double[p.length], new double[p.length], 0, ts.network().seed() + k));
            out.printf("loop: model_%d starts from %s%n", k, startFrom.get(k % startFrom.size()));
        }
        return new TrainJob(spark, ts, out).run(frames, null, dir, true, s.models, provenance);
    }
}
