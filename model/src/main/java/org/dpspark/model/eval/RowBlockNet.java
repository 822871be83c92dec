package org.dpspark.model.eval;

import org.dpspark.model.Activation;
import org.dpspark.model.DenseNet;

/**
 * A {@link DenseNet} (a fitting net) evaluated on a block of rows at once with the Vector API, row-major: row r's
 * layer-l feature o at {@code r·ld + poff(l) + o}, every layer's width padded to a whole number of vectors
 * ({@link VectorKernels#padded}), so that a layer is one matrix product C(rows × nOut) = X·W with the vectors along
 * the output features (each broadcast input value feeds 4 vectors of outputs; the fitting net's rows, the atoms of a
 * type in a block, are too few to vectorise along). The reverse pass multiplies by a transposed, padded copy of each
 * W. Layer rule as {@link CompiledNet}; FMAs and {@link VectorKernels#tanh}, so round-off level agreement with it.
 *
 * <p>Padding features have weight, bias and idt 0 and input columns 0, so they stay 0 (tanh(0) = 0) and add
 * nothing. Buffers grow with the largest block ({@link #ensure}). Not thread-safe.
 */
final class RowBlockNet extends NetLayout {
    /** Padded width of the input and of each layer's output. */
    private final int pin;
    private final int[] pw;
    /** Offset of layer l's outputs in a row of {@link #out} / {@link #dphi}. */
    private final int[] poff;
    /** Row length of {@link #out} and {@link #dphi} (Σ padded widths). */
    final int ld;
    /** Padded row width of the widest layer input / output (reverse scratch). */
    private final int pmax;
    /** W padded: nIn × pw[l], packed ({@link VectorKernels#pack}). */
    private final double[][] wp;
    /** Wᵀ padded: nOut × padded(nIn), packed. */
    private final double[][] wt;
    private final double[][] bp;
    private final double[][] tp;
    int cap;
    /** Input rows (cap × pin). */
    double[] in = new double[0];
    double[] out = new double[0];
    double[] dphi = new double[0];
    private double[] ga = new double[0];
    private double[] gb = new double[0];
    private double[] dz = new double[0];
    /** A-panel scratch of the packed products ({@link VectorKernels#packScratch}). */
    private double[] apack = new double[0];

    RowBlockNet(DenseNet net) {
        super(net);
        pin = VectorKernels.padded(inDim);
        pw = new int[nLayers];
        poff = new int[nLayers];
        wp = new double[nLayers][];
        wt = new double[nLayers][];
        bp = new double[nLayers][];
        tp = new double[nLayers][];
        int o = 0, m = pin;
        for (int l = 0; l < nLayers; l++) {
            int ni = nIn[l], no = nOut[l], p = VectorKernels.padded(no), pi = VectorKernels.padded(ni);
            pw[l] = p;
            poff[l] = o;
            o += p;
            m = Math.max(m, p);
            wp[l] = new double[ni * p];
            wt[l] = new double[no * pi];
            for (int i = 0; i < ni; i++) {
                for (int k = 0; k < no; k++) {
                    wp[l][i * p + k] = w[l][i * no + k];
                    wt[l][k * pi + i] = w[l][i * no + k];
                }
            }
            bp[l] = new double[p];
            tp[l] = new double[p];
            for (int k = 0; k < no; k++) {
                bp[l][k] = b[l] == null ? 0.0 : b[l][k];
                tp[l][k] = idt[l] == null ? 1.0 : idt[l][k];
            }
        }
        ld = o;
        pmax = m;
        for (int l = 0; l < nLayers; l++) {
            wp[l] = VectorKernels.pack(wp[l], nIn[l], pw[l]);
            wt[l] = VectorKernels.pack(wt[l], nOut[l], VectorKernels.padded(nIn[l]));
        }
    }

    /** Row length of {@link #in}. */
    int inStride() { return pin; }

    /** Offset in a row of {@link #out} of the final output. */
    int outOffset() { return poff[nLayers - 1]; }

    /** Offset in a row of {@link #out} of the last hidden layer's output, or −1 for a one-layer net. */
    int lastHiddenOffset() { return nLayers >= 2 ? poff[nLayers - 2] : -1; }

    /** Makes room for {@code rows} rows (keeps nothing when it grows); zero input padding included. */
    void ensure(int rows) {
        rows = quad(rows);
        if (rows > cap) {
            cap = Math.max(rows, quad(cap + cap / 4));
            in = new double[cap * pin];
            out = new double[cap * ld];
            dphi = new double[cap * ld];
            ga = new double[cap * pmax];
            gb = new double[cap * pmax];
            dz = new double[cap * pmax];
            apack = new double[VectorKernels.packScratch(cap)];
        }
    }

