package org.dpspark.model.eval;

import org.dpspark.model.Activation;
import org.dpspark.model.DenseNet;
import org.dpspark.model.NetLayer;

/**
 * A {@link DenseNet}'s layers as flat per-layer arrays, shared by {@link CompiledNet} (one row) and
 * {@link BatchedNet} (a block of rows): widths, weights (nIn×nOut row-major), biases, idt (or null), activation,
 * skip kind, and the offset of each layer's outputs in a row of all layer outputs ({@link #rowWidth} values).
 * The two evaluators extend it, so the layout's fields are theirs (final fields: the JIT keeps them in registers).
 */
class NetLayout {
    final int nLayers;
    final int inDim;
    final int outDim;
    final int[] nIn;
    final int[] nOut;
    /** Offset of layer l's outputs within a row of all layer outputs. */
    final int[] off;
    /** Σ nOut: the values of all layer outputs of one row. */
    final int rowWidth;
    /** The widest of the input and every layer's output (scratch size of a reverse pass). */
    final int maxWidth;
    final double[][] w;
    final double[][] b;
    final double[][] idt;
    final Activation[] act;
    final int[] skip;
    /** Multiply-adds of one row's forward pass (Σ nIn·nOut). */
    final long macs;

    /** Multiply-adds of one row's forward pass (Σ nIn·nOut). */
    long macs() { return macs; }

    NetLayout(DenseNet net) {
        nLayers = net.layers().size();
        inDim = net.inDim();
        outDim = net.outDim();
        nIn = new int[nLayers];
        nOut = new int[nLayers];
        off = new int[nLayers];
        w = new double[nLayers][];
        b = new double[nLayers][];
        idt = new double[nLayers][];
        act = new Activation[nLayers];
        skip = new int[nLayers];
        int width = 0, maxW = inDim;
        long m = 0;
        for (int l = 0; l < nLayers; l++) {
            NetLayer layer = net.layers().get(l);
            nIn[l] = layer.nIn();
            nOut[l] = layer.nOut();
            off[l] = width;
            width += nOut[l];
            w[l] = layer.w();
            b[l] = layer.b();
            idt[l] = layer.idt();
            act[l] = layer.act();
            skip[l] = layer.skip();
            maxW = Math.max(maxW, nOut[l]);
            m += (long) nIn[l] * nOut[l];
        }
        rowWidth = width;
        maxWidth = maxW;
        macs = m;
    }
}
