package org.dpspark.simulate.dp.kernel;

/**
 * Kernel (e), one work item per slot of a chunk: ∂E/∂R̃ of the slot (direct term Σ_a ∂E/∂gr[a][k]·G_s[a], plus
 * ∂E/∂s̃ through the embedding net's reverse pass, or through the table's derivative for a compressed model, for k = 0), contracted with ∂R̃/∂r_ij into the slot's
 * g = ∂E/∂r_ij (eV/Å), exactly as the reference ({@code DeepPotEvaluator} + {@code ForceVirial}). Padding slots
 * give g = 0 (their R̃ is constant). Forces and virials follow from g in {@link ForceGatherKernel}.
 *
 * <p>Inputs: {@code env} B×N×4, {@code deriv} B×N×12, {@code dgr} B×M×4, the embedding rows
 * {@code rowOut}/{@code rowDphi} of {@link EmbeddingKernel} (overwritten by the in-place reverse pass),
 * {@code nlist} n×N and {@code types} n (frame). Output: {@code slotG} B×N×3; scratch {@code netInGrad} B×N.
 */
final class SlotGradKernel extends NetKernel {
    double[] env;
    double[] deriv;
    double[] dgr;
    double[] slotG;
    int[] nlist;
    int[] types;
    int[] embNet;
    int nnei;
    int ng;
    int rowWidth;
    int outOffset;
    int atom0;
    int count;
    /**
     * 1 for a compressed model: {@code rowOut} holds the tabulated G (row width M, offset 0) and {@code rowDphi} its
     * derivative G′ = dG/ds̃ ({@link TableEmbeddingKernel}), so ∂E/∂s̃ = Σ_p ∂E/∂G_s[p]·G′_s[p] replaces the net's
     * reverse pass; 0: the net's rows of {@link EmbeddingKernel}.
     */
    int tabulated;

    @Override
    public void run() {
        writeWitness();
        int gid = getGlobalId();
        if (gid < count) {
            if (nlist[atom0 * nnei + gid] < 0) {
                slotG[3 * gid] = 0.0;
                slotG[3 * gid + 1] = 0.0;
                slotG[3 * gid + 2] = 0.0;
            } else {
                slot(gid);
            }
        }
    }

    void slot(int gid) {
        int a = gid / nnei;
        int s = gid - a * nnei;
        int row = gid * rowWidth;
        int gOff = row + outOffset;
        int p0 = a * 4 * ng;
        double r0 = env[4 * gid];
        double r1 = env[4 * gid + 1];
        double r2 = env[4 * gid + 2];
        double r3 = env[4 * gid + 3];
        double d0 = 0.0;
        double d1 = 0.0;
        double d2 = 0.0;
        double d3 = 0.0;
        double ds = 0.0;
        for (int p = 0; p < ng; p++) {
            double g = rowOut[gOff + p];
            int q = p0 + 4 * p;
            double g0 = dgr[q];
            double g1 = dgr[q + 1];
            double g2 = dgr[q + 2];
            double g3 = dgr[q + 3];
            d0 += g0 * g;
            d1 += g1 * g;
            d2 += g2 * g;
            d3 += g3 * g;
            double dG = g0 * r0 + g1 * r1 + g2 * r2 + g3 * r3; // ∂E/∂G_s[p]
            if (tabulated == 1) {
                ds += dG * rowDphi[gOff + p];
            } else {
                rowOut[gOff + p] = dG; // input of the reverse pass
            }
        }
        if (tabulated == 0) {
            backwardRow(embNet[types[atom0 + a] * nnei + s], row, gid);
            ds = netInGrad[gid];
        }
        double e0 = d0 + ds;
        int d = 12 * gid;
        double gx = 0.0;
        double gy = 0.0;
        double gz = 0.0;
        gx += e0 * deriv[d];
        gy += e0 * deriv[d + 1];
        gz += e0 * deriv[d + 2];
        gx += d1 * deriv[d + 3];
        gy += d1 * deriv[d + 4];
        gz += d1 * deriv[d + 5];
        gx += d2 * deriv[d + 6];
        gy += d2 * deriv[d + 7];
        gz += d2 * deriv[d + 8];
        gx += d3 * deriv[d + 9];
        gy += d3 * deriv[d + 10];
        gz += d3 * deriv[d + 11];
        slotG[3 * gid] = gx;
        slotG[3 * gid + 1] = gy;
        slotG[3 * gid + 2] = gz;
    }
}
