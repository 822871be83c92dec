package org.dpspark.simulate.dp.kernel;

/**
 * Kernel (b) of a compressed model: the tabulated embedding of every slot of a chunk, G_s = T(s̃_s) and G′_s =
 * dT/ds̃ (M each) from the quintic table of the slot's net ({@link PackedTables}; the evaluation of
 * {@code org.dpspark.model.compress.EmbeddingTable#at}: row as {@code TableGrid#row}, Horner in x − x_k, outside
 * [lower, max) the end row's polynomial continued linearly). Padding slots are looked up too (their constant input
 * lies in the table: lower = floor(−davg/dstd)). A real slot whose s̃ lies outside [lower, max) sets its
 * {@code overflow} entry to 1 (0 otherwise): the host sums them (DeePMD-kit's overflow check).
 *
 * <p>Inputs: {@code env} B×N×4 (chunk, s̃ = column 0); {@code types} n, {@code nlist} n×N (frame); the tables.
 * Outputs: {@code tabG} and {@code tabDG} B×N×M (G in the layout {@link FittingKernel} reads with row width M,
 * offset 0), {@code overflow} B×N. Range: B·N work items, {@code count} = B·N.
 */
final class TableEmbeddingKernel extends WitnessKernel {
    double[] env;
    int[] types;
    int[] embNet;
    int[] nlist;
    double[] tabCoef;
    int[] tabOffset;
    double[] tabLower;
    double[] tabUpper;
    double[] tabMax;
    double[] tabStride0;
    double[] tabStride1;
    int[] tabN0;
    int[] tabN1;
    double[] tabG;
    double[] tabDG;
    int[] overflow;
    int nnei;
    int ng;
    int atom0;
    int count;

    void setTables(PackedTables t) {
        tabCoef = t.coef;
        tabOffset = t.offset;
        tabLower = t.lower;
        tabUpper = t.upper;
        tabMax = t.max;
        tabStride0 = t.stride0;
        tabStride1 = t.stride1;
        tabN0 = t.n0;
        tabN1 = t.n1;
    }

    /** Puts the (constant) tables to the device; call once before the first execution. */
    void putTables() {
        put(tabCoef).put(tabOffset).put(tabLower).put(tabUpper).put(tabMax).put(tabStride0).put(tabStride1).put(tabN0)
                .put(tabN1);
    }

    @Override
    public void run() {
        writeWitness();
        int gid = getGlobalId();
        if (gid < count) {
            int a = gid / nnei;
            int s = gid - a * nnei;
            int net = embNet[types[atom0 + a] * nnei + s];
            double x = env[4 * gid];
            double lower = tabLower[net];
            double upper = tabUpper[net];
            double xmax = tabMax[net];
            double st0 = tabStride0[net];
            double st1 = tabStride1[net];
            int n0 = tabN0[net];
            int n1 = tabN1[net];
            int k = 0;
            if (x < upper) {
                k = (int) ((x - lower) / st0);
                k = k < 0 ? 0 : (k > n0 - 1 ? n0 - 1 : k);
            } else if (n1 == 0) {
                k = n0 - 1;
            } else {
                k = n0 + (int) ((x - upper) / st1);
                k = k > n0 + n1 - 1 ? n0 + n1 - 1 : k;
            }
            double knot = k <= n0 ? lower + k * st0 : upper + (k - n0) * st1;
            double dx = x - knot;
            double lin = 0.0;
            int out = 0;
            if (x < lower) {
                dx = 0.0;
                lin = x - lower;
                out = 1;
            } else if (x >= xmax) {
                dx = k < n0 ? st0 : st1;
                lin = x - xmax;
                out = 1;
            }
            overflow[gid] = nlist[atom0 * nnei + gid] < 0 ? 0 : out;
            int base = tabOffset[net] + k * 6 * ng;
            int dst = gid * ng;
            for (int p = 0; p < ng; p++) {
                double c0 = tabCoef[base + p];
                double c1 = tabCoef[base + ng + p];
                double c2 = tabCoef[base + 2 * ng + p];
                double c3 = tabCoef[base + 3 * ng + p];
                double c4 = tabCoef[base + 4 * ng + p];
                double c5 = tabCoef[base + 5 * ng + p];
                double g = c0 + dx * (c1 + dx * (c2 + dx * (c3 + dx * (c4 + dx * c5))));
                double dg = c1 + dx * (2.0 * c2 + dx * (3.0 * c3 + dx * (4.0 * c4 + dx * 5.0 * c5)));
                tabG[dst + p] = g + dg * lin;
                tabDG[dst + p] = dg;
            }
        }
    }
}
