package org.dpspark.train.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.io.Serializable;
import java.util.List;
import org.dpspark.train.loss.Prefactors;

/**
 * The {@code train} section of the job configuration (defaults in dpspark-defaults.conf, the one place they live),
 * read once on the driver and shipped to executors.
 */
public record TrainSettings(List<String> typeMap, double rcut, double rcutSmth, int[] sel, double selAutoRatio,
        int[] neuron, int axisNeuron, boolean typeOneSide, boolean embeddingResnetDt, int[] fittingNeuron,
        boolean fittingResnetDt, String activation, long seed,
        double lrStart, double lrStop, int decaySteps, String lrScale,
        Prefactors prefactors, double beta1, double beta2, double epsilon,
        long steps, int batchSize, int batchAutoAtoms, int dispFreq, int saveFreq,
        List<String> datasets, List<String> splits, List<String> validDatasets, List<String> validSplits,
        int validMaxFrames, int statsMaxFrames,
        int workers, String parallelMode, int averagingFrequency, String engine, String compute) implements Serializable {

    public static TrainSettings from(Config root) {
        Config c = root.getConfig("train");
        Config m = c.getConfig("model");
        int[] sel = null;
        double ratio = 1.1;
        if (m.getValue("sel").valueType() == ConfigValueType.LIST) {
            sel = m.getIntList("sel").stream().mapToInt(Integer::intValue).toArray();
        } else {
            String s = m.getString("sel");
            if (s.startsWith("auto:")) ratio = Double.parseDouble(s.substring(5));
            else if (!s.equals("auto")) throw new IllegalArgumentException("train.model.sel must be a list, auto or auto:<ratio>, got " + s);
        }
        if (!m.getString("descriptor").equals("se_e2_a")) {
            throw new IllegalArgumentException("train.model.descriptor: only se_e2_a is implemented, got " + m.getString("descriptor"));
        }
        int batch = 0, autoAtoms = 32;
        if (c.getValue("batch-size").valueType() == ConfigValueType.NUMBER) {
            batch = c.getInt("batch-size");
        } else {
            String b = c.getString("batch-size");
            if (b.startsWith("auto:")) autoAtoms = Integer.parseInt(b.substring(5));
            else if (!b.equals("auto")) throw new IllegalArgumentException("train.batch-size must be a number, auto or auto:<atoms>");
        }
        Config l = c.getConfig("loss");
        Prefactors pref = new Prefactors(l.getDouble("start-pref-e"), l.getDouble("limit-pref-e"), l.getDouble("start-pref-f"),
                l.getDouble("limit-pref-f"), l.getDouble("start-pref-v"), l.getDouble("limit-pref-v"));
        Config lr = c.getConfig("learning-rate");
        Config a = c.getConfig("adam");
        Config d = c.getConfig("data");
        Config p = c.getConfig("parallel");
        String mode = p.getString("mode");
        if (!mode.equals("averaging") && !mode.equals("gradients")) {
            throw new IllegalArgumentException("train.parallel.mode must be averaging or gradients, got " + mode);
        }
        String engine = p.getString("engine");
        if (!engine.equals("dl4j-spark") && !engine.equals("rdd")) {
            throw new IllegalArgumentException("train.parallel.engine must be dl4j-spark or rdd, got " + engine);
        }
        String compute = compute(c);
        String scale = lr.getString("scale-by-workers");
        if (!List.of("linear", "sqrt", "none").contains(scale)) {
            throw new IllegalArgumentException("train.learning-rate.scale-by-workers must be linear, sqrt or none");
        }
        return new TrainSettings(m.getStringList("type-map"), m.getDouble("rcut"), m.getDouble("rcut-smth"), sel, ratio,
                ints(m, "neuron"), m.getInt("axis-neuron"), m.getBoolean("type-one-side"), m.getBoolean("embedding-resnet-dt"),
                ints(m, "fitting-neuron"), m.getBoolean("fitting-resnet-dt"), m.getString("activation"), m.getLong("seed"),
                lr.getDouble("start"), lr.getDouble("stop"), lr.getInt("decay-steps"), scale, pref,
                a.getDouble("beta1"), a.getDouble("beta2"), a.getDouble("epsilon"),
                c.getLong("steps"), batch, autoAtoms, c.getInt("disp-freq"), c.getInt("save-freq"),
                d.getStringList("datasets"), d.getStringList("splits"), d.getStringList("valid-datasets"),
                d.getStringList("valid-splits"), d.getInt("valid-max-frames"), d.getInt("stats-max-frames"),
                p.getInt("workers"), mode, p.getInt("averaging-frequency"), engine, compute);
    }

    private static int[] ints(Config c, String key) {
        return c.getIntList(key).stream().mapToInt(Integer::intValue).toArray();
    }

    /** Frames per batch for a system of {@code natoms}: fixed, or DeePMD's "auto": ⌈auto_atoms/natoms⌉. */
    public int batchFrames(int natoms) {
        return batchSize > 0 ? batchSize : Math.max(1, (autoAtoms() + natoms - 1) / natoms);
    }

    private int autoAtoms() { return batchAutoAtoms; }

    /** Learning-rate factor for {@code workers} data-parallel workers. */
    public double lrFactor(int nWorkers) {
        return switch (lrScale) {
            case "linear" -> nWorkers;
            case "sqrt" -> Math.sqrt(nWorkers);
            default -> 1.0;
        };
    }

    /** True for the default distributed path, dl4j-spark's SparkComputationGraph. */
    public boolean dl4jSpark() { return engine.equals("dl4j-spark"); }

    /** True when training steps run on the hand-written kernel ({@code train.compute = kernel}), not the SameDiff graph. */
    public boolean kernel() { return compute.equals("kernel"); }

    /** {@code train.compute} of a {@code train} config section, checked: kernel or samediff. */
    public static String compute(Config train) {
        String compute = train.getString("compute");
        if (!compute.equals("kernel") && !compute.equals("samediff")) {
            throw new IllegalArgumentException("train.compute must be kernel or samediff, got " + compute);
        }
        return compute;
    }

    public TrainSettings withSeed(long s) {
        return new TrainSettings(typeMap, rcut, rcutSmth, sel, selAutoRatio, neuron, axisNeuron, typeOneSide,
                embeddingResnetDt, fittingNeuron, fittingResnetDt, activation, s, lrStart, lrStop, decaySteps, lrScale,
                prefactors, beta1, beta2, epsilon, steps, batchSize, batchAutoAtoms, dispFreq, saveFreq, datasets, splits,
                validDatasets, validSplits, validMaxFrames, statsMaxFrames, workers, parallelMode, averagingFrequency, engine,
                compute);
    }

    /**
     * These settings for fine-tuning a model that already learnt: {@code fineTuneSteps} steps from learning rate
     * {@code fineTuneLrStart}; a value {@code <= 0} keeps the configured one.
     */
    public TrainSettings fineTune(long fineTuneSteps, double fineTuneLrStart) {
        long st = fineTuneSteps > 0 ? fineTuneSteps : steps;
        double lr = fineTuneLrStart > 0 ? fineTuneLrStart : lrStart;
        return new TrainSettings(typeMap, rcut, rcutSmth, sel, selAutoRatio, neuron, axisNeuron, typeOneSide,
                embeddingResnetDt, fittingNeuron, fittingResnetDt, activation, seed, lr, lrStop, decaySteps, lrScale,
                prefactors, beta1, beta2, epsilon, st, batchSize, batchAutoAtoms, dispFreq, saveFreq, datasets, splits,
                validDatasets, validSplits, validMaxFrames, statsMaxFrames, workers, parallelMode, averagingFrequency, engine,
                compute);
    }
}
