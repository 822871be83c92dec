package org.dpspark.simulate.dp.kernel;

/**
 * Kernel (b): the embedding net forward pass of every slot of a chunk, G_s = N_e(s̃_s) with s̃ the first column of
 * the normalised environment row, keeping every layer's output and φ′·idt for the reverse pass
 * ({@link SlotGradKernel}). Padding slots are evaluated too (DeePMD-kit feeds their constant −davg/dstd).
 * The net of slot s of centre i is {@code embNet[t_i·N + s]} (one net per neighbour type when type_one_side,
 * else per (t_i, t_j) pair: DeePMD-kit's NetworkCollection index t_i + t_j·T).
 *
 * <p>Inputs: {@code netIn} = env B×N×4 (chunk); {@code types} n (frame). Outputs: {@code rowOut}, {@code rowDphi}
 * B×N×rowWidth. Range: B·N work items, {@code count} = B·N.
 */
final class EmbeddingKernel extends NetKernel {
    int[] types;
    int[] embNet;
    int nnei;
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
            forwardRow(embNet[types[atom0 + a] * nnei + s], 4 * gid, gid * rowWidth);
        }
    }
}
