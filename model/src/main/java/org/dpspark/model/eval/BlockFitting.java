package org.dpspark.model.eval;

import org.dpspark.model.EnerFitting;

/**
 * The fitting nets run on a block of atoms at once ({@link RowBlockNet} per centre type, the Vector API's products):
 * each type's net reads its weights once per block instead of once per atom (a 1,608 × 240 first layer is 3 MB, which
 * a per-atom matrix–vector product streams from memory for every atom). Atoms are added with their fitting inputs
 * x_k (D_k, then the frame and atomic parameters), {@link #run} computes every output and ∂E_k/∂x_k, then they are read
 * per atom. Round-off level agreement with the one-row {@link CompiledNet} (fused multiply–adds, vector tanh).
 *
 * <p>Buffers are sized once for {@code cap} atoms: no allocation per block. Not thread-safe.
 */
final class BlockFitting {
    private final RowBlockNet[] nets;
    private final int width;
    private final int cap;
    /** Rows of each type in the current block. */
    private final int[] count;
    /** Type and row (in its type's net) of the k-th atom of the block. */
    private final int[] typeOf;
    private final int[] rowOf;
    /** ∂E/∂x of each type's rows after {@link #run} (row r at r·gradStride of that net). */
    private final double[][] grad;
    private int atoms;

    /**
     * @param fitting the model's fitting (one net per centre type)
     * @param width the fitting input's width (descriptor + parameters)
     * @param cap the most atoms of a block
     */
    BlockFitting(EnerFitting fitting, int width, int cap) {
        int nt = fitting.nets().size();
        nets = new RowBlockNet[nt];
        for (int t = 0; t < nt; t++) {
            nets[t] = new RowBlockNet(fitting.nets().get(t));
            nets[t].ensure(cap);
        }
        this.width = width;
        this.cap = cap;
        count = new int[nt];
        typeOf = new int[cap];
        rowOf = new int[cap];
        grad = new double[nt][];
    }

    /** The most atoms of a block. */
    int cap() { return cap; }

    /** Starts a new block. */
    void clear() {
        java.util.Arrays.fill(count, 0);
        atoms = 0;
    }

    /** Adds the next atom of the block: centre type {@code t}, fitting input {@code x} ({@code width} values). */
    void add(int t, double[] x) {
        if (atoms == cap) throw new IllegalStateException("block full: " + cap + " atoms");
        RowBlockNet net = nets[t];
        int r = count[t]++;
        System.arraycopy(x, 0, net.in, r * net.inStride(), width);
        typeOf[atoms] = t;
        rowOf[atoms] = r;
        atoms++;
    }

    /** Forward and reverse (∂E/∂x with ∂L/∂E = 1) of every type's rows of the block. */
    void run() {
        for (int t = 0; t < nets.length; t++) {
            if (count[t] == 0) continue;
            nets[t].forward(count[t]);
            grad[t] = nets[t].backwardOnes(count[t]);
        }
    }

    /** The net's output (the atomic energy without the bias) of the block's atom k. */
    double output(int k) {
        RowBlockNet net = nets[typeOf[k]];
        return net.out[rowOf[k] * net.ld + net.outOffset()];
    }

    /** ∂E_k/∂x_k of the block's atom k into {@code dst[0..width)}. */
    void gradient(int k, double[] dst) {
        RowBlockNet net = nets[typeOf[k]];
        System.arraycopy(grad[typeOf[k]], rowOf[k] * net.gradStride(), dst, 0, width);
    }

    /** The last hidden layer's {@code len} outputs of the block's atom k into {@code dst[off..)}. */
    void lastHidden(int k, double[] dst, int off, int len) {
        RowBlockNet net = nets[typeOf[k]];
        System.arraycopy(net.out, rowOf[k] * net.ld + net.lastHiddenOffset(), dst, off, len);
    }
}
