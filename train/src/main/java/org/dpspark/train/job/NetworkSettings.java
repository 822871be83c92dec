package org.dpspark.train.job;

import com.typesafe.config.Config;
import java.io.Serializable;

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
 * @param seAtten           DPA-1 (se_atten, attn_layer 0: one embedding net over all neighbours with the type
 *                          embedding as extra inputs, one fitting net) instead of se_e2_a
 * @param tebdDim           se_atten: width d of the type embedding
 * @param concatOutputTebd  se_atten: the centre's type embedding appended to the descriptor
 * @param seR               se_e2_r (radial only: D = (1/5)·mean over the slots of the embedding; no axis matrix, so
 *                          {@code axisNeuron} is not used) instead of se_e2_a
 * @param numbFparam        F frame parameters per frame (DeePMD-kit's fitting {@code numb_fparam}, e.g. an electronic
 *                          temperature), appended, normalised, to every atom's fitting input; 0: none
 * @param numbAparam        A atomic parameters per atom ({@code numb_aparam}), appended likewise; 0: none
 */
public record NetworkSettings(int[] neuron, int axisNeuron, boolean typeOneSide, boolean embeddingResnetDt,
        int[] fittingNeuron, boolean fittingResnetDt, String activation, long seed, boolean seAtten, int tebdDim,
        boolean concatOutputTebd, boolean seR, int numbFparam, int numbAparam) implements Serializable {

    /** The network keys of a {@code train.model} config section. */
    static NetworkSettings from(Config m) {
        String d = m.getString("descriptor");
        boolean atten = d.equals("se_atten") || d.equals("dpa1");
        boolean radial = d.equals("se_e2_r") || d.equals("se_r");
        if (!d.equals("se_e2_a") && !atten && !radial) {
            throw new IllegalArgumentException("train.model.descriptor = " + d + ": training is implemented for se_e2_a,"
                    + " se_e2_r and se_atten (attn-layer = 0)" + (d.equals("se_atten_v2") ? " (se_atten_v2 models trained by"
                    + " DeePMD-kit are imported with import-model, then tested and simulated; dpspark does not train its strip"
                    + " type embedding yet)" : ""));
        }
        if (atten) {
            if (m.getInt("attn-layer") != 0) {
                throw new IllegalArgumentException("train.model.attn-layer = " + m.getInt("attn-layer") + ": se_atten trains"
                        + " without attention layers only (set train.model.attn-layer = 0)");
            }
            if (!m.getString("tebd-input-mode").equals("concat")) {
                throw new IllegalArgumentException("train.model.tebd-input-mode = " + m.getString("tebd-input-mode")
                        + ": se_atten trains with concat only");
            }
            if (m.getInt("tebd-dim") <= 0) throw new IllegalArgumentException("train.model.tebd-dim must be > 0, got " + m.getInt("tebd-dim"));
        }
        int nfp = m.getInt("numb-fparam"), nap = m.getInt("numb-aparam");
        if (nfp < 0 || nap < 0) {
            throw new IllegalArgumentException("train.model.numb-" + (nfp < 0 ? "fparam = " + nfp : "aparam = " + nap)
                    + ": the number of parameters must be >= 0");
        }
        return new NetworkSettings(ints(m, "neuron"), m.getInt("axis-neuron"), m.getBoolean("type-one-side"),
                m.getBoolean("embedding-resnet-dt"), ints(m, "fitting-neuron"), m.getBoolean("fitting-resnet-dt"),
                m.getString("activation"), m.getLong("seed"), atten, m.getInt("tebd-dim"), m.getBoolean("concat-output-tebd"),
                radial, nfp, nap);
    }

    /** DeePMD-kit's name of the descriptor trained: se_e2_a, se_e2_r or se_atten. */
    public String descriptorType() { return seAtten ? "se_atten" : seR ? "se_e2_r" : "se_e2_a"; }

    /** Whether the fitting net takes frame or atomic parameters. */
    public boolean hasFrameParams() { return numbFparam > 0 || numbAparam > 0; }

    private static int[] ints(Config c, String key) {
        return c.getIntList(key).stream().mapToInt(Integer::intValue).toArray();
    }

    /** The same networks with another seed. */
    public NetworkSettings withSeed(long s) {
        return new NetworkSettings(neuron, axisNeuron, typeOneSide, embeddingResnetDt, fittingNeuron, fittingResnetDt,
                activation, s, seAtten, tebdDim, concatOutputTebd, seR, numbFparam, numbAparam);
    }
}
