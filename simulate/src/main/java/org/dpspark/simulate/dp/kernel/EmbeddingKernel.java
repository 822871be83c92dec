package org.dpspark.simulate.dp.kernel;

/**
 * Kernel (b): the embedding net forward pass of every slot of a chunk, G_s = N_e(s̃_s) with s̃ the first column of
 * the normalised environment row, keeping every layer's output and φ′·idt for the reverse pass
 * ({@link SlotGradKernel}). Padding slots (neighbour index −1) are not evaluated: their input is the constant
 * −davg/dstd of (t_i, slot), so their G is computed once per model on the host ({@code padG}, the same
 * {@link #forwardRow} code, as the Java reference does) and copied; their φ′ rows stay unset (unused).
 * The net of slot s of centre i is {@code embNet[t_i·N + s]} (one net per neighbour type when type_one_side,
 * else per (t_i, t_j) pair: DeePMD-kit's NetworkCollection index t_i + t_j·T).
 *
 * <p>Inputs: {@code netIn} = env B×N×4 (chunk); {@code types} n, {@code nlist} n×N (frame); {@code padG} T×N×M. Outputs: {@code rowOut}, {@code rowDphi}
 * B×N×rowWidth. Range: B·N work items, {@code count} = B·N.
 */
final class EmbeddingKernel extends NetKernel {
    int[] types;
    int[] embNet;
    int[] nlist;
    /** G of every padding slot, T (centre type) × N × M: computed once on the host by {@link #forwardRow}. */
    double[] padG;
    int nnei;
    int ng;
    int outOffset;
    int atom0;
    int count;
    int rowWidth;

    @Override
    public void run() {
        writeWitness();
        int gid = getGlobalId();
        if (gid < count) {
            int a = gid / nnei;
            int s = gid - a * nnei;
            int ti = types[atom0 + a];
            if (nlist[atom0 * nnei + gid] < 0) {
                // padding: constant input, G copied (its φ′ rows are never read: SlotGradKernel skips padding)
                int src = (ti * nnei + s) * ng;
                int dst = gid * rowWidth + outOffset;
                for (int p = 0; p < ng; p++) {
                    rowOut[dst + p] = padG[src + p];
                }
            } else {
                forwardRow(embNet[ti * nnei + s], 4 * gid, gid * rowWidth);
            }
        }
    }
}
