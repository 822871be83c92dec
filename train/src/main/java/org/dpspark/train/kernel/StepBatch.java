package org.dpspark.train.kernel;

import java.util.Map;
import org.dpspark.train.graph.GraphNames;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The model inputs of one training batch for {@link DeepPotKernel}, per centre type t (A_t rows, N = Σ sel slots),
 * the same arrays as the SameDiff graph's placeholders ({@code BatchBuilder}, {@link org.dpspark.train.graph.GraphNames}):
 *
 * @param natoms atoms of the batch (frames concatenated)
 * @param nframes frames of the batch
 * @param env normalised environment matrices R̃, per type A_t×N×4
 * @param deriv ∂R̃/∂r_ij, per type (A_t·N)×4×3, 1/Å
 * @param rij r_j − r_i per slot, per type A_t×N×3, Å (zero for padding)
 * @param nbr batch atom index of each slot's neighbour (the centre itself for padding), per type A_t·N
 * @param ctr batch atom index of each row, per type A_t
 * @param frame frame index of each row, per type A_t
 * @param mask 1 for real rows, 0 for a dummy row of a type absent from the batch, per type A_t
 * @param params normalised frame and atomic parameters of each row, per type A_t×P ({@link GraphNames#params}), or
 *     null for a model without them
 */
public record StepBatch(int natoms, int nframes, double[][] env, double[][] deriv, double[][] rij, int[][] nbr, int[][] ctr,
        int[][] frame, double[][] mask, double[][] params) {

    /** A batch for a model without frame or atomic parameters. */
    public StepBatch(int natoms, int nframes, double[][] env, double[][] deriv, double[][] rij, int[][] nbr, int[][] ctr,
            int[][] frame, double[][] mask) {
        this(natoms, nframes, env, deriv, rij, nbr, ctr, frame, mask, null);
    }

    /** Rows (atoms, plus a dummy row for an absent type) of type t. */
    public int rows(int t) { return ctr[t].length; }

    /** From the SameDiff graph's placeholders, with {@link GraphNames#params} when present (arrays are copied to the heap). */
    public static StepBatch of(Map<String, INDArray> ph, int ntypes) {
        double[][] env = new double[ntypes][], deriv = new double[ntypes][], rij = new double[ntypes][], mask = new double[ntypes][];
        int[][] nbr = new int[ntypes][], ctr = new int[ntypes][], fr = new int[ntypes][];
        for (int t = 0; t < ntypes; t++) {
            env[t] = Nd4jViews.toArray(ph.get(GraphNames.env(t)));
            deriv[t] = Nd4jViews.toArray(ph.get(GraphNames.deriv(t)));
            rij[t] = Nd4jViews.toArray(ph.get(GraphNames.rij(t)));
            nbr[t] = ints(ph.get(GraphNames.neighbour(t)));
            ctr[t] = ints(ph.get(GraphNames.centre(t)));
            fr[t] = ints(ph.get(GraphNames.frameOf(t)));
            mask[t] = Nd4jViews.toArray(ph.get(GraphNames.mask(t)));
        }
        double[][] params = null;
        if (ph.containsKey(GraphNames.params(0))) {
            params = new double[ntypes][];
            for (int t = 0; t < ntypes; t++) params[t] = Nd4jViews.toArray(ph.get(GraphNames.params(t)));
        }
        return new StepBatch(ph.get(GraphNames.NATOMS).getInt(0), ph.get(GraphNames.NFRAMES).getInt(0), env, deriv, rij, nbr, ctr, fr, mask,
                params);
    }

    /**
     * From the inputs of the DL4J model vertex ({@code DeepPotVertex.inputNames}: header [1, 2] = (natoms, nframes),
     * then per type env [A, N·4], deriv [A·N, 12], rij [A, N·3], nbr [A·N, 1], ctr [A, 1], frame [A, 1], mask [A, 1],
     * indices as doubles); arrays are copied to the heap.
     */
    public static StepBatch ofVertexInputs(INDArray[] in, int ntypes) {
        double[][] env = new double[ntypes][], deriv = new double[ntypes][], rij = new double[ntypes][], mask = new double[ntypes][];
        int[][] nbr = new int[ntypes][], ctr = new int[ntypes][], fr = new int[ntypes][];
        for (int t = 0; t < ntypes; t++) {
            int o = 1 + 7 * t;
            env[t] = Nd4jViews.toArray(in[o]);
            deriv[t] = Nd4jViews.toArray(in[o + 1]);
            rij[t] = Nd4jViews.toArray(in[o + 2]);
            nbr[t] = ints(in[o + 3]);
            ctr[t] = ints(in[o + 4]);
            fr[t] = ints(in[o + 5]);
            mask[t] = Nd4jViews.toArray(in[o + 6]);
        }
        return new StepBatch((int) Math.round(in[0].getDouble(0, 0)), (int) Math.round(in[0].getDouble(0, 1)), env, deriv, rij,
                nbr, ctr, fr, mask);
    }

    /** Integer indices from an int array or from doubles holding integers (DL4J's vertex inputs). */
    public static int[] ints(INDArray a) {
        if (a.dataType().isIntType()) return a.dup('c').data().asInt();
        double[] d = Nd4jViews.toArray(a);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (int) Math.round(d[i]);
        return out;
    }
}
