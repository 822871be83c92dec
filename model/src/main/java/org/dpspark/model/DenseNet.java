package org.dpspark.model;

import java.util.List;

/**
 * A DeePMD-kit embedding or fitting network (deepmd/dpmodel/utils/network.py {@code EmbeddingNet},
 * {@code FittingNet}): a stack of {@link NetLayer}s. An embedding net maps the scalar s̃ (inDim 1) through
 * {@code neuron} hidden layers, every layer with resnet = true; a fitting net has the {@code neuron} hidden
 * layers (resnet = true; a skip is only added where widths allow) plus a final linear layer to
 * {@code outDim} (activation "none", resnet false, bias when {@code bias}).
 *
 * @param kind embedding or fitting
 * @param inDim input width
 * @param outDim output width (the last neuron for an embedding net)
 * @param neuron hidden widths
 * @param activation DeePMD activation name of the hidden layers
 * @param resnetDt whether timestep vectors (idt) are used
 * @param precision "float64" or "float32"
 * @param bias embedding: the layers have biases; fitting: the output layer has a bias (bias_out)
 * @param layers the layers, input to output
 */
public record DenseNet(Kind kind, int inDim, int outDim, int[] neuron, String activation, boolean resnetDt,
        String precision, boolean bias, List<NetLayer> layers) {

    /** Which DeePMD-kit class this net serializes as. */
    public enum Kind { EMBEDDING, FITTING }

    public DenseNet {
        layers = List.copyOf(layers);
        int expected = neuron.length + (kind == Kind.FITTING ? 1 : 0);
        if (layers.size() != expected) {
            throw new IllegalArgumentException(kind + " net with neuron of length " + neuron.length + " needs " + expected
                    + " layers, got " + layers.size());
        }
        int width = inDim;
        for (int k = 0; k < layers.size(); k++) {
            NetLayer l = layers.get(k);
            if (l.nIn() != width) {
                throw new IllegalArgumentException(kind + " net layer " + k + " has input width " + l.nIn() + ", expected " + width);
            }
            width = l.nOut();
            if (k < neuron.length && width != neuron[k]) {
                throw new IllegalArgumentException(kind + " net layer " + k + " has width " + width + ", neuron says " + neuron[k]);
            }
        }
        if (width != outDim) throw new IllegalArgumentException(kind + " net output width " + width + " != outDim " + outDim);
        Activation.of(activation);
    }

    /** Output width of the last hidden layer (the fitting net's "middle output"). */
    public int lastHiddenWidth() {
        return neuron.length == 0 ? inDim : neuron[neuron.length - 1];
    }

    /** Number of weights, biases and timesteps. */
    public long parameterCount() {
        long n = 0;
        for (NetLayer l : layers) {
            n += l.w().length + (l.b() == null ? 0 : l.b().length) + (l.idt() == null ? 0 : l.idt().length);
        }
        return n;
    }
}
