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
import org.dpspark.train.dl4j.DeepPotBatch;
import org.dpspark.train.graph.BatchBuilder;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Executor side of the dl4j-spark path: the training batches of one round for one worker (a Spark partition of the
 * training frames), built in the executor from the frames (neighbour lists and environments on the fly, {@link
 * BatchBuilder}) as {@link DeepPotBatch} MultiDataSets, one per training step. Each batch holds frames of one system,
 * the system chosen with probability ∝ its frames (DeePMD-kit's prob_sys_size), as {@link RoundTask} does.
 */
public final class BatchTask {
    private BatchTask() {}

    /** What the driver sends each round (the prefactors are constant within a round: it never crosses a decay step). */
    public record Input(String modelKey, TrainSettings settings, long startStep, int steps, double[] prefactors)
            implements Serializable {}

    private static final ThreadLocal<Map<String, BatchBuilder>> CACHE = ThreadLocal.withInitial(() -> new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BatchBuilder> e) { return size() > 2; }
    });

    /** @param dropped counts neighbours beyond sel (reported by the driver, never silent) */
    public static Iterator<MultiDataSet> run(int partition, Iterator<TrainFrame> it, byte[] modelYaml, Input in,
            org.apache.spark.util.LongAccumulator dropped) {
        Nd4jThreads.limitToTask(); // the worker's fit runs in this task, after these batches
        List<TrainFrame> frames = new ArrayList<>();
        it.forEachRemaining(frames::add);
        if (frames.isEmpty()) return List.<MultiDataSet>of().iterator();
        DeepPotModel[] model = new DeepPotModel[1];
        BatchBuilder bb = CACHE.get().computeIfAbsent(in.modelKey(), k -> {
            model[0] = ModelBytes.model(modelYaml);
            return new BatchBuilder(model[0].seA());
        });
        TrainSettings s = in.settings();
        int ntypes = bb.ntypes(), nnei = bb.nnei();
        Map<String, List<TrainFrame>> systems = new LinkedHashMap<>();
        for (TrainFrame f : frames) systems.computeIfAbsent(f.system(), k -> new ArrayList<>()).add(f);
        List<List<TrainFrame>> sys = new ArrayList<>(systems.values());
        SplittableRandom rng = new SplittableRandom(s.network().seed() * 1_000_003L + in.startStep() * 7919L + partition);
        List<MultiDataSet> out = new ArrayList<>(in.steps());
        long dropped0 = bb.neighboursDropped();
        for (int k = 0; k < in.steps(); k++) {
            List<TrainFrame> batch = RoundTask.sample(sys, frames.size(), s, rng);
            out.add(DeepPotBatch.of(bb, batch, ntypes, nnei, in.prefactors()));
        }
        dropped.add(bb.neighboursDropped() - dropped0);
        return out.iterator();
    }
}
