package org.dpspark.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.table.TrajectoryFramesTable;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.table.FramesUsed;
import org.dpspark.core.JobConfig;
import org.dpspark.ingest.job.IngestJob;
import org.dpspark.ingest.job.IngestSettings;
import org.dpspark.ingest.job.IngestSummary;
import org.dpspark.simulate.ensemble.EnsembleJob;
import org.dpspark.simulate.ensemble.PotentialSpec;
import org.dpspark.simulate.ensemble.PotentialType;
import org.dpspark.simulate.ensemble.SimulateSettings;
import org.dpspark.train.job.Metrics;
import org.dpspark.train.job.TestJob;
import org.dpspark.train.job.TrainCompute;
import org.dpspark.train.job.TrainSettings;

/**
 * The concurrent-learning loop (DP-GEN's exploration–labelling–training) on the driver. Layout of the loop folder:
 * <pre>
 * frames/            the training frames table (ingest's table: content-hash ids, appended per labelling)
 * testset/           frames table of fresh reference MD frames (test error per iteration)
 * init/ testset-md/  MD and labels that made them
 * iter-NNN/models/   model_0..n-1 (TrainJob ensemble)          iter-NNN/test/      metrics of model_0 on testset
 * iter-NNN/compressed/ model_0..n-1 compressed + summary.json (loop.compress = true: the exploration's models)
 * iter-NNN/explore/  trajectories + summary (EnsembleJob)      iter-NNN/select/    candidates/ + summary.json
 * iter-NNN/label/    labels/, rejects/, labelled.xyz, summary.json
 * state.json         finished steps (resume skips them)        report.csv/.md/.png the per-iteration report
 * qm/&lt;frame id&gt;/     one folder per QM calculation (cp2k, xtb) with its result.json: never computed twice
 * </pre>
 * Steps: {@code init}, {@code testset}, then per iteration {@code train}, {@code test}, {@code compress} (with
 * {@code loop.compress}), {@code explore},
 * {@code select} (stops the loop when the accurate fraction reaches {@code loop.accurate-fraction} in an iteration that
 * runs the last exploration stage), {@code label},
 * {@code append}. Each step's outputs are complete before it is recorded; a step interrupted by a kill is redone
 * (training resumes from its checkpoint; appending is idempotent because ingest skips frame ids already in the table).
 */
public final class LoopRunner {
    /** Thrown by the test hook that stops the loop after a named step. */
    public static final class Stopped extends RuntimeException {
        Stopped(String step) { super("stopped after step " + step + " (--stop-after)"); }
    }

    private final SparkSession spark;
    private final LoopSettings s;
    private final Path dir;
    private final PrintWriter out;
    private final String commandLine;
    private final String stopAfter;
    private final LoopState state;
    private final Labeler labeler;

    public LoopRunner(SparkSession spark, LoopSettings s, Path dir, PrintWriter out, String commandLine, String stopAfter)
            throws IOException {
        this.spark = spark;
        this.s = s;
        this.dir = dir.toAbsolutePath().normalize();
        this.out = out;
        this.commandLine = commandLine;
        this.stopAfter = stopAfter;
        Files.createDirectories(this.dir);
        this.state = LoopState.open(this.dir);
        this.labeler = Labeler.of(s, this.dir);
    }

    private interface Body { void run() throws IOException; }

    private void step(String name, Body body) throws IOException {
        if (state.done(name)) {
            out.println("loop: " + name + " already finished, skipped");
        } else {
            out.println("loop: " + name + " ...");
            out.flush();
            long t0 = System.nanoTime();
            body.run();
            double sec = (System.nanoTime() - t0) / 1e9;
            state.finish(name, sec);
            out.printf(Locale.ROOT, "loop: %s finished in %.1f s%n", name, sec);
            out.flush();
        }
        if (name.equals(stopAfter)) throw new Stopped(name);
    }

    String frames() { return dir.resolve("frames").toString(); }

    String testset() { return dir.resolve("testset").toString(); }

    static String iter(int i) { return String.format(Locale.ROOT, "iter-%03d", i); }

