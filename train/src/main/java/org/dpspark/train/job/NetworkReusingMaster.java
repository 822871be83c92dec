package org.dpspark.train.job;

import org.apache.spark.api.java.JavaRDDLike;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * dl4j-spark's {@link ParameterAveragingTrainingMaster} (same splitting, broadcast, worker loop, hooks and tree
 * aggregation of parameters and updater state) with two changes for dpspark's rounds (one {@code fit} = one round of
 * averaging-frequency steps per worker, batches built by {@link BatchTask}):
 * <ul>
 *   <li>{@link #getWorkerInstance(SparkComputationGraph)} broadcasts the same {@link NetBroadcastTuple} (configuration,
 *   parameters, updater state) as the stock master, to workers that keep their network between rounds
 *   ({@link NetworkReusingWorker});</li>
 *   <li>the number of batches, which the stock master counts with a Spark job before training (after caching the
 *   batches, so that the job builds them), is told by the engine ({@link #roundBatches}): BatchTask makes exactly
 *   {@code steps} batches per non-empty partition. The count only decides how the data is split into averaging
 *   rounds (at most workers × averaging-frequency batches: one split, the data as it is), so the batches need no
 *   caching (storage level null) and are built in the training task. Measured (2026-11-24, 1 worker, library-default
 *   net): the count job and the broadcast between the two jobs took ~60 ms of a ~0.95 s round.</li>
 * </ul>
 */
final class NetworkReusingMaster extends ParameterAveragingTrainingMaster {
    private final String modelKey;
    private long roundBatches = -1;

    /** @param modelKey identifies the network architecture and initial weights (the workers' cache key) */
    NetworkReusingMaster(Builder builder, String modelKey) {
        super(builder);
        this.modelKey = modelKey;
    }

    /** Batches of the next {@code fit}: steps × non-empty partitions (at most workers × averaging frequency). */
    void roundBatches(long n) { roundBatches = n; }

    @Override
    protected <T, R extends JavaRDDLike<T, R>> long getTotalDataSetObjectCount(JavaRDDLike<T, R> trainingData) {
        if (roundBatches < 0) return super.getTotalDataSetObjectCount(trainingData);
        long n = roundBatches;
        roundBatches = -1; // one fit per count
        return n;
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
        if (collectTrainingStats) return super.getWorkerInstance(graph); // the stock worker records the timings
        NetBroadcastTuple tuple = new NetBroadcastTuple(graph.getNetwork().getConfiguration(), graph.getNetwork().params(),
                graph.getNetwork().getUpdater().getStateViewArray());
        WorkerConfiguration configuration = new WorkerConfiguration(true, rddDataSetNumExamples, batchSizePerWorker,
                averagingFrequency, prefetchNumBatches, false);
        return new NetworkReusingWorker(graph.getSparkContext().broadcast(tuple), saveUpdater, configuration, trainingHookList,
                modelKey);
    }
}
