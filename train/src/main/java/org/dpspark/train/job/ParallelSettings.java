package org.dpspark.train.job;

import com.typesafe.config.Config;
import java.io.Serializable;

/**
 * How training runs on Spark: {@code train.parallel}, {@code train.compute} and {@code train.precision}.
 *
 * @param workers            data-parallel workers (Spark partitions training at once); 0: Spark's default parallelism
 * @param mode               parameter averaging or gradient averaging
 * @param averagingFrequency Adam steps per worker between averages (mode averaging)
 * @param engine             the distributed training loop
 * @param compute            how one step is computed on either engine
 * @param precision          the nets' arithmetic in training steps ({@code train.precision})
 */
public record ParallelSettings(int workers, ParallelMode mode, int averagingFrequency, TrainEngine engine,
        TrainCompute compute, TrainPrecision precision) implements Serializable {

    /** The parallel keys of a {@code train} config section. */
    static ParallelSettings from(Config c) {
        Config p = c.getConfig("parallel");
        TrainCompute compute = TrainCompute.from(c);
        return new ParallelSettings(p.getInt("workers"), ParallelMode.of(p.getString("mode")),
                p.getInt("averaging-frequency"), TrainEngine.of(p.getString("engine")), compute,
                TrainPrecision.from(c, compute));
    }

    /** True for the default distributed path, dl4j-spark's SparkComputationGraph. */
    public boolean dl4jSpark() { return engine == TrainEngine.DL4J_SPARK; }

    /** True when training steps run on the hand-written kernel, not the SameDiff graph. */
    public boolean kernel() { return compute == TrainCompute.KERNEL; }

    /** True when the kernel's nets run in float32 ({@code train.precision = mixed}). */
    public boolean mixed() { return precision == TrainPrecision.MIXED; }
}
