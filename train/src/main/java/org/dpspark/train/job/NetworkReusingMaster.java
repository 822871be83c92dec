package org.dpspark.train.job;

import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * dl4j-spark's {@link ParameterAveragingTrainingMaster} (same splitting, broadcast, worker loop, hooks and tree
 * aggregation of parameters and updater state) whose workers keep their network between rounds
 * ({@link NetworkReusingWorker}). Only {@link #getWorkerInstance(SparkComputationGraph)} differs: it broadcasts the
 * same {@link NetBroadcastTuple} (configuration, parameters, updater state) as the stock master.
 */
final class NetworkReusingMaster extends ParameterAveragingTrainingMaster {
    private final String modelKey;

    /** @param modelKey identifies the network architecture and initial weights (the workers' cache key) */
    NetworkReusingMaster(Builder builder, String modelKey) {
        super(builder);
        this.modelKey = modelKey;
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
