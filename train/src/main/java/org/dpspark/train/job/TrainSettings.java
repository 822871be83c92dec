package org.dpspark.train.job;

import com.typesafe.config.Config;
import java.io.Serializable;
import org.dpspark.model.ModelSettings;

/**
 * The {@code model} and {@code train} sections of the job configuration (defaults in dpspark-defaults.conf, the one
 * place they live), read once on the driver and shipped to executors.
 *
 * @param model    type map, cutoffs and sel (the {@code model} section, shared with featurize)
 * @param network  the embedding and fitting nets, activation and seed ({@code train.model})
 * @param schedule learning rate, loss prefactors, Adam, steps, display and checkpoint intervals
 * @param data     training and validation frames, batch size, statistics frames
 * @param parallel workers, mode, averaging frequency, engine and compute
 */
public record TrainSettings(ModelSettings model, NetworkSettings network, ScheduleSettings schedule,
        DataSettings data, ParallelSettings parallel) implements Serializable {

    public static TrainSettings from(Config root) {
        Config c = root.getConfig("train");
        TrainSettings s = new TrainSettings(ModelSettings.from(root), NetworkSettings.from(c.getConfig("model")),
                ScheduleSettings.from(c), DataSettings.from(c), ParallelSettings.from(c));
        String desc = s.network().descriptorType();
        if (!desc.equals("se_e2_a") && !s.parallel().kernel()) {
            throw new IllegalArgumentException("train.compute = " + s.parallel().compute().configName() + ": " + desc
                    + " trains with train.compute = kernel only");
        }
        if (!desc.equals("se_e2_a") && s.parallel().dl4jSpark()) {
            throw new IllegalArgumentException("train.parallel.engine = dl4j-spark: " + desc + " trains with"
                    + " train.parallel.engine = rdd only");
        }
        if (s.network().hasFrameParams() && (!s.parallel().kernel() || s.parallel().dl4jSpark())) {
            throw new IllegalArgumentException("train.model.numb-" + (s.network().numbFparam() > 0 ? "fparam" : "aparam")
                    + " > 0: frame and atomic parameters train with train.compute = kernel and train.parallel.engine = rdd only"
                    + " (now compute = " + s.parallel().compute().configName() + ", engine = "
                    + (s.parallel().dl4jSpark() ? "dl4j-spark" : "rdd") + ")");
        }
        return s;
    }

    /** These settings with fixed sel slots per type (se_atten: the slot blocks of its se_e2_a expansion). */
    public TrainSettings withSel(int[] slots) {
        return new TrainSettings(model.withSel(slots), network, schedule, data, parallel);
    }

    /** {@code train.compute} of a {@code train} config section, checked. */
    public static TrainCompute compute(Config train) {
        return TrainCompute.from(train);
    }

    /** These settings with another seed (ensemble member k: seed + k). */
    public TrainSettings withSeed(long s) {
        return new TrainSettings(model, network.withSeed(s), schedule, data, parallel);
    }

    /** These settings with the schedule laid out over {@code total} steps. */
    public TrainSettings withSteps(long total) {
        return new TrainSettings(model, network, schedule.withSteps(total), data, parallel);
    }

    /**
     * These settings for fine-tuning a model that already learnt: {@code fineTuneSteps} steps from learning rate
     * {@code fineTuneLrStart}; a value {@code <= 0} keeps the configured one.
     */
    public TrainSettings fineTune(long fineTuneSteps, double fineTuneLrStart) {
        return new TrainSettings(model, network, schedule.fineTune(fineTuneSteps, fineTuneLrStart), data, parallel);
    }
}
