package org.dpspark.train.job;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.List;

/**
 * The networks of {@code train.model} (DeePMD-kit's se_e2_a descriptor + energy fitting); the type map, cutoffs
 * and sel are the shared {@link org.dpspark.model.ModelSettings}.
 *
 * @param neuron            embedding net widths (the last is M)
 * @param axisNeuron        axis_neuron M&lt; (columns of the embedding kept for the descriptor)
 * @param typeOneSide       one embedding net per neighbour type (true) or per type pair
 * @param embeddingResnetDt timestep on the embedding net's skip connections
 * @param fittingNeuron     fitting net hidden widths (one net per atom type)
 * @param fittingResnetDt   timestep on the fitting net's skip connections
 * @param activation        {@code tanh} or {@code none}
 * @param seed              seed of the weight initialisation and of batch sampling (ensemble member k: seed + k)
 */
public record NetworkSettings(int[] neuron, int axisNeuron, boolean typeOneSide, boolean embeddingResnetDt,
        int[] fittingNeuron, boolean fittingResnetDt, String activation, long seed) implements Serializable {

    /** The network keys of a {@code train.model} config section. */
    static NetworkSettings from(Config m) {
        if (!m.getString("descriptor").equals("se_e2_a")) {
            String d = m.getString("descriptor");
            throw new IllegalArgumentException("train.model.descriptor = " + d + ": training is implemented for se_e2_a"
                    + " only" + (List.of("se_e2_r", "se_r", "se_atten", "dpa1", "se_atten_v2").contains(d) ? " (" + d
                    + " models trained by DeePMD-kit are imported with import-model, then tested and simulated; dpspark"
                    + " does not train them yet)" : ""));
        }
        return new NetworkSettings(ints(m, "neuron"), m.getInt("axis-neuron"), m.getBoolean("type-one-side"),
                m.getBoolean("embedding-resnet-dt"), ints(m, "fitting-neuron"), m.getBoolean("fitting-resnet-dt"),
                m.getString("activation"), m.getLong("seed"));
    }

    private static int[] ints(Config c, String key) {
        return c.getIntList(key).stream().mapToInt(Integer::intValue).toArray();
    }

    /** The same networks with another seed. */
    public NetworkSettings withSeed(long s) {
        return new NetworkSettings(neuron, axisNeuron, typeOneSide, embeddingResnetDt, fittingNeuron, fittingResnetDt,
                activation, s);
    }
}