    /**
     * rows rounded up to a multiple of {@link VectorKernels#MR}, the row blocking of {@link VectorKernels#gemmPacked}:
     * the passes run on whole blocks (the extra rows hold earlier blocks' finite values, or zeros, and are never
     * read), not on a slower 1-row tail.
     */
    private static int quad(int rows) {
        int mr = VectorKernels.MR;
        return (rows + mr - 1) / mr * mr;
    }

    /** Forward pass of rows 0..rows−1 of {@link #in}; fills {@link #out} and {@link #dphi}. */
    void forward(int rows) {
        rows = quad(rows);
        double[] src = in;
        int srcOff = 0, srcLd = pin;
        for (int l = 0; l < nLayers; l++) {
            int ni = nIn[l], p = pw[l], oo = poff[l];
            VectorKernels.gemmPacked(src, srcOff, 1, srcLd, rows, ni, wp[l], out, oo, ld, p, apack);
            double[] bl = bp[l], tl = tp[l];
            Activation a = act[l];
            for (int r = 0; r < rows; r++) {
                int q = r * ld + oo;
                if (a == Activation.TANH) {
                    VectorKernels.tanhRowVec(out, dphi, q, p, bl, tl);
                } else {
                    for (int k = 0; k < p; k++) {
                        double z = out[q + k] + bl[k];
                        double y = a.value(z);
                        out[q + k] = y * tl[k];
                        dphi[q + k] = a.derivative(z, y) * tl[k];
                    }
                }
                int x = r * srcLd + srcOff;
                if (skip[l] == 1) {
                    for (int k = 0; k < ni; k++) out[q + k] += src[x + k];
                } else if (skip[l] == 2) {
                    for (int k = 0; k < ni; k++) {
                        out[q + k] += src[x + k];
                        out[q + ni + k] += src[x + k];
                    }
                }
            }
            src = out;
            srcOff = oo;
            srcLd = ld;
        }
    }

    /**
     * Reverse pass of rows 0..rows−1 after {@link #forward} with ∂L/∂y_out = 1 for every row and output (the fitting
     * net's single output, the atomic energy).
     *
     * @return a scratch array holding ∂L/∂x, row r at {@code r·}{@link #gradStride()} (valid until the next call)
     */
    double[] backwardOnes(int rows) {
        rows = quad(rows);
        int last = nLayers - 1;
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < pw[last]; k++) ga[r * pmax + k] = k < outDim ? 1.0 : 0.0;
        }
        return reverse(rows);
    }

    /**
     * Reverse pass of rows 0..rows−1 after {@link #forward} from ∂L/∂y_out given per row: row r's outDim values at
     * {@code gOut[gOff + r·gLd]}; rows past {@code rows} up to the row blocking get 0.
     *
     * @return a scratch array holding ∂L/∂x, row r at {@code r·}{@link #gradStride()} (valid until the next call)
     */
    double[] backward(double[] gOut, int gOff, int gLd, int rows) {
        int all = quad(rows), last = nLayers - 1;
        for (int r = 0; r < all; r++) {
            for (int k = 0; k < pw[last]; k++) ga[r * pmax + k] = r < rows && k < outDim ? gOut[gOff + r * gLd + k] : 0.0;
        }
        return reverse(all);
    }

    /** The reverse pass over rows (a whole number of row blocks) from ∂L/∂y_out in {@code ga}. */
    private double[] reverse(int rows) {
        double[] g = ga, gx = gb;
        int last = nLayers - 1;
        for (int l = last; l >= 0; l--) {
            int ni = nIn[l], no = nOut[l], p = pw[l], oo = poff[l], pi = VectorKernels.padded(ni);
            for (int r = 0; r < rows; r++) VectorKernels.mul(dz, r * pmax, g, r * pmax, dphi, r * ld + oo, p);
            // gx[r][i] = Σ_o dz[r][o]·Wᵀ[o][i]
            VectorKernels.gemmPacked(dz, 0, 1, pmax, rows, no, wt[l], gx, 0, pmax, pi, apack);
            for (int r = 0; r < rows; r++) {
                int x = r * pmax;
                if (skip[l] == 1) {
                    for (int k = 0; k < ni; k++) gx[x + k] += g[x + k];
                } else if (skip[l] == 2) {
                    for (int k = 0; k < ni; k++) gx[x + k] += g[x + k] + g[x + ni + k];
                }
            }
            double[] t = g;
            g = gx;
            gx = t;
        }
        return g;
    }

    /** Row length of {@link #backwardOnes}'s and {@link #backward}'s result. */
    int gradStride() { return pmax; }
}
