package org.dpspark.model.eval;

import org.dpspark.model.Activation;
import org.dpspark.model.DenseNet;

/**
 * A {@link DenseNet} evaluated on a block of S rows at once (the real neighbour slots of one centre atom and one
 * neighbour type), feature-major: feature f of row s lives at {@code f·cap + s}, so every inner loop runs over
 * the S rows of contiguous memory (C2 vectorises it) and each weight is loaded once per block instead of once per
 * row. Arithmetic and summation order per row are exactly those of {@link CompiledNet} (z = ((0 + x₀w₀) + x₁w₁
 * + …) + b; reverse Σ_o from 0 in o order), so every value is bitwise the one-row result.
 *
 * <p>Buffers (allocated once, {@code cap} rows): {@link #out} and {@link #dphi} hold every layer's outputs and
 * φ′·idt; layer l's feature o of row s is at {@code (offset(l) + o)·cap + s}. Not thread-safe.
 */
final class BatchedNet extends NetLayout {
    final int cap;
    /** Forward input, inDim × cap. */
    final double[] in;
    /** All layer outputs, rowWidth × cap. */
    final double[] out;
    /** φ′(z)·idt of all layer outputs, rowWidth × cap. */
    final double[] dphi;
    private double[] ga;
    private double[] gb;
    private final double[] dz;

    /**
     * @param net the net
     * @param cap the largest block (rows)
     */
    BatchedNet(DenseNet net, int cap) {
        super(net);
        this.cap = Math.max(1, cap);
        in = new double[inDim * this.cap];
        out = new double[rowWidth * this.cap];
        dphi = new double[rowWidth * this.cap];
        ga = new double[maxWidth * this.cap];
        gb = new double[maxWidth * this.cap];
        dz = new double[maxWidth * this.cap];
    }

    /** Index in {@link #out} of output feature a of row 0 (add s for row s). */
    int outBase(int a) { return (off[nLayers - 1] + a) * cap; }

    /** Element-wise operations of one row's forward pass besides the multiply-adds (bias, idt, skip), per output. */
    int outputs() {
        int o = 0;
        for (int l = 0; l < nLayers; l++) o += nOut[l];
        return o;
    }

    /** Forward pass of rows 0..S−1 of {@link #in}; fills {@link #out} and {@link #dphi}. */
    void forward(int rows) {
        double[] src = in;
        int srcBase = 0;
        for (int l = 0; l < nLayers; l++) {
            int ni = nIn[l], no = nOut[l], ob = off[l] * cap;
            double[] wl = w[l];
            for (int o = 0; o < no; o++) {
                int q = ob + o * cap;
                for (int s = 0; s < rows; s++) out[q + s] = 0.0;
            }
            // two inputs per pass over the block (half the loads/stores of out), same order: (acc + x_i·w) + x_{i+1}·w
            int i = 0;
            for (; i + 1 < ni; i += 2) {
                int xb = srcBase + i * cap, xb1 = xb + cap;
                int wr = i * no, wr1 = wr + no;
                for (int o = 0; o < no; o++) {
                    double wio = wl[wr + o], wi1 = wl[wr1 + o];
                    int q = ob + o * cap;
                    for (int s = 0; s < rows; s++) out[q + s] = (out[q + s] + src[xb + s] * wio) + src[xb1 + s] * wi1;
                }
            }
            for (; i < ni; i++) {
                int xb = srcBase + i * cap;
                int wr = i * no;
                for (int o = 0; o < no; o++) {
                    double wio = wl[wr + o];
                    int q = ob + o * cap;
                    for (int s = 0; s < rows; s++) out[q + s] += src[xb + s] * wio;
                }
            }
            double[] bl = b[l], tl = idt[l];
            Activation a = act[l];
            for (int o = 0; o < no; o++) {
                int q = ob + o * cap;
                double bo = bl == null ? 0.0 : bl[o];
                double t = tl == null ? 1.0 : tl[o];
                if (a == Activation.TANH) {
                    for (int s = 0; s < rows; s++) {
                        double z = bl == null ? out[q + s] : out[q + s] + bo;
                        double y = CompiledNet.tanh(z);
                        double d = 1.0 - y * y;
                        if (tl != null) {
                            y *= t;
                            d *= t;
                        }
                        out[q + s] = y;
                        dphi[q + s] = d;
                    }
                } else {
                    for (int s = 0; s < rows; s++) {
                        double z = bl == null ? out[q + s] : out[q + s] + bo;
                        double y = a.value(z);
                        double d = a.derivative(z, y);
                        if (tl != null) {
                            y *= t;
                            d *= t;
                        }
                        out[q + s] = y;
                        dphi[q + s] = d;
                    }
                }
            }
            if (skip[l] == 1) {
                for (int o = 0; o < no; o++) {
                    int q = ob + o * cap, x = srcBase + o * cap;
                    for (int s = 0; s < rows; s++) out[q + s] += src[x + s];
                }
            } else if (skip[l] == 2) {
                for (int o = 0; o < ni; o++) {
                    int q = ob + o * cap, q2 = ob + (ni + o) * cap, x = srcBase + o * cap;
                    for (int s = 0; s < rows; s++) {
                        out[q + s] += src[x + s];
                        out[q2 + s] += src[x + s];
                    }
                }
            }
            src = out;
            srcBase = ob;
        }
    }

    /**
     * Reverse pass of rows 0..S−1 after {@link #forward}: ∂L/∂x from ∂L/∂y_out.
     *
     * @param gOut ∂L/∂(final output), outDim × cap (feature-major, as {@link #out})
     * @return a scratch array holding ∂L/∂x, inDim × cap (valid until the next call)
     */
    double[] backward(double[] gOut, int rows) {
        double[] g = ga, gx = gb;
        for (int a = 0; a < outDim; a++) System.arraycopy(gOut, a * cap, g, a * cap, rows);
        for (int l = nLayers - 1; l >= 0; l--) {
            int ni = nIn[l], no = nOut[l], ob = off[l] * cap;
            double[] wl = w[l];
            for (int o = 0; o < no; o++) {
                int q = o * cap;
                for (int s = 0; s < rows; s++) dz[q + s] = g[q + s] * dphi[ob + q + s];
            }
            for (int i = 0; i < ni; i++) {
                int xi = i * cap;
                for (int s = 0; s < rows; s++) gx[xi + s] = 0.0;
                int wr = i * no;
                int o = 0;
                for (; o + 1 < no; o += 2) {
                    double wio = wl[wr + o], wi1 = wl[wr + o + 1];
                    int q = o * cap, q1 = q + cap;
                    for (int s = 0; s < rows; s++) gx[xi + s] = (gx[xi + s] + wio * dz[q + s]) + wi1 * dz[q1 + s];
                }
                for (; o < no; o++) {
                    double wio = wl[wr + o];
                    int q = o * cap;
                    for (int s = 0; s < rows; s++) gx[xi + s] += wio * dz[q + s];
                }
            }
            if (skip[l] == 1) {
                for (int i = 0; i < ni; i++) {
                    int xi = i * cap;
                    for (int s = 0; s < rows; s++) gx[xi + s] += g[xi + s];
                }
            } else if (skip[l] == 2) {
                for (int i = 0; i < ni; i++) {
                    int xi = i * cap, x2 = (ni + i) * cap;
                    for (int s = 0; s < rows; s++) gx[xi + s] += g[xi + s] + g[x2 + s];
                }
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
