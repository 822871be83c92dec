package org.dpspark.model.eval;

import org.dpspark.model.Activation;
import org.dpspark.model.DenseNet;

/**
 * A {@link DenseNet} laid out for evaluation: forward pass of one input row that keeps every layer's output and
 * φ′·idt, and the hand-written reverse pass ∂L/∂x from ∂L/∂y (no autodiff). Layer rule exactly as DeePMD-kit's
 * {@code NativeLayer.call} (deepmd/dpmodel/utils/network.py):
 * <pre>
 *   z = x·W + b;  y = φ(z);  y = y∘idt (if idt);  y += x (resnet, nOut = nIn) or y += [x, x] (resnet, nOut = 2·nIn)
 * </pre>
 * Reverse: ∂L/∂z = ∂L/∂y ∘ idt ∘ φ′(z); ∂L/∂x = W·∂L/∂z + (skip: ∂L/∂y, or ∂L/∂y[0:n] + ∂L/∂y[n:2n]).
 *
 * <p>Row layout: the outputs of layer l occupy {@code [off(l), off(l) + nOut(l))} of a row of
 * {@link #rowWidth()} doubles; the same layout holds φ′(z)·idt. Not thread-safe (reverse-pass scratch).
 */
final class CompiledNet extends NetLayout {
    private double[] ga;
    private double[] gb;
    private final double[] dz;

    CompiledNet(DenseNet net) {
        super(net);
        ga = new double[maxWidth];
        gb = new double[maxWidth];
        dz = new double[maxWidth];
    }

    /**
     * tanh(z) = 1 − 2/(e^{2z} + 1), the activation dpspark's evaluators use for {@code tanh}: one {@link Math#exp}
     * (a HotSpot intrinsic, ~3 ns) instead of {@link Math#tanh} (a native fdlibm call, ~14 ns on JDK 17). Absolute
     * error ≤ 3e-16 against the correctly rounded tanh (one rounding of e^{2z}, the sum, the quotient and the
     * difference with 1, each ≤ 1.1e-16 relative on values ≤ 2); the relative error near z = 0 is therefore
     * ~1e-16/|z|, irrelevant to energies summed in absolute terms. ±∞ and large |z| give ±1 (e^{2z} overflows to ∞
     * or underflows to 0), NaN stays NaN. The Aparapi kernels use the same formula, so Java thread-pool runs stay
     * bitwise equal to this reference.
     */
    static double tanh(double z) {
        return 1.0 - 2.0 / (Math.exp(2.0 * z) + 1.0);
    }

    /** Doubles per row of stored outputs (Σ layer widths). */
    int rowWidth() { return rowWidth; }

    /** Offset of layer l's output inside a row. */
    int offset(int l) { return off[l]; }

    /** Offset of the final output inside a row. */
    int outOffset() { return off[nLayers - 1]; }

    /** Offset of the last hidden layer's output (the layer before the last); for fitting nets. */
    int lastHiddenOffset() { return nLayers >= 2 ? off[nLayers - 2] : -1; }

    /**
     * Forward pass of one row.
     *
     * @param x input, {@code inDim} values at {@code xo}
     * @param out receives all layer outputs, {@link #rowWidth()} values at {@code ro}
     * @param dphi receives φ′(z)·idt per layer output (same layout), or null when no reverse pass follows
     */
    void forward(double[] x, int xo, double[] out, double[] dphi, int ro) {
        double[] in = x;
        int io = xo;
        for (int l = 0; l < nLayers; l++) {
            int ni = nIn[l], no = nOut[l], oo = ro + off[l];
            double[] wl = w[l];
            for (int o = 0; o < no; o++) out[oo + o] = 0.0;
            for (int i = 0; i < ni; i++) {
                double xi = in[io + i];
                int wr = i * no;
                for (int o = 0; o < no; o++) out[oo + o] += xi * wl[wr + o];
            }
            double[] bl = b[l], tl = idt[l];
            Activation a = act[l];
            for (int o = 0; o < no; o++) {
                double z = bl == null ? out[oo + o] : out[oo + o] + bl[o];
                double y = a == Activation.TANH ? tanh(z) : a.value(z);
                double d = a == Activation.TANH ? 1.0 - y * y : a.derivative(z, y);
                if (tl != null) {
                    y *= tl[o];
                    d *= tl[o];
                }
                out[oo + o] = y;
                if (dphi != null) dphi[oo + o] = d;
            }
            if (skip[l] == 1) {
                for (int o = 0; o < no; o++) out[oo + o] += in[io + o];
            } else if (skip[l] == 2) {
                for (int o = 0; o < ni; o++) {
                    out[oo + o] += in[io + o];
                    out[oo + ni + o] += in[io + o];
                }
            }
            in = out;
            io = oo;
        }
    }

    /**
     * Reverse pass of one row: ∂L/∂x from ∂L/∂y_out.
     *
     * @param gOut ∂L/∂(final output), {@code outDim} values at {@code go}
     * @param dphi the row's φ′·idt from {@link #forward}, at {@code ro}
     * @return a scratch array holding ∂L/∂x in its first {@code inDim} entries (valid until the next call)
     */
    double[] backward(double[] gOut, int go, double[] dphi, int ro) {
        double[] g = ga, gx = gb;
        System.arraycopy(gOut, go, g, 0, outDim);
        for (int l = nLayers - 1; l >= 0; l--) {
            int ni = nIn[l], no = nOut[l], oo = ro + off[l];
            double[] wl = w[l];
            for (int o = 0; o < no; o++) dz[o] = g[o] * dphi[oo + o];
            // four dot products at once: independent add chains (a single one is bound by the add latency);
            // each still sums over o in order from 0
            int i = 0;
            for (; i + 3 < ni; i += 4) {
                int w0 = i * no, w1 = w0 + no, w2 = w1 + no, w3 = w2 + no;
                double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
                for (int o = 0; o < no; o++) {
                    double d = dz[o];
                    s0 += wl[w0 + o] * d;
                    s1 += wl[w1 + o] * d;
                    s2 += wl[w2 + o] * d;
                    s3 += wl[w3 + o] * d;
                }
                gx[i] = s0;
                gx[i + 1] = s1;
                gx[i + 2] = s2;
                gx[i + 3] = s3;
            }
            for (; i < ni; i++) {
                int wr = i * no;
                double s = 0.0;
                for (int o = 0; o < no; o++) s += wl[wr + o] * dz[o];
                gx[i] = s;
            }
            if (skip[l] == 1) {
                for (int k = 0; k < ni; k++) gx[k] += g[k];
            } else if (skip[l] == 2) {
                for (int k = 0; k < ni; k++) gx[k] += g[k] + g[ni + k];
            }
            double[] t = g;
            g = gx;
            gx = t;
        }
        ga = g;
        gb = gx;
        return g;
    }
}
