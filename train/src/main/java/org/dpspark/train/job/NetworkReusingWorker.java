package org.dpspark.train.job;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * dl4j-spark's parameter-averaging worker, except that the executor thread keeps its {@link ComputationGraph} from one
 * round to the next instead of building a new one from the broadcast configuration every round. The stock worker
 * ({@code getInitialModelGraph}) clones the configuration, initialises a new network (for DeepPotVertex: a new model
 * graph and new work arrays) and then copies in the broadcast parameters and updater state, which made the first
 * step of every round slower than the others (measurements: docs/benchmarks.md#dl4j-spark-engine).
 *
 * <p>The reused network receives everything the stock worker would give a new one, from the same broadcast tuple:
 * parameters, updater state (a new {@link ComputationGraphUpdater} over a copy, as the stock worker does, so Adam's
 * configuration is re-read), the updater configuration of every vertex and layer (the driver changes Adam's learning
 * rate and step offset between rounds, see {@code StepAdam}) and the iteration and epoch counts. Nothing else of the
 * configuration may differ between rounds: the cache is keyed by {@code modelKey} (architecture and initial weights),
 * one network per executor thread (tasks of one executor run in parallel threads, each with its own network).
 * Training listeners are not supported (dpspark sets none); training hooks run as in the stock worker.
 */
final class NetworkReusingWorker extends ParameterAveragingTrainingWorker {
    private static final long serialVersionUID = 1L;

    private static final ThreadLocal<Map<String, ComputationGraph>> NETS = ThreadLocal.withInitial(() -> new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ComputationGraph> e) { return size() > 1; }
    });

    private final Broadcast<NetBroadcastTuple> tuple;
    private final Broadcast<ComputationGraphConfiguration> architecture;
    private final String modelKey;

    /**
     * Bumped by {@link #forgetNetworks()}: networks cached under an older generation are not used again (for tests: a
     * worker thread that meets the model after round 1, as a new executor would).
     */
    private static volatile int generation;
    private static final java.util.concurrent.atomic.AtomicInteger BUILT = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param tuple        this round's configuration (without the model YAML: updaters and counts), parameters and
     *                     updater state
     * @param architecture the full configuration, to build a network when this thread has none
     */
    NetworkReusingWorker(Broadcast<NetBroadcastTuple> tuple, Broadcast<ComputationGraphConfiguration> architecture,
            boolean saveUpdater, WorkerConfiguration configuration, Collection<TrainingHook> hooks, String modelKey) {
        super(tuple, saveUpdater, configuration, hooks, null, null);
        this.tuple = tuple;
        this.architecture = architecture;
        this.modelKey = modelKey;
    }

    @Override
    public ComputationGraph getInitialModelGraph() {
        Map<String, ComputationGraph> cache = NETS.get();
        String key = modelKey + " #" + generation;
        ComputationGraph net = cache.get(key);
        NetBroadcastTuple t = tuple.getValue();
        if (net == null) { // as the stock worker builds it, from the full configuration
            net = new ComputationGraph(architecture.getValue().clone());
            net.init(t.getParameters().unsafeDuplication(), false);
            cache.put(key, net);
            BUILT.incrementAndGet();
        }
        // what the stock worker's network would get: a clone of the broadcast configuration (the clone does not
        // carry the iteration and epoch counts: they start at 0, as StepAdam expects)
        ComputationGraphConfiguration from = t.getGraphConfiguration().clone(), to = net.getConfiguration();
        for (Map.Entry<String, GraphVertex> e : from.getVertices().entrySet()) copyUpdaters(e.getValue(), to.getVertices().get(e.getKey()));
        to.setIterationCount(from.getIterationCount());
        to.setEpochCount(from.getEpochCount());
        net.setParams(t.getParameters());
        if (t.getUpdaterState() != null) net.setUpdater(new ComputationGraphUpdater(net, t.getUpdaterState().dup()));
        Nd4j.getExecutioner().commit();
        return net;
    }

    /**
     * The result holds copies: the stock worker hands over its network's own arrays, which the aggregation may add
     * into; this network trains again next round.
     */
    @Override
    public ParameterAveragingTrainingResult getFinalResult(ComputationGraph network) {
        ParameterAveragingTrainingResult r = super.getFinalResult(network);
        return new ParameterAveragingTrainingResult(r.getParameters().dup(), r.getUpdaterState() == null ? null : r.getUpdaterState().dup(),
                r.getScore(), r.getListenerMetaData(), r.getListenerStaticInfo(), r.getListenerUpdates());
    }

    /** Makes every thread build its network anew at its next round (JVM-wide; tests). */
    static void forgetNetworks() { generation++; }

    /** Networks built so far in this JVM (tests). */
    static int networksBuilt() { return BUILT.get(); }

    private static void copyUpdaters(GraphVertex from, GraphVertex to) {
        if (from instanceof SameDiffVertex f && to instanceof SameDiffVertex t) {
            t.setUpdater(copy(f.getUpdater()));
            t.setBiasUpdater(copy(f.getBiasUpdater()));
        } else if (from instanceof LayerVertex f && to instanceof LayerVertex t && f.getLayerConf().getLayer() instanceof BaseLayer fl
                && t.getLayerConf().getLayer() instanceof BaseLayer tl) {
            tl.setIUpdater(copy(fl.getIUpdater()));
            tl.setBiasUpdater(copy(fl.getBiasUpdater()));
        } else if (from.numParams(true) > 0) {
            // a trained vertex whose updater this class cannot copy would train on with last round's learning rate
            throw new IllegalStateException("NetworkReusingWorker: cannot copy the updater configuration of vertex " + from);
        }
    }

    private static IUpdater copy(IUpdater u) { return u == null ? null : u.clone(); }
}
