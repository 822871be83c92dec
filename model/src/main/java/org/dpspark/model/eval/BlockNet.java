package org.dpspark.model.eval;

import org.dpspark.model.Activation;
import org.dpspark.model.DenseNet;

/**
 * A {@link DenseNet} (an embedding net) evaluated on a block of rows at once with the Vector API: the real neighbour
 * slots of many centre atoms, feature-major (feature f of row s at {@code f·ld + s}, ld = the row capacity, a whole
 * number of vectors), so that every layer is one matrix product C(nOut × rows) = Wᵀ·X
 * ({@link VectorKernels#gemmPackedA}, W packed once per net, vectors along the rows) followed by a vectorised
 * bias/tanh/idt/skip pass. Layer rule and reverse as {@link CompiledNet} (DeePMD-kit's {@code NativeLayer.call});
 * the products use FMAs (one rounding per multiply-add) and tanh is {@link VectorKernels#tanh}, so values agree
 * with {@link BatchedNet} to round-off, not bitwise.
 *
 * <p>Buffers grow with the largest block seen ({@link #ensure}: allocation only then) and are this net's:
 * {@link #in} (inDim × ld), {@link #out} and {@link #dphi} (rowWidth × ld: every layer's output and φ′·idt, layer l's
 * feature o at {@code (offset(l) + o)·ld}); the reverse pass's scratch is shared between the nets of an evaluator
 * ({@link Scratch}). Rows beyond the block (up to the next whole vector) are computed and never read. Not
 * thread-safe.
 */
final class BlockNet extends NetLayout {
    /** Reverse-pass buffers shared by the nets of one evaluator (one net's reverse pass at a time). */
    static final class Scratch {
        double[] ga = new double[0];
        double[] gb = new double[0];
        double[] dz = new double[0];
        /** B-panel scratch of {@link VectorKernels#gemmPackedA} (deepest sum of the nets). */
        double[] bpan = new double[0];

        void ensure(int n) {
            if (ga.length < n) {
                ga = new double[n];
                gb = new double[n];
                dz = new double[n];
            }
        }
    }

    private final Scratch scratch;
    /** Per layer: Wᵀ packed for the forward products, W for the reverse ({@link VectorKernels#packA}). */
    private final double[][] packedForward, packedReverse;
    /** Row capacity (a whole number of vectors). */
    int ld;
    double[] in = new double[0];
    double[] out = new double[0];
    double[] dphi = new double[0];

    BlockNet(DenseNet net, Scratch scratch) {
        super(net);
        this.scratch = scratch;
        packedForward = new double[nLayers][];
        packedReverse = new double[nLayers][];
        int deepest = 0;
        for (int l = 0; l < nLayers; l++) {
            packedForward[l] = VectorKernels.packA(w[l], 0, nOut[l], 1, nOut[l], nIn[l]);
            packedReverse[l] = VectorKernels.packA(w[l], 0, 1, nOut[l], nIn[l], nOut[l]);
            deepest = Math.max(deepest, Math.max(nIn[l], nOut[l]));
        }
        if (scratch.bpan.length < VectorKernels.panelScratch(deepest)) {
            scratch.bpan = new double[VectorKernels.panelScratch(deepest)];
        }
    }

    /**
     * Makes room for {@code rows} rows (keeps nothing when it grows), plus one vector: a caller may run a matrix
     * product over a segment of rows starting anywhere, rounded up to whole vectors.
     */
    void ensure(int rows) {
        int need = VectorKernels.padded(Math.max(1, rows)) + VectorKernels.L;
        if (need > ld) {
            ld = Math.max(need, VectorKernels.padded(ld + ld / 4));
            in = new double[inDim * ld];
            out = new double[rowWidth * ld];
            dphi = new double[rowWidth * ld];
        }
        scratch.ensure(maxWidth * ld);
    }

    /** Index in {@link #out} of output feature a of row 0 (add s for row s). */
    int outBase(int a) { return (off[nLayers - 1] + a) * ld; }

    /** Forward pass of rows 0..rows−1 of {@link #in} (after {@link #ensure}); fills {@link #out} and {@link #dphi}. */
    void forward(int rows) {
        int cols = VectorKernels.padded(rows);
        double[] src = in;
        int srcBase = 0;
        for (int l = 0; l < nLayers; l++) {
            int ni = nIn[l], no = nOut[l], ob = off[l] * ld;
            VectorKernels.gemmPackedA(packedForward[l], w[l], 0, no, 1, no, ni, src, srcBase, ld, out, ob, ld, cols,
                    false, scratch.bpan);
            double[] bl = b[l], tl = idt[l];
            Activation a = act[l];
            for (int o = 0; o < no; o++) {
                int q = ob + o * ld;
                double bo = bl == null ? 0.0 : bl[o];
                double t = tl == null ? 1.0 : tl[o];
                int sk = skip[l] == 1 ? o : skip[l] == 2 ? o % ni : -1; // the input feature the skip adds
                if (a == Activation.TANH && sk >= 0) {
                    VectorKernels.tanhRowSkip(out, dphi, q, cols, bo, t, src, srcBase + sk * ld);
                } else if (a == Activation.TANH) {
                    VectorKernels.tanhRow(out, dphi, q, cols, bo, t);
                } else {
                    for (int s = 0; s < rows; s++) {
                        double z = out[q + s] + bo;
                        double y = a.value(z);
                        double d = a.derivative(z, y);
                        out[q + s] = y * t + (sk >= 0 ? src[srcBase + sk * ld + s] : 0.0);
                        dphi[q + s] = d * t;
                    }
                }
            }
            src = out;
            srcBase = ob;
        }
    }

    /** dst[f·ld + s] += src[f·ld + s], f &lt; features, s &lt; cols. */
    private void addRows(double[] dst, int d0, double[] src, int s0, int features, int cols) {
        for (int f = 0; f < features; f++) VectorKernels.add(dst, d0 + f * ld, src, s0 + f * ld, cols);
    }

    /** The buffer the caller fills with ∂L/∂(final output) (outDim × ld, feature-major) before {@link #backward}. */
    double[] gradOut() { return scratch.ga; }

    /**
     * Reverse pass of rows 0..rows−1 after {@link #forward}, from ∂L/∂y_out in {@link #gradOut()}.
     *
     * @return a scratch array holding ∂L/∂x, inDim × ld (valid until {@link #gradOut()} of this scratch is written
     *         again)
     */
    double[] backward(int rows) {
        int cols = VectorKernels.padded(rows);
        double[] g = scratch.ga, gx = scratch.gb, dz = scratch.dz;
        for (int l = nLayers - 1; l >= 0; l--) {
            int ni = nIn[l], no = nOut[l], ob = off[l] * ld;
            VectorKernels.mul(dz, 0, g, 0, dphi, ob, no * ld);
            // gx[i][s] = Σ_o W[i][o]·dz[o][s] (+ the skip's ∂L/∂y: then accumulated in place into g, which dz has
            // consumed): A(q = o, r = i) = W[i·no + o]
            if (skip[l] == 0) {
                VectorKernels.gemmPackedA(packedReverse[l], w[l], 0, 1, no, ni, no, dz, 0, ld, gx, 0, ld, cols, false,
                        scratch.bpan);
                double[] t = g;
                g = gx;
                gx = t;
            } else {
                if (skip[l] == 2) addRows(g, 0, g, ni * ld, ni, cols);
                VectorKernels.gemmPackedA(packedReverse[l], w[l], 0, 1, no, ni, no, dz, 0, ld, g, 0, ld, cols, true,
                        scratch.bpan);
            }
        }
        return g;
    }
}
