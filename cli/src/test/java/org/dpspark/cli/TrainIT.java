package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train and test through the command line on a local Spark, on real water data (data_0 to train, data_3 to validate
 * and test): a tiny model for a few dozen steps with two data-parallel workers (dl4j-spark SparkComputationGraph,
 * parameter averaging); the validation energy error falls, the artifact loads in simulate's evaluator, --resume
 * continues from the checkpoint, and test writes its outputs.
 */
class TrainIT {
    @Test
    void trainsResumesAndTestsOnWater(@TempDir Path tmp) throws Exception {
        Path table = tmp.resolve("frames");
        Cli.run("ingest", "-i", SharedData.path("deepmd/water/data_0").toString(), SharedData.path("deepmd/water/data_3").toString(),
                "-o", table.toString());
        Path model = tmp.resolve("model");
        String[] common = {"--frames", table.toString(), "-o", model.toString(), "--conf",
                Path.of(System.getProperty("dpspark.root"), "conf/train.conf").toString(),
                "--set", "train.data.datasets=[data_0]",
                "--set", "train.model.neuron=[4,8]", "--set", "train.model.axis-neuron=2",
                "--set", "train.model.fitting-neuron=[16,16]", "--set", "model.sel=auto",
                "--set", "train.learning-rate.start=0.005", "--set", "train.learning-rate.stop=0.001",
                "--set", "train.learning-rate.decay-steps=10", "--set", "train.disp-freq=10", "--set", "train.save-freq=10",
                "--set", "train.parallel.workers=2", "--set", "train.parallel.averaging-frequency=5",
                "--set", "train.data.valid-max-frames=4"};
        String out = Cli.run(Cli.concat(new String[] {"train", "--set", "train.steps=20"}, common));
        assertTrue(out.contains("step 20/20"), out);
        // the default distributed path: dl4j-spark's SparkComputationGraph, parameter averaging over 2 local workers
        assertTrue(out.contains("for 2 workers), dl4j-spark SparkComputationGraph, mode averaging"), out);
        String resumed = Cli.run(Cli.concat(new String[] {"train", "--resume", "--set", "train.steps=40"}, common));
        assertTrue(resumed.contains("resuming") && resumed.contains("step 40/40"), resumed);
        List<String> rows = Files.readAllLines(model.resolve("lcurve.csv"));
        assertEquals(TrainJobHeader.HEADER, rows.get(0));
        assertEquals(5, rows.size() - 1, "rows at steps 0, 10, 20, 30, 40: " + rows);
        String[] first = rows.get(1).split(","), last = rows.get(rows.size() - 1).split(",");
        double e0 = Double.parseDouble(first[9]), eEnd = Double.parseDouble(last[9]);
        double f0 = Double.parseDouble(first[10]), fEnd = Double.parseDouble(last[10]);
        // 40 steps move the energy (whose prefactor ramps up from 0.02) a lot, forces only slowly (DeePMD-kit needs
        // ~10³ steps for them too): the validation energy error must fall, the force error must not grow.
        assertTrue(eEnd < 0.5 * e0, "validation energy RMSE falls: " + e0 + " → " + eEnd + "\n" + rows);
        assertTrue(fEnd <= 1.01 * f0, "validation force RMSE does not grow: " + f0 + " → " + fEnd + "\n" + rows);
        assertTrue(Files.exists(model.resolve("lcurve.png")));
        assertTrue(Files.size(model.resolve("lcurve_time.png")) > 0, "learning curve against wall time");
        DeepPotModel m = DeepPotModel.load(model);
        assertEquals(List.of("O", "H"), m.typeMap());
        // Which data made this model: the table version read, and the digest of the training frames' ids.
        long version = org.dpspark.core.table.DeltaTables.latestVersion(LocalSpark.get(), table.toString());
        assertEquals(version, ((Number) m.provenance().get("frames_version")).longValue(), m.provenance().toString());
        String digest = org.dpspark.core.table.FramesTableInfo.frameIdDigest(org.dpspark.train.data.FrameSource.select(
                LocalSpark.get(), table.toString(), version, List.of("data_0"), List.of("train", "valid", "test")));
        assertEquals(digest, m.provenance().get("frames_id_digest"), m.provenance().toString());
        assertTrue(out.contains("frames table version " + version + ", "), out);
        DeepPotResult r = new DeepPotEvaluator(m).evaluate(new double[] {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0}, null, new int[] {0, 1, 1});
        assertTrue(Double.isFinite(r.energy()));
        String test = Cli.run("test", "--model", model.toString(), "--frames", table.toString(), "--set", "test.datasets=[data_3]");
        assertTrue(test.contains("dataset:data_3") && test.contains("element:H"), test);
        assertTrue(Files.exists(model.resolve("test/parity_force.png")) && Files.exists(model.resolve("test/predictions")));
    }