    /** Runs (or resumes) the loop; returns the report rows. */
    public List<LoopReport.Row> run() throws IOException {
        out.println("loop: folder " + dir + ", labeler: " + labeler.describe());
        step("init", this::init);
        if (s.testEnabled()) step("testset", this::testSet);
        List<String> previous = s.initModel.isEmpty() ? List.of() : List.of(s.initModel);
        for (int i = 0; i < s.maxIterations; i++) {
            int ii = i;
            String it = iter(i);
            Path id = dir.resolve(it);
            List<String> start = previous;
            step(it + "/train", () -> TrainStep.run(spark, s, frames(), id.resolve("models"), start, provenance(it), out));
            List<String> models = new ArrayList<>();
            for (int k = 0; k < s.models; k++) models.add(id.resolve("models/model_" + k).toString());
            if (s.testEnabled()) step(it + "/test", () -> test(models.get(0), id.resolve("test")));
            List<String> explorers = s.compress ? CompressStep.models(id, s.models) : models;
            if (s.compress) step(it + "/compress", () -> CompressStep.run(spark, s, frames(), models, id, out));
            step(it + "/explore", () -> explore(ii, explorers, id.resolve("explore")));
            step(it + "/select", () -> select(id, ii));
            JsonNode sel = DatasetSidecar.json().readTree(id.resolve("select/summary.json").toFile());
            boolean lastStage = i >= s.explore.size() - 1; // converged only over the whole exploration range
            boolean converged = lastStage && sel.path("accurate_fraction").asDouble() >= s.accurateFraction;
            if (converged) {
                out.printf(Locale.ROOT, "loop: converged at %s: accurate fraction %.4f >= %.4f%n", it,
                        sel.path("accurate_fraction").asDouble(), s.accurateFraction);
                break;
            }
            step(it + "/label", () -> label(it, id.resolve("select/candidates").toString(), id.resolve("label")));
            step(it + "/append", () -> append(id.resolve("label"), it, frames()));
            writeReport();
            previous = s.trainInit == TrainInit.PREVIOUS ? models : previous;
        }
        return writeReport();
    }

    private List<LoopReport.Row> writeReport() throws IOException {
        return LoopReport.write(dir, state, s);
    }

