package org.dpspark.train.job;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.dpspark.model.DeepPotModel;
import org.dpspark.train.data.ModelBytes;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.loss.Adam;
import org.dpspark.train.loss.LearningRate;

/**
 * The rdd engine ({@code train.parallel.engine = rdd}): dpspark's own data-parallel rounds over Spark RDDs. Each round
 * broadcasts the parameters and Adam state, every partition of the cached training frames (one per worker) runs
 * {@link RoundTask} (k Adam steps, or one gradient), and the driver averages what comes back: parameters and Adam
 * state (mode averaging) or gradients, then one Adam step here (mode gradients). The model YAML is broadcast once.
 */
public final class RddEngine implements AutoCloseable {
    /**
     * What a round leaves: parameters and Adam state after it, the loss terms {loss, loss_e, loss_f, loss_v} summed
     * over the round's steps and averaged over workers, neighbours dropped beyond sel, and the number of workers that
     * had frames.
     */
    public record Round(double[] params, Adam adam, double[] lossSums, long neighboursDropped, int workers) {}

    private final JavaSparkContext jsc;
    private final JavaRDD<TrainFrame> train;
    private final Broadcast<byte[]> modelB;
    private final String key;

    /** @param train the training frames, one cached partition per worker */
    public RddEngine(JavaSparkContext jsc, DeepPotModel template, JavaRDD<TrainFrame> train) {
        byte[] yaml = ModelBytes.of(template);
        this.jsc = jsc;
        this.train = train;
        this.key = RoundTask.key(template, yaml);
        this.modelB = jsc.broadcast(yaml);
    }

    /**
     * One round of {@code k} steps from global step {@code step}.
     *
     * @param grads  true: mode gradients (k must be 1); false: averaging
     * @param factor learning-rate factor for the number of workers
     */
    public Round round(TrainSettings sk, double[] params, Adam adam, long step, int k, boolean grads, LearningRate lr, double factor) {
        RoundTask.Input in = new RoundTask.Input(null, key, sk, params, adam.m(), adam.v(), adam.t(), step, k, grads, lr, factor);
        Broadcast<RoundTask.Input> inB = jsc.broadcast(in);
        Broadcast<byte[]> mb = modelB;
        List<RoundTask.Output> res = train.mapPartitionsWithIndex((p, it) -> {
            RoundTask.Input i = inB.value();
            RoundTask.Input full = new RoundTask.Input(mb.value(), i.modelKey(), i.settings(), i.params(), i.m(), i.v(),
                    i.adamT(), i.startStep(), i.steps(), i.gradientOnly(), i.lr(), i.lrFactor());
            return RoundTask.run(p, it, full);
        }, false).collect();
        inB.destroy();
        int nw = res.size();
        double[] p = params;
        Adam a = adam;
        if (grads) {
            double[] g = new double[params.length];
            for (RoundTask.Output o : res) for (int q = 0; q < g.length; q++) g[q] += o.gradient()[q] / nw;
            a.step(p, g, lr.at(step) * factor);
        } else {
            p = new double[params.length];
            double[] m = new double[params.length], v = new double[params.length];
            for (RoundTask.Output o : res) {
                for (int q = 0; q < p.length; q++) {
                    p[q] += o.params()[q] / nw;
                    m[q] += o.m()[q] / nw;
                    v[q] += o.v()[q] / nw;
                }
            }
            ScheduleSettings sc = sk.schedule();
            a = new Adam(sc.beta1(), sc.beta2(), sc.epsilon(), m, v, res.get(0).adamT());
        }
        double[] loss = new double[4];
        long dropped = 0;
        for (RoundTask.Output o : res) {
            for (int q = 0; q < 4; q++) loss[q] += o.lossSums()[q] / nw;
            dropped += o.neighboursDropped();
        }
        return new Round(p, a, loss, dropped, nw);
    }

    @Override
    public void close() {
        modelB.destroy();
    }
}
