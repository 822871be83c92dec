package org.dpspark.train.job;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dpspark.model.DeepPotModel;
import org.dpspark.train.data.ModelBytes;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.dl4j.NativeMemory;
import org.dpspark.train.loss.Adam;
import org.dpspark.train.loss.LearningRate;

/**
 * One round of data-parallel training on one worker (a Spark partition of the training frames): from the
 * driver's parameters and Adam state, run {@code steps} local Adam steps on batches sampled from this partition
 * (averaging mode), or return the gradient of one batch (gradients mode). Batches hold frames of one system,
 * the system chosen with probability ∝ its number of frames (DeePMD-kit's prob_sys_size); environments are
 * computed on the fly ({@link org.dpspark.train.graph.BatchBuilder}).
 *
 * <p>The worker's {@link Trainer} (its kernel and buffers, or its SameDiff graph) is cached per executor thread and model.
 */
public final class RoundTask implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What the driver sends each round. */
    public record Input(byte[] modelYaml, String modelKey, TrainSettings settings, double[] params, double[] m, double[] v,
            long adamT, long startStep, int steps, boolean gradientOnly, LearningRate lr, double lrFactor) implements Serializable {}

    /** What a worker returns: new parameters and Adam state (averaging) or a gradient, and the summed loss terms. */
    public record Output(double[] params, double[] m, double[] v, long adamT, double[] gradient, double[] lossSums, int steps,
            long neighboursDropped) implements Serializable {}

    private static final ThreadLocal<Map<String, Trainer>> CACHE = ThreadLocal.withInitial(() -> new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Trainer> e) { return size() > 2; }
    });

    private RoundTask() {}

    public static Iterator<Output> run(int partition, Iterator<TrainFrame> it, Input in) {
        Nd4jThreads.limitToTask();
        List<TrainFrame> frames = new ArrayList<>();
        it.forEachRemaining(frames::add);
        if (frames.isEmpty()) return List.<Output>of().iterator();
        Trainer tr = CACHE.get().computeIfAbsent(in.modelKey(), k -> new Trainer(ModelBytes.model(in.modelYaml()), in.settings()));
        TrainSettings s = in.settings();
        ScheduleSettings sc = s.schedule();
        tr.load(in.params(), new Adam(sc.beta1(), sc.beta2(), sc.epsilon(), in.m(), in.v(), in.adamT()));
        long dropped0 = tr.batches().neighboursDropped();
        Map<String, List<TrainFrame>> systems = new LinkedHashMap<>();
        for (TrainFrame f : frames) systems.computeIfAbsent(f.system(), k -> new ArrayList<>()).add(f);
        List<List<TrainFrame>> sys = new ArrayList<>(systems.values());
        SplittableRandom rng = new SplittableRandom(s.network().seed() * 1_000_003L + in.startStep() * 7919L + partition);
        double[] loss = new double[4];
        double[] grad = null;
        for (int k = 0; k < in.steps(); k++) {
            long step = in.startStep() + k;
            List<TrainFrame> batch = sample(sys, frames.size(), s, rng);
            double lrNow = in.lr().at(step);
            double[] pref = s.schedule().prefactors().at(lrNow, in.lr().start());
            if (in.gradientOnly()) {
                grad = tr.gradient(batch, pref);
            } else {
                tr.step(batch, pref, lrNow * in.lrFactor());
            }
            double[] l = tr.lastLoss();
            for (int q = 0; q < 4; q++) loss[q] += l[q];
            // freed ND4J buffers back to the system when the resident size passes the budget (see NativeMemory); a
            // loop trains many models in one process, and glibc keeps freed memory otherwise
            NativeMemory.reclaim(NativeMemory.budget());
        }
        long dropped = tr.batches().neighboursDropped() - dropped0;
        Adam a = tr.adam();
        Output out = in.gradientOnly()
                ? new Output(null, null, null, a.t(), grad, loss, in.steps(), dropped)
                : new Output(tr.params().clone(), a.m(), a.v(), a.t(), null, loss, in.steps(), dropped);
        return List.of(out).iterator();
    }

    static List<TrainFrame> sample(List<List<TrainFrame>> sys, int total, TrainSettings s, SplittableRandom rng) {
        int pick = rng.nextInt(total);
        List<TrainFrame> chosen = sys.get(0);
        for (List<TrainFrame> l : sys) {
            if (pick < l.size()) {
                chosen = l;
                break;
            }
            pick -= l.size();
        }
        int nb = Math.min(chosen.size(), s.data().batchFrames(chosen.get(0).natoms()));
        List<TrainFrame> batch = new ArrayList<>(nb);
        int[] idx = rng.ints(0, chosen.size()).distinct().limit(nb).toArray();
        for (int i : idx) batch.add(chosen.get(i));
        return batch;
    }

    /** Model key for the executor cache. */
    public static String key(DeepPotModel m, byte[] yaml) {
        return m.typeMap() + ":" + java.util.Arrays.hashCode(yaml);
    }
}
