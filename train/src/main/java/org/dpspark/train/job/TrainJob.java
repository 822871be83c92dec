package org.dpspark.train.job;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.Version;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.FramesUsed;
import org.dpspark.model.DeepPotModel;
import org.dpspark.train.data.FrameSource;
import org.dpspark.train.data.FrameParamStats;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.data.TrainStats;
import org.dpspark.train.loss.Adam;
import org.dpspark.train.loss.LearningRate;

/**
 * The training job (driver side): frames → statistics → model initialisation → data-parallel rounds on Spark
 * ({@link SparkGraphEngine}: dl4j-spark parameter averaging; {@link RddEngine}: dpspark's own rounds, parameter or
 * synchronous gradient averaging) →
 * validation, log, checkpoints → the model artifact. Each worker is one partition of the cached training frames.
 */
public final class TrainJob {
    private final SparkSession spark;
    private final TrainSettings s;
    private final PrintWriter out;

    public TrainJob(SparkSession spark, TrainSettings settings, PrintWriter out) {
        this.spark = spark;
        this.s = settings;
        this.out = out;
    }

    /** Result of one training run. */
    public record Result(Path model, long steps, double wallSeconds, Metrics validation, double framesPerSecond) {}

    /**
     * Trains one model (or an ensemble of {@code ensemble} members in {@code output/model_k}).
     *
     * @param stats statistics file to use (null: compute and write {@code output/stats.json})
     */
    public List<Result> run(String table, Path stats, Path output, boolean resume, int ensemble, Map<String, Object> provenance)
            throws IOException {
        Files.createDirectories(output);
        DataSettings data = s.data();
        // One version of the table for the training and the validation frames, recorded with the model.
        Long version = DeltaTables.versionOrNull(spark, table);
        Dataset<Row> trainRows = FrameSource.select(spark, table, version, data.datasets(), data.splits());
        List<String> typeMap = s.model().typeMap().isEmpty() ? FrameSource.elements(trainRows) : s.model().typeMap();
        JavaRDD<TrainFrame> all = FrameSource.frames(trainRows, typeMap);
        int workers = s.parallel().workers() > 0 ? s.parallel().workers()
                : JavaSparkContext.fromSparkContext(spark.sparkContext()).defaultParallelism();
        // content-determined partitions and order: the same table and seed give the same model (FrameSource.canonical)
        JavaRDD<TrainFrame> train = FrameSource.canonical(all, workers).cache();
        long nTrain = train.count();
        if (nTrain == 0) throw new IllegalArgumentException("no training frames in " + table + " for datasets " + data.datasets() + ", splits " + data.splits());
        List<String> vd = data.validDatasets().isEmpty() ? data.datasets() : data.validDatasets();
        List<TrainFrame> valid = FrameSource.canonical(FrameSource.frames(FrameSource.select(spark, table, version, vd,
                        data.validSplits()), typeMap), workers)
                .takeSample(false, data.validMaxFrames(), s.network().seed());
        out.printf("train: %d training frames in %d partitions (workers), %d validation frames, type map %s%n", nTrain, workers,
                valid.size(), typeMap);
        FrameParamStats params = null;
        NetworkSettings net = s.network();
        if (net.hasFrameParams()) {
            // every training and validation frame must carry them: one line naming the first dataset that does not
            FrameParamsCheck.check(trainRows, net.numbFparam(), net.numbAparam(), false);
            FrameParamsCheck.check(FrameSource.select(spark, table, version, vd, data.validSplits()), net.numbFparam(),
                    net.numbAparam(), false);
            params = FrameParamStats.compute(train, net.numbFparam(), net.numbAparam());
            out.println("train: " + params.summary());
        }
        TrainStats st;
        if (stats != null) {
            st = TrainStats.read(stats, typeMap).requireCutoffs(s.model().rcut(), s.model().rcutSmth(), stats);
            // featurize's energy bias fits every dataset of its table; refit it on the frames trained here
            if (TrainStats.isFeaturizeFile(stats)) st = st.withEnergyBias(train);
        } else {
            double frac = Math.min(1.0, (double) s.data().statsMaxFrames() / nTrain);
            JavaRDD<TrainFrame> sample = frac < 1 ? train.sample(false, frac, s.network().seed()) : train;
            TrainStats.Computed c = TrainStats.compute(sample, typeMap, s.model().rcut(), s.model().rcutSmth(),
                    s.model().sel().slots(), s.model().sel().autoRatio());
            c.write(output.resolve("stats.json"), s.model().sel().autoRatio(), table, provenance);
            st = c.stats();
        }
        out.println("train: " + st.summary());
        provenance = new java.util.LinkedHashMap<>(provenance);
        FramesUsed used = FramesUsed.of(table, version, trainRows);
        used.write(output);
        provenance.put("frames_version", version);
        provenance.put("frames_id_digest", used.digest());
        provenance.put("frames_trained", nTrain);
        out.printf("train: frames table version %s, %d training frames, id digest (SHA-256) %s%n", version, nTrain,
                provenance.get("frames_id_digest"));
        out.flush();
        // se_atten trains as se_e2_a with one slot block per type (SeAttenFold): the blocks are the resolved sel
        TrainSettings base = s.network().seAtten() ? s.withSel(st.sel()) : s;
        List<Result> results = new ArrayList<>();
        for (int k = 0; k < Math.max(1, ensemble); k++) {
            Path dir = ensemble > 1 ? output.resolve("model_" + k) : output;
            Files.createDirectories(dir);
            TrainSettings sk = base.withSeed(s.network().seed() + k);
            results.add(trainOne(sk, st, params, train, workers, valid, dir, resume, provenance));
        }
        train.unpersist();
        return results;
    }