    private Map<String, Object> provenance(String it) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("command", commandLine);
        p.put("loop_iteration", it);
        p.put("frames", frames());
        p.put("config", JobConfig.json(s.root, "train"));
        return p;
    }

    /** Initial data: ingest the given inputs, or run reference MD, label its frames and append them. */
    private void init() throws IOException {
        List<String> inputs = s.c.getStringList("init.inputs");
        if (!inputs.isEmpty() && s.initRelabel) {
            relabelInputs(inputs, s.initRelabelMax, dir.resolve("init"), "init", frames());
            return;
        }
        if (!inputs.isEmpty()) {
            IngestSummary sum = IngestJob.run(spark, ingestSettings(inputs, frames(), "init", null));
            out.printf("loop: init ingested %d frames (%d rejects) from %s%n", sum.framesWritten(), sum.rejects().size(), inputs);
            return;
        }
        mdAndLabel(s.md(s.c.getConfig("init"), s.potentialOr("init.potential")), dir.resolve("init"), "init", frames());
    }

    /**
     * Frames from structure files, labelled by the labeler: the inputs are ingested into {@code <where>/inputs}, the
     * first {@code max} frames (by source file and index) labelled (their own labels dropped) and appended to
     * {@code table} as {@code dataset} (the initial data, or the test set).
     */
    private void relabelInputs(List<String> inputs, int max, Path where, String dataset, String table) throws IOException {
        String in = where.resolve("inputs").toString();
        IngestSummary sum = IngestJob.run(spark, ingestSettings(inputs, in, dataset + "-inputs", null));
        out.printf("loop: %s ingested %d structures from %s to relabel%n", dataset, sum.framesWritten(), inputs);
        Dataset<Row> rows = DeltaTables.isDelta(spark, in) ? DeltaTables.read(spark, in) : spark.read().parquet(in);
        Dataset<Row> chosen = rows.orderBy(col(FramesTable.SOURCE_FILE), col(FramesTable.SOURCE_INDEX)).limit(max)
                .withColumn(TrajectoryFramesTable.TRAJECTORY_ID, col(FramesTable.SOURCE_FILE))
                .withColumn(TrajectoryFramesTable.STEP, col(FramesTable.SOURCE_INDEX).cast("long"));
        LabelStep.Result lr = LabelStep.run(spark, labeler, chosen, dataset, where.resolve("label"));
        writeLabelSummary(where.resolve("label"), lr);
        out.printf("loop: %s labelled %d of %d structures (%d failed, %d reused)%n", dataset, lr.labelled(),
                lr.candidates(), lr.failed(), lr.reused());
        requireLabelled(dataset, lr, where.resolve("label"));
        append(where.resolve("label"), dataset, table);
    }

    /**
     * The test set of every iteration: fresh reference MD frames, labelled; or frames from {@code loop.test.inputs}
     * (relabelled by the labeler, or with their own labels).
     */
    private void testSet() throws IOException {
        List<String> inputs = s.c.getStringList("test.inputs");
        if (inputs.isEmpty()) {
            mdAndLabel(s.md(s.c.getConfig("test"), s.potentialOr("test.potential")), dir.resolve("testset-md"), "testset", testset());
        } else if (s.testRelabel) {
            relabelInputs(inputs, s.testRelabelMax, dir.resolve("testset-md"), "testset", testset());
        } else {
            IngestSummary sum = IngestJob.run(spark, ingestSettings(inputs, testset(), "testset", null));
            out.printf("loop: testset ingested %d frames (%d rejects) from %s%n", sum.framesWritten(), sum.rejects().size(), inputs);
        }
    }

    private void mdAndLabel(SimulateSettings md, Path where, String dataset, String table) throws IOException {
        EnsembleJob.Result r = EnsembleJob.run(spark, md, where.resolve("md").toString(), true, commandLine);
        out.printf("loop: %s MD: %d trajectories, %d frames%n", dataset, r.summaries().size(), r.frames());
        LabelStep.Result lr = LabelStep.run(spark, labeler, org.dpspark.core.table.DeltaTables.read(spark, where.resolve("md/trajectories").toString()),
                dataset, where.resolve("label"));
        writeLabelSummary(where.resolve("label"), lr);
        requireLabelled(dataset, lr, where.resolve("label"));
        append(where.resolve("label"), dataset, table);
    }

    private void test(String model, Path where) throws IOException {
        Map<String, Metrics> m = TestJob.run(spark, Path.of(model), testset(), List.of(), List.of(),
                s.root.getInt("test.batch-frames"), s.root.getInt("test.parity-max-points"), where,
                TrainSettings.compute(s.root.getConfig("train")) == TrainCompute.KERNEL);
        Metrics all = m.get("all");
        ObjectNode n = DatasetSidecar.json().createObjectNode();
        n.put("model", model);
        n.put("frames", all.energyCount());
        n.put("energy_rmse_per_atom", all.energyRmse());
        n.put("force_rmse", all.forceRmse());
        // which test frames: the test set's version and frame-id digest (TestJob's frames_used.json)
        n.setAll((ObjectNode) DatasetSidecar.json().readTree(where.resolve(FramesUsed.FILE_NAME).toFile()));
        DatasetSidecar.json().writerWithDefaultPrettyPrinter().writeValue(where.resolve("summary.json").toFile(), n);
        out.printf(Locale.ROOT, "loop: test of %s on %d fresh reference frames: E %.2f meV/atom, F %.1f meV/Å%n", model,
                all.energyCount(), 1000 * all.energyRmse(), 1000 * all.forceRmse());
    }

    private void explore(int i, List<String> models, Path where) {
        var stage = s.stage(i);
        Map<String, Object> dp = new LinkedHashMap<>();
        dp.put("type", PotentialType.DEEP_POTENTIAL.configName());
        dp.put("model", models.get(0));
        dp.put("deviation-models", models);
        dp.put("execution", s.execution);
        List<PotentialSpec> pots = SimulateSettings.potentials(s.root, List.of(ConfigValueFactory.fromMap(dp).toConfig()),
                "loop.explore potential");
        SimulateSettings md = s.md(pots, stage.getDoubleList("temperatures"),
                SimulateSettings.seeds(stage.hasPath("seeds") ? stage : s.root.getConfig("simulate"), "seeds"),
                stage.hasPath("steps") ? stage.getLong("steps") : s.root.getLong("simulate.integrator.steps"),
                stage.hasPath("dump-every") ? stage.getInt("dump-every") : s.root.getInt("simulate.dump-every"));
        EnsembleJob.Result r = EnsembleJob.run(spark, md, where.toString(), true, commandLine);
        long stopped = r.summaries().stream().filter(x -> !"completed".equals(x.getAs("status"))).count();
        out.printf("loop: explored %d trajectories (%d stopped early), %d frames%n", r.summaries().size(), stopped, r.frames());
    }

    private void select(Path id, int i) throws IOException {
        var stage = s.stage(i);
        int dumpEvery = stage.hasPath("dump-every") ? stage.getInt("dump-every") : s.root.getInt("simulate.dump-every");
        String exploreRun = EnsembleJob.committedRun(spark, id.resolve("explore").toString());
        SelectStep.Result r = SelectStep.run(spark, id.resolve("explore/trajectories").toString(),
                id.resolve("explore/summary").toString(), dumpEvery, s.trustLo, s.trustHi, s.fpTaskMax, s.selectSeed + i,
                id.resolve("select/candidates").toString());
        ObjectNode n = DatasetSidecar.json().createObjectNode();
        n.put("explore_run", exploreRun);
        n.put("frames", r.frames());
        n.put("accurate", r.accurate());
        n.put("candidates", r.candidates());
        n.put("failed", r.failed());
        n.put("selected", r.selected());
        n.put("unreached", r.unreached());
        n.put("accurate_fraction", r.fraction(r.accurate()));
        n.put("candidate_fraction", r.fraction(r.candidates()));
        n.put("failed_fraction", r.fraction(r.failed()));
        n.put("trust_lo", s.trustLo);
        n.put("trust_hi", s.trustHi);
        DatasetSidecar.json().writerWithDefaultPrettyPrinter().writeValue(id.resolve("select/summary.json").toFile(), n);
        out.printf(Locale.ROOT, "loop: %d frames explored (%d not reached by trajectories stopped early, counted as failed): "
                + "accurate %.3f, candidate %.3f, failed %.3f; %d selected%n", r.frames(), r.unreached(),
                r.fraction(r.accurate()), r.fraction(r.candidates()), r.fraction(r.failed()), r.selected());
    }

    private void label(String it, String candidates, Path where) throws IOException {
        LabelStep.Result r = LabelStep.run(spark, labeler, spark.read().parquet(candidates), it, where);
        writeLabelSummary(where, r);
        out.printf("loop: labelled %d of %d candidates (%d failed, see %s; %d outcomes reused from finished calculations)%n",
                r.labelled(), r.candidates(), r.failed(), where.resolve("rejects"), r.reused());
        requireLabelled(it + "/label", r, where);
    }

    /**
     * A labelling with candidates of which none was labelled is a broken labeler, not a result: the step fails (it is
     * not recorded as finished), so that the loop, run again after the labeler is fixed, labels these candidates
     * instead of skipping the step and going on with no new data.
     */
    private static void requireLabelled(String step, LabelStep.Result r, Path where) {
        if (r.candidates() > 0 && r.labelled() == 0) {
            throw new IllegalStateException(step + ": none of the " + r.candidates() + " structures was labelled (first"
                    + " failure: " + r.firstFailure() + "; all in " + where.resolve("rejects") + "): the step is not"
                    + " recorded as finished; fix loop.labeler and run the loop again (it resumes at this step)");
        }
    }

    private static void writeLabelSummary(Path where, LabelStep.Result r) throws IOException {
        ObjectNode n = DatasetSidecar.json().createObjectNode();
        n.put("candidates", r.candidates());
        n.put("labelled", r.labelled());
        n.put("failed", r.failed());
        n.put("reused", r.reused());
        DatasetSidecar.json().writerWithDefaultPrettyPrinter().writeValue(where.resolve("summary.json").toFile(), n);
    }

    /** Appends {@code labelled.xyz} to a frames table through ingest (idempotent: ids already there are skipped). */
    private void append(Path labelDir, String dataset, String table) throws IOException {
        Path xyz = labelDir.resolve("labelled.xyz");
        Files.deleteIfExists(labelDir.resolve("append.json"));
        if (Files.size(xyz) == 0) {
            out.println("loop: nothing labelled to append");
            return;
        }
        IngestSummary sum = IngestJob.run(spark, ingestSettings(List.of(xyz.toString()), table, dataset, "extxyz"));
        ObjectNode n = DatasetSidecar.json().createObjectNode();
        n.put("table", table);
        n.put("dataset", dataset);
        n.put("frames_written", sum.framesWritten());
        n.put("already_there", sum.duplicates());
        n.put("rejects", sum.rejects().size());
        DatasetSidecar.json().writerWithDefaultPrettyPrinter().writeValue(labelDir.resolve("append.json").toFile(), n);
        out.printf("loop: appended %d frames to %s as dataset %s (%d already there)%n", sum.framesWritten(), table, dataset,
                sum.duplicates());
    }

    private IngestSettings ingestSettings(List<String> inputs, String table, String dataset, String format) {
        IngestSettings d = IngestSettings.fromConfig(s.root, inputs, table, commandLine, JobConfig.json(s.root, "ingest"));
        return new IngestSettings(d.inputs(), format == null ? d.format() : format, d.output(), dataset, d.typeMap(),
                d.units(), d.options(), d.perDataset(), d.split(), d.splitFrames(), d.commandLine(), d.configJson());
    }
}
