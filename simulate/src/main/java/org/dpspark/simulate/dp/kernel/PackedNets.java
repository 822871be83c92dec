package org.dpspark.simulate.dp.kernel;

import java.util.List;
import org.dpspark.model.DenseNet;
import org.dpspark.model.NetLayer;

/**
 * A list of DeePMD-kit dense nets flattened into the primitive arrays a {@link NetKernel} reads (Aparapi kernels
 * take only primitive arrays and scalars). All nets of one list must have the same layer widths (true for the
 * embedding nets of one descriptor and the fitting nets of one model), so one row layout serves them all.
 *
 * <ul>
 *   <li>{@code w}: every layer's W (nIn×nOut row-major) concatenated; {@code b}, {@code idt} likewise (length ≥ 1)</li>
 *   <li>{@code layer}: {@link #LAYER_STRIDE} ints per layer: nIn, nOut, offset in w, offset in b (−1: no bias),
 *       offset in idt (−1: none), activation ({@code Activation.ordinal()}), skip (0, 1: y+=x, 2: y+=[x,x]),
 *       offset of the layer's output inside a row</li>
 *   <li>{@code net}: {@link #NET_STRIDE} ints per net: first layer, number of layers, offset of the final output
 *       in a row, row width (Σ layer widths)</li>
 * </ul>
 */
final class PackedNets {
    static final int LAYER_STRIDE = 8;
    static final int NET_STRIDE = 4;

    final double[] w;
    final double[] b;
    final double[] idt;
    final int[] layer;
    final int[] net;
    final int rowWidth;
    final int outOffset;
    final int outDim;
    final int inDim;
    /** Offset of the last hidden layer's output in a row (−1 for a one-layer net). */
    final int lastHiddenOffset;
    final int lastHiddenWidth;

    PackedNets(List<DenseNet> nets) {
        int nl = nets.get(0).layers().size();
        int nw = 0, nb = 0, nt = 0;
        for (DenseNet d : nets) {
            if (d.layers().size() != nl) throw new IllegalArgumentException("nets of one kind must have the same depth");
            for (int l = 0; l < nl; l++) {
                NetLayer a = d.layers().get(l), r = nets.get(0).layers().get(l);
                if (a.nIn() != r.nIn() || a.nOut() != r.nOut()) {
                    throw new IllegalArgumentException("nets of one kind must have the same widths");
                }
                nw += a.w().length;
                nb += a.b() == null ? 0 : a.b().length;
                nt += a.idt() == null ? 0 : a.idt().length;
            }
        }
        w = new double[Math.max(1, nw)];
        b = new double[Math.max(1, nb)];
        idt = new double[Math.max(1, nt)];
        layer = new int[nets.size() * nl * LAYER_STRIDE];
        net = new int[nets.size() * NET_STRIDE];
        int ow = 0, ob = 0, ot = 0, width = 0, lastOff = 0;
        for (int k = 0; k < nets.size(); k++) {
            width = 0;
            for (int l = 0; l < nl; l++) {
                NetLayer a = nets.get(k).layers().get(l);
                int p = (k * nl + l) * LAYER_STRIDE;
                layer[p] = a.nIn();
                layer[p + 1] = a.nOut();
                layer[p + 2] = ow;
                System.arraycopy(a.w(), 0, w, ow, a.w().length);
                ow += a.w().length;
                layer[p + 3] = a.b() == null ? -1 : ob;
                if (a.b() != null) {
                    System.arraycopy(a.b(), 0, b, ob, a.b().length);
                    ob += a.b().length;
                }
                layer[p + 4] = a.idt() == null ? -1 : ot;
                if (a.idt() != null) {
                    System.arraycopy(a.idt(), 0, idt, ot, a.idt().length);
                    ot += a.idt().length;
                }
                layer[p + 5] = a.act().ordinal();
                layer[p + 6] = a.skip();
                layer[p + 7] = width;
                lastOff = width;
                width += a.nOut();
            }
            net[k * NET_STRIDE] = k * nl;
            net[k * NET_STRIDE + 1] = nl;
            net[k * NET_STRIDE + 2] = lastOff;
            net[k * NET_STRIDE + 3] = width;
        }
        rowWidth = width;
        outOffset = lastOff;
        outDim = nets.get(0).outDim();
        inDim = nets.get(0).inDim();
        lastHiddenOffset = nl >= 2 ? layer[(nl - 2) * LAYER_STRIDE + 7] : -1;
        lastHiddenWidth = nl >= 2 ? layer[(nl - 2) * LAYER_STRIDE + 1] : 0;
    }

    /** Widest layer input or output. */
    int maxWidth() {
        int m = inDim;
        for (int p = 0; p < layer.length; p += LAYER_STRIDE) m = Math.max(m, Math.max(layer[p], layer[p + 1]));
        return m;
    }
}