    private Result trainOne(TrainSettings settings, TrainStats st, FrameParamStats paramStats, JavaRDD<TrainFrame> train, int workers,
            List<TrainFrame> valid,
            Path dir, boolean resume, Map<String, Object> provenance) throws IOException {
        TrainSettings sk = settings; // replaced once when a wall-time budget plans the number of steps
        DeepPotModel template;
        Checkpoint.State state = null;
        if (resume && Checkpoint.exists(dir)) {
            template = Checkpoint.model(dir);
            state = Checkpoint.state(dir);
            out.printf("train: resuming %s from step %d%n", dir, state.step());
        } else {
            template = ModelInit.create(sk, st, paramStats);
        }
        Trainer driver = new Trainer(template, sk);
        double[] params = state != null ? state.params() : driver.params().clone();
        ScheduleSettings sc = sk.schedule();
        Adam adam = state != null ? new Adam(sc.beta1(), sc.beta2(), sc.epsilon(), state.m(), state.v(), state.adamT())
                : new Adam(params.length, sc.beta1(), sc.beta2(), sc.epsilon());
        long step = state != null ? state.step() : 0;
        LearningRate lr = new LearningRate(sc.lrStart(), sc.lrStop(), sc.decaySteps(), sc.steps());
        double factor = sk.schedule().lrFactor(workers);
        boolean grads = sk.parallel().mode() == ParallelMode.GRADIENTS;
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TrainingLog log = new TrainingLog(dir.resolve("lcurve.csv"), step);
        out.printf("train: %s, %d parameters, %d steps, lr %.2e→%.2e (×%.3g for %d workers), %s, mode %s%s%n", dir,
                params.length, sk.schedule().steps(), sk.schedule().lrStart(), sk.schedule().lrStop(), factor, workers,
                sk.parallel().dl4jSpark() ? "dl4j-spark SparkComputationGraph" : "own RDD loop", sk.parallel().mode().configName(),
                grads ? "" : " (average every " + sk.parallel().averagingFrequency() + " steps)");
        out.flush();
        long t0 = System.nanoTime();
        long step0 = step, framesSeen = 0;
        double lossSum = 0; // total loss summed over the steps since the last log line
        int lossSteps = 0;
        long dropped = 0;
        Metrics val = new Metrics();
        if (step == 0) { // the starting point of the learning curve
            driver.load(params, adam);
            Metrics v0 = driver.evaluate(valid, 4);
            log.add(0, lr.at(0) * factor, Double.NaN, sk.schedule().prefactors().at(lr.at(0), lr.start()),
                    new double[] {Double.NaN, Double.NaN, Double.NaN}, v0, 0);
            out.printf(Locale.ROOT, "step 0/%d  val E %.2f meV/atom F %.1f meV/Å (initial model)%n", sk.schedule().steps(),
                    1000 * v0.energyRmse(), 1000 * v0.forceRmse());
        }
        boolean dl4j = sk.parallel().dl4jSpark();
        SparkGraphEngine engine = dl4j ? SparkGraphEngine.create(jsc, template, sk, workers, train, params, state != null ? adam : null)
                : null;
        RddEngine rdd = dl4j ? null : new RddEngine(jsc, template, train);
        // training errors are measured on a fixed sample of training frames with the current parameters (both engines:
        // the loss terms are DeePMD-kit's weighted sums, not per-atom RMSEs, and dl4j-spark reports the total only)
        List<TrainFrame> trainSample = train.takeSample(false, Math.max(1, s.data().validMaxFrames()), sk.network().seed() + 1);
        StepBudget budget = sc.hasBudget() ? new StepBudget(sc.maxTime(), sc.steps() - step, sc.decaySteps()) : null;
        if (budget != null) {
            out.printf(Locale.ROOT, "train: max-time %s: the number of steps (at most %d) is planned from the measured speed%n",
                    sc.maxTime(), sc.steps());
        }
        while (step < sk.schedule().steps()) {
            int k = grads ? 1 : sk.parallel().averagingFrequency();
            k = (int) Math.min(k, nextBoundary(step, sk) - step);
            if (dl4j) {
                double lrNow = lr.at(step) * factor;
                double score = engine.round(sk, step, k, lrNow, sk.schedule().prefactors().at(lr.at(step), lr.start()));
                step += k;
                params = engine.params();
                adam = engine.adam(sk, step);
                lossSum += score * k;
                lossSteps += k;
                framesSeen += (long) k * workers;
                dropped = engine.neighboursDropped();
            } else {
                RddEngine.Round r = rdd.round(sk, params, adam, step, k, grads, lr, factor);
                params = r.params();
                adam = r.adam();
                lossSum += r.lossSums()[0];
                dropped += r.neighboursDropped();
                lossSteps += k;
                framesSeen += (long) k * r.workers();
                step += k;
            }
            if (budget != null) {
                double elapsed = (System.nanoTime() - t0) / 1e9;
                OptionalLong plan = budget.afterRound(step - step0, elapsed);
                if (plan.isPresent()) {
                    long total = step0 + plan.getAsLong();
                    sk = sk.withSteps(total);
                    lr = new LearningRate(sc.lrStart(), sc.lrStop(), sc.decaySteps(), total);
                    out.printf(Locale.ROOT, "train: max-time %s: %.2f steps/s after warm-up, %d steps planned (lr reaches %.2e at"
                            + " the last)%s%n", sc.maxTime(), budget.rate(), total, sc.lrStop(),
                            total < sc.decaySteps() ? "; WARNING: fewer steps than decay-steps, the learning rate never decays" : "");
                } else if (budget.overrun(elapsed) && step < sk.schedule().steps()) {
                    out.printf(Locale.ROOT, "train: max-time %s spent at step %d of %d planned: stopping here%n", sc.maxTime(),
                            step, sk.schedule().steps());
                    sk = sk.withSteps(step);
                }
            }
            boolean last = step >= sk.schedule().steps();
            if (step % sk.schedule().dispFreq() == 0 || last) {
                driver.load(params, adam);
                val = driver.evaluate(valid, 4);
                double lrNow = lr.at(step);
                double[] pref = sk.schedule().prefactors().at(lrNow, lr.start());
                Metrics tm = driver.evaluate(trainSample, 4);
                double[] trn = {tm.energyRmse(), tm.forceRmse(), tm.virialCount() > 0 ? tm.virialRmse() : Double.NaN};
                double wall = (System.nanoTime() - t0) / 1e9;
                log.add(step, lrNow * factor, lossSum / lossSteps, pref, trn, val, wall);
                double rate = (step - step0) / Math.max(wall, 1e-9);
                out.printf(Locale.ROOT, "step %d/%d  lr %.2e  loss %.3e  trn E %.2f meV/atom F %.1f meV/Å  val E %.2f meV/atom"
                        + " F %.1f meV/Å%s  %.2f steps/s  eta %s%s%n", step, sk.schedule().steps(), lrNow * factor, lossSum / lossSteps,
                        1000 * trn[0], 1000 * trn[1], 1000 * val.energyRmse(), 1000 * val.forceRmse(),
                        val.virialCount() > 0 ? String.format(Locale.ROOT, " V %.2f meV/atom", 1000 * val.virialRmse()) : "",
                        rate, eta((sk.schedule().steps() - step) / Math.max(rate, 1e-9)),
                        dropped > 0 ? "  WARNING: " + dropped + " neighbours beyond sel dropped" : "");
                out.flush();
                lossSum = 0;
                lossSteps = 0;
            }
            if (step % sk.schedule().saveFreq() == 0 && !last) {
                driver.load(params, adam);
                Checkpoint.save(dir, withMeta(driver.model(), sk, st, step, provenance), new Checkpoint.State(step, params, adam.m(),
                        adam.v(), adam.t(), sk.network().seed()));
            }
        }
        if (rdd != null) rdd.close();
        if (engine != null) engine.close();
        driver.load(params, adam);
        DeepPotModel fin = withMeta(driver.model(), sk, st, step, provenance);
        if (sk.data().shiftFrames() > 0) {
            List<TrainFrame> sample = train.takeSample(false, sk.data().shiftFrames(), sk.network().seed() + 2);
            double[] shift = EnergyShift.fit(driver, sample, fin.ntypes());
            fin = fin.withOutBiasShift(shift);
            Trainer shifted = new Trainer(fin, sk);
            shifted.load(params, adam);
            Metrics before = val;
            val = shifted.evaluate(valid, 4);
            out.printf(Locale.ROOT, "train: energy shift refit on %d training frames (DeePMD-kit's change-bias): %s eV/atom;"
                    + " validation E %.2f -> %.2f meV/atom, F %.1f meV/Å (unchanged)%n", sample.size(), shiftText(fin.typeMap(), shift),
                    1000 * before.energyRmse(), 1000 * val.energyRmse(), 1000 * val.forceRmse());
        }
        fin.save(dir);
        Checkpoint.save(dir, fin, new Checkpoint.State(step, params, adam.m(), adam.v(), adam.t(), sk.network().seed()));
        log.plot(dir.resolve("lcurve.png"), dir.resolve("lcurve_time.png"));
        double wall = (System.nanoTime() - t0) / 1e9;
        double fps = framesSeen * avgBatch(train, sk) / Math.max(wall, 1e-9);
        out.printf(Locale.ROOT, "train: model written to %s (%d steps, %.1f s, validation E %.2f meV/atom, F %.1f meV/Å)%n", dir,
                step, wall, 1000 * val.energyRmse(), 1000 * val.forceRmse());
        out.flush();
        return new Result(dir, step, wall, val, fps);
    }