    /**
     * {@code train.max-time}: a 60 s budget (the first round, not timed, took up to 45 s on a loaded 2-core machine) with a step cap far out of reach. The run plans its steps from its speed,
     * ends within the budget (plus the round in progress and the final validation: seconds for this tiny model), and its
     * learning rate has decayed to lr_stop at the end, within one step of DeePMD-kit's staircase.
     */
    @Test
    void aWallTimeBudgetPlansTheSteps(@TempDir Path tmp) throws Exception {
        Path table = tmp.resolve("frames");
        Cli.run("ingest", "-i", SharedData.path("deepmd/water/data_0").toString(), "-o", table.toString());
        Path model = tmp.resolve("model");
        double start = 0.005, stop = 0.001;
        int budget = 60;
        String out = Cli.run("train", "--frames", table.toString(), "-o", model.toString(),
                "--set", "train.model.neuron=[4,8]", "--set", "train.model.axis-neuron=2",
                "--set", "train.model.fitting-neuron=[16,16]", "--set", "model.sel=auto", "--set", "model.type-map=[O,H]",
                "--set", "train.learning-rate.start=" + start, "--set", "train.learning-rate.stop=" + stop,
                "--set", "train.learning-rate.decay-steps=5", "--set", "train.disp-freq=5", "--set", "train.save-freq=1000",
                "--set", "train.parallel.workers=2", "--set", "train.parallel.averaging-frequency=5",
                "--set", "train.learning-rate.scale-by-workers=none", "--set", "train.data.splits=[train,valid,test]",
                "--set", "train.data.valid-max-frames=2", "--set", "train.steps=1000000", "--set", "train.max-time=" + budget + "s");
        assertTrue(out.contains("steps planned"), out);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("model written to .* \\((\\d+) steps, ([0-9.]+) s").matcher(out);
        assertTrue(m.find(), out);
        long steps = Long.parseLong(m.group(1));
        double wall = Double.parseDouble(m.group(2));
        assertTrue(steps > 10 && steps < 1_000_000, "planned steps: " + steps + "\n" + out);
        assertTrue(wall <= budget + 10, "training loop " + wall + " s for a " + budget + " s budget\n" + out);
        List<String> rows = Files.readAllLines(model.resolve("lcurve.csv"));
        String[] last = rows.get(rows.size() - 1).split(",");
        double lrLast = Double.parseDouble(last[1]);
        // lr(N) = start·q^⌊N/s⌋ with q^(N/s) = stop/start: between stop and stop·(start/stop)^(s/N)
        // (unless the machine slowed down after the plan and the budget stopped the run early, which the log says)
        double upper = out.contains("spent at step") ? start : stop * Math.pow(start / stop, 5.0 / steps) * (1 + 1e-9);
        assertTrue(lrLast >= stop * (1 - 1e-9) && lrLast <= upper, "lr at the last step " + lrLast + " of " + steps + "\n" + rows);
    }

    /** The log header, as the job writes it. */
    static final class TrainJobHeader {
        static final String HEADER = org.dpspark.train.job.TrainingLog.HEADER;
    }
}
