package org.dpspark.train.job;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.dpspark.model.DeepPotModel;
import org.dpspark.train.data.ModelBytes;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.dl4j.DeepPotNetwork;
import org.dpspark.train.dl4j.NativeMemory;
import org.dpspark.train.dl4j.ReclaimHook;
import org.dpspark.train.dl4j.StepAdam;
import org.dpspark.train.loss.Adam;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The default distributed path: dl4j-spark's {@link SparkComputationGraph} with {@link ParameterAveragingTrainingMaster}
 * over the {@link DeepPotNetwork}. Each round: the driver sets Adam's learning rate (DeePMD-kit's staircase, constant
 * within a round) and global step on the network configuration, executors build the round's batches from their
 * partition of the training frames ({@link BatchTask}, one MultiDataSet per step), every worker fits its batches
 * (averaging-frequency steps) and the master averages parameters and Adam state. Each executor thread keeps its
 * worker network from round to round ({@link NetworkReusingMaster}) instead of dl4j-spark's rebuild per round.
 *
 * <p>Gradient sharing (dl4j-spark-parameterserver's SharedTrainingMaster) is refused with the reason: see {@link #create}.
 */
public final class SparkGraphEngine implements AutoCloseable {
    private final JavaSparkContext jsc;
    private final ComputationGraph net;
    private final SparkComputationGraph sparkNet;
    private final JavaRDD<TrainFrame> train;
    private final Broadcast<byte[]> modelB;
    private final String modelKey;
    private final LongAccumulator dropped;
    /** Partitions of the training frames that hold frames (BatchTask makes no batch for an empty one). */
    private final long nonEmptyPartitions;

    private SparkGraphEngine(JavaSparkContext jsc, ComputationGraph net, TrainingMaster<?, ?> tm, JavaRDD<TrainFrame> train,
            byte[] yaml, String key) {
        this.jsc = jsc;
        this.net = net;
        this.sparkNet = new SparkComputationGraph(jsc, net, tm);
        this.train = train;
        this.modelB = jsc.broadcast(yaml);
        this.modelKey = key;
        this.dropped = jsc.sc().longAccumulator("neighbours beyond sel dropped");
        this.nonEmptyPartitions = train.mapPartitions(it -> List.of(it.hasNext() ? 1L : 0L).iterator()).reduce(Long::sum);
    }

    /**
     * @param train the training frames, one partition per worker
     * @param params initial parameters (DeepPotGraph layout); adam: initial Adam state (resume) or null
     */
    public static SparkGraphEngine create(JavaSparkContext jsc, DeepPotModel template, TrainSettings s, int workers,
            JavaRDD<TrainFrame> train, double[] params, Adam adam) {
        return create(jsc, template, s, workers, train, params, adam, true);
    }

    /**
     * @param reuseNetworks true: workers keep their network between rounds ({@link NetworkReusingMaster}); false:
     *        dl4j-spark's stock worker, which builds a new one every round (for tests: both must train alike)
     */
    static SparkGraphEngine create(JavaSparkContext jsc, DeepPotModel template, TrainSettings s, int workers,
            JavaRDD<TrainFrame> train, double[] params, Adam adam, boolean reuseNetworks) {
        if (s.parallel().mode() == ParallelMode.GRADIENTS) {
            throw new IllegalArgumentException("train.parallel.mode = gradients with engine dl4j-spark (SharedTrainingMaster,"
                    + " gradient sharing) is not supported here: it needs an Aeron/UDP mesh between driver and executors"
                    + " with distinct network addresses; on local Spark it hung intermittently and on a one-host cluster it"
                    + " did not learn (driver and executor share one IP, the executor takes itself as the mesh root;"
                    + " docs/stack.md#spark-and-dl4j-spark). Use mode = averaging (dl4j-spark parameter averaging, the"
                    + " default) or engine = rdd with mode = gradients (synchronous gradient averaging on Spark RDDs).");
        }
        ScheduleSettings sc = s.schedule();
        ComputationGraph net = DeepPotNetwork.create(template, sc.lrStart(), sc.beta1(), sc.beta2(), sc.epsilon(),
                s.network().seed(), s.parallel().kernel(), s.parallel().mixed());
        DeepPotNetwork.load(net, params, adam == null ? null : adam.m(), adam == null ? null : adam.v());
        ParameterAveragingTrainingMaster.Builder b = new ParameterAveragingTrainingMaster.Builder(workers, 1)
                .batchSizePerWorker(1)                       // one MultiDataSet = one training batch = one step
                .averagingFrequency(s.parallel().averagingFrequency())
                .workerPrefetchNumBatches(0)
                .saveUpdater(true)                           // average Adam's m and v too
                .repartionData(Repartition.Never)            // the frames RDD already has one partition per worker
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                // The stock master caches the round's batches, counts them (a Spark job that builds them) and then
                // trains. Serialised (its default, MEMORY_ONLY_SER) every batch was written and read back element by
                // element (ND4J's Java serialisation) (measurements: docs/benchmarks.md#dl4j-spark-engine). The stock
                // master (tests) keeps them as objects; NetworkReusingMaster is told the count and caches nothing.
                .storageLevel(reuseNetworks ? null : StorageLevel.MEMORY_ONLY())
                .collectTrainingStats(false)
                .rngSeed(s.network().seed())
                .trainingHooks(new ReclaimHook());           // resident memory: see NativeMemory
        byte[] yaml = ModelBytes.of(template);
        String key = RoundTask.key(template, yaml);
        ParameterAveragingTrainingMaster tm = reuseNetworks ? new NetworkReusingMaster(b, key) : b.build();
        return new SparkGraphEngine(jsc, net, tm, train, yaml, key);
    }

    /**
     * One round of {@code steps} steps per worker from global step {@code step}.
     *
     * @param lr learning rate (already scaled for the workers); prefactors p_e, p_f, p_v
     * @return the network's score (loss) of the round, averaged over workers
     */
    public double round(TrainSettings s, long step, int steps, double lr, double[] prefactors) {
        StepAdam a = DeepPotNetwork.adam(net);
        a.setLearningRate(lr);
        a.setStepOffset(step);
        BatchTask.Input in = new BatchTask.Input(modelKey, s, step, steps, prefactors);
        Broadcast<byte[]> mb = modelB;
        LongAccumulator acc = dropped;
        JavaRDD<MultiDataSet> data = train.mapPartitionsWithIndex((p, it) -> BatchTask.run(p, it, mb.value(), in, acc), false);
        if (sparkNet.getTrainingMaster() instanceof NetworkReusingMaster m) m.roundBatches((long) steps * nonEmptyPartitions);
        sparkNet.fitMultiDataSet(data);
        data.unpersist(false); // the stock training master caches the round's batches and leaves them
        NativeMemory.reclaim(NativeMemory.budget());
        return sparkNet.getScore();
    }

    public double[] params() { return DeepPotNetwork.params(net); }

    /** Adam's state after the rounds up to {@code step}. */
    public Adam adam(TrainSettings s, long step) {
        double[][] mv = DeepPotNetwork.adamState(net);
        return new Adam(s.schedule().beta1(), s.schedule().beta2(), s.schedule().epsilon(), mv[0], mv[1], step);
    }

    /** Neighbours dropped beyond sel so far (all rounds; each round builds its batches once, in the training task). */
    public long neighboursDropped() { return dropped.value(); }

    public ComputationGraph network() { return net; }

    @Override
    public void close() {
        modelB.destroy();
        if (sparkNet.getTrainingMaster() instanceof NetworkReusingMaster m) m.release();
        sparkNet.getTrainingMaster().deleteTempFiles(jsc);
    }
}
