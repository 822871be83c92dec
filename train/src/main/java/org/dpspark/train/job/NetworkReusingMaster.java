package org.dpspark.train.job;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaRDDLike;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.dpspark.train.dl4j.DeepPotVertex;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * dl4j-spark's {@link ParameterAveragingTrainingMaster} (same splitting, broadcast, worker loop, hooks and tree
 * aggregation of parameters and updater state) with these changes for dpspark's rounds (one {@code fit} = one round of
 * averaging-frequency steps per worker, batches built by {@link BatchTask}):
 * <ul>
 *   <li>{@link #getWorkerInstance(SparkComputationGraph)} broadcasts a {@link NetBroadcastTuple} (configuration,
 *   parameters, updater state) to workers that keep their network between rounds ({@link NetworkReusingWorker}). Its
 *   configuration is the network's without the model YAML that {@link DeepPotVertex} carries (architecture,
 *   statistics and initial weights as text: most of the tuple, serialised and compressed every round; measurements:
 *   docs/benchmarks.md#dl4j-spark-engine); the full configuration is broadcast once, for workers that build their
 *   network;</li>
 *   <li>{@link #processResults} averages the workers' parameters and updater state as {@link WorkerSum}s (plain
 *   arrays) instead of dl4j-spark's INDArray tuples, then sets them on the driver's network as the stock master does;</li>
 *   <li>the number of batches, which the stock master counts with a Spark job before training (after caching the
 *   batches, so that the job builds them), is told by the engine ({@link #roundBatches}): BatchTask makes exactly
 *   {@code steps} batches per non-empty partition. The count only decides how the data is split into averaging
 *   rounds (at most workers × averaging-frequency batches: one split, the data as it is), so the batches need no
 *   caching (storage level null) and are built in the training task; the count job and its broadcast were a
 *   noticeable share of a round (measurements: docs/benchmarks.md#dl4j-spark-engine).</li>
 * </ul>
 */
final class NetworkReusingMaster extends ParameterAveragingTrainingMaster {
    private final String modelKey;
    private long roundBatches = -1;
    /** The network's full configuration (with the model YAML), broadcast at the first round. */
    private Broadcast<ComputationGraphConfiguration> architecture;

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
        ComputationGraph net = graph.getNetwork();
        if (architecture == null) architecture = graph.getSparkContext().broadcast(net.getConfiguration().clone());
        NetBroadcastTuple tuple = new NetBroadcastTuple(withoutModel(net.getConfiguration()), net.params(),
                net.getUpdater().getStateViewArray());
        WorkerConfiguration configuration = new WorkerConfiguration(true, rddDataSetNumExamples, batchSizePerWorker,
                averagingFrequency, prefetchNumBatches, false);
        return new NetworkReusingWorker(graph.getSparkContext().broadcast(tuple), architecture, saveUpdater, configuration,
                trainingHookList, modelKey);
    }

    /** A copy of {@code c} whose {@link DeepPotVertex}es carry no model YAML (updaters and counts as in c). */
    static ComputationGraphConfiguration withoutModel(ComputationGraphConfiguration c) {
        ComputationGraphConfiguration light = c.clone();
        for (GraphVertex v : light.getVertices().values()) {
            if (v instanceof DeepPotVertex d) d.setModelYaml(null);
        }
        return light;
    }

    /**
     * The stock master's averaging (Σ results / count → the driver's parameters and updater state, mean score,
     * iteration count + averaging frequency), summed as {@link WorkerSum}s. Training statistics and the
     * MultiLayerNetwork path go to the stock code.
     */
    @Override
    protected void processResults(SparkDl4jMultiLayer network, SparkComputationGraph graph,
            JavaRDD<ParameterAveragingTrainingResult> results, int splitNum, int totalSplits) {
        if (network != null || collectTrainingStats) {
            super.processResults(network, graph, results, splitNum, totalSplits);
            return;
        }
        WorkerSum sum = results.map(WorkerSum::of).treeAggregate(null, WorkerSum::add, WorkerSum::add, aggregationDepth);
        if (sum == null) return; // no partition had data (the stock master logs and skips the same way)
        ComputationGraph g = graph.getNetwork();
        g.setParams(sum.meanParams());
        INDArray updaterState = sum.meanUpdater();
        if (updaterState != null) g.getUpdater().setStateViewArray(updaterState);
        graph.setScore(sum.meanScore());
        Nd4j.getExecutioner().commit();
        ComputationGraphConfiguration conf = g.getConfiguration();
        conf.setIterationCount(conf.getIterationCount() + averagingFrequency);
    }

    /** Removes the configuration broadcast (the engine is done). */
    void release() {
        if (architecture != null) architecture.destroy();
        architecture = null;
    }
}
