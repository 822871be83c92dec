package org.dpspark.train.job;

import com.typesafe.config.Config;
import java.io.Serializable;

/**
 * How training runs on Spark: {@code train.parallel} and {@code train.compute}.
 *
 * @param workers            data-parallel workers (Spark partitions training at once); 0: Spark's default parallelism
 * @param mode               parameter averaging or gradient averaging
 * @param averagingFrequency Adam steps per worker between averages (mode averaging)
 * @param engine             the distributed training loop
 * @param compute            how one step is computed on either engine
 */
public record ParallelSettings(int workers, ParallelMode mode, int averagingFrequency, TrainEngine engine,
        TrainCompute compute) implements Serializable {

    /** The parallel keys of a {@code train} config section. */
    static ParallelSettings from(Config c) {
        Config p = c.getConfig("parallel");
        return new ParallelSettings(p.getInt("workers"), ParallelMode.of(p.getString("mode")),
                p.getInt("averaging-frequency"), TrainEngine.of(p.getString("engine")), TrainCompute.from(c));
    }

    /** True for the default distributed path, dl4j-spark's SparkComputationGraph. */
    public boolean dl4jSpark() { return engine == TrainEngine.DL4J_SPARK; }

    /** True when training steps run on the hand-written kernel, not the SameDiff graph. */
    public boolean kernel() { return compute == TrainCompute.KERNEL; }
}