    private static String shiftText(List<String> typeMap, double[] shift) {
        StringBuilder b = new StringBuilder();
        for (int t = 0; t < shift.length; t++) {
            b.append(t == 0 ? "" : ", ").append(typeMap.get(t)).append(String.format(Locale.ROOT, " %+.4f", shift[t]));
        }
        return b.toString();
    }

    private static double avgBatch(JavaRDD<TrainFrame> train, TrainSettings s) {
        TrainFrame f = train.first();
        return s.data().batchFrames(f.natoms());
    }

    private static long nextBoundary(long step, TrainSettings s) {
        long d = (step / s.schedule().dispFreq() + 1) * s.schedule().dispFreq();
        long c = (step / s.schedule().saveFreq() + 1) * s.schedule().saveFreq();
        long l = (step / s.schedule().decaySteps() + 1) * s.schedule().decaySteps(); // the learning rate is constant within a round
        return Math.min(Math.min(Math.min(d, c), l), s.schedule().steps());
    }

    private static String eta(double seconds) {
        long t = (long) seconds;
        return String.format(Locale.ROOT, "%02d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60);
    }

    private static DeepPotModel withMeta(DeepPotModel m, TrainSettings s, TrainStats st, long step, Map<String, Object> prov) {
        Map<String, Object> p = new LinkedHashMap<>(prov);
        p.put("software", "dpspark " + Version.get());
        p.put("trained_by", "dpspark train (DL4J/ND4J SameDiff)");
        p.put("created", java.time.Instant.now().toString());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("steps", step);
        t.put("seed", s.network().seed());
        t.put("lr_start", s.schedule().lrStart());
        t.put("lr_stop", s.schedule().lrStop());
        t.put("decay_steps", s.schedule().decaySteps());
        t.put("numb_steps", s.schedule().steps());
        t.put("parallel_mode", s.parallel().mode().configName());
        t.put("compute", s.parallel().compute().configName());
        t.put("precision", s.parallel().precision().configName());
        t.put("stats_frames", st.frames());
        return m.withMetadata(p, t);
    }
}
