package org.dpspark.model.eval;

/**
 * The one matrix product of the per-atom evaluators (the DPA-1 attention layers), C[r][j] (+)= Σ_{q&lt;k} A(q, r)·B[q][j]
 * with a strided left operand A(q, r) = a[aOff + q·ak + r·ar] (so Aᵀ costs no copy), B[q][j] = b[bOff + q·ldb + j] and
 * C[r][j] = c[cOff + r·ldc + j], any column count. Two kinds of the same sums: {@link #scalar()}, plain loops with one
 * rounding per multiply and per add (the straightforward reference that tests compare with), and {@link #vector()},
 * the Vector API's register-blocked product ({@link VectorKernels#gemm}, one rounding per fused multiply–add, the sum
 * over q in the same order): the whole vectors of columns directly, the last partial vector of columns through a
 * zero-padded copy of B's last columns and a scratch C (so no column runs the slow scalar loop). The two differ by
 * round-off: per element at most k·ε·Σ_q|A(q,r)·B[q][j]| (the fused and unfused roundings).
 *
 * <p>An instance keeps its scratch (grown to the largest product, then reused: no allocation per MD step). Not
 * thread-safe: one per evaluator.
 */
final class MatrixProducts {
    private final boolean vector;
    private double[] bTail = new double[0];
    private double[] cTail = new double[0];

    private MatrixProducts(boolean vector) {
        this.vector = vector;
    }

    /** Plain loops, sum over q in order, multiply and add rounded separately. */
    static MatrixProducts scalar() { return new MatrixProducts(false); }

    /** The Vector API kernels. */
    static MatrixProducts vector() { return new MatrixProducts(true); }

    boolean isVector() { return vector; }

    /**
     * Sizes the scratch for products of up to {@code k} summed terms and {@code rows} rows, so that no later product
     * allocates (in MD the real neighbour counts, hence k and rows, vary from step to step).
     */
    MatrixProducts reserve(int k, int rows) {
        int l = VectorKernels.L;
        if (bTail.length < k * l) bTail = new double[k * l];
        if (cTail.length < rows * l) cTail = new double[rows * l];
        return this;
    }

    /**
     * C[r][j] (+)= Σ_{q&lt;k} A(q, r)·B[q][j] for r &lt; rows, j &lt; cols (see the class comment for the layouts).
     *
     * @param acc add to C (true) or overwrite it (false)
     */
    void mm(double[] a, int aOff, int ak, int ar, int rows, int k, double[] b, int bOff, int ldb, double[] c, int cOff,
            int ldc, int cols, boolean acc) {
        if (!vector || rows == 0 || k == 0) {
            loops(a, aOff, ak, ar, rows, k, b, bOff, ldb, c, cOff, ldc, cols, acc);
            return;
        }
        int l = VectorKernels.L, vc = cols / l * l, tail = cols - vc;
        if (vc > 0) VectorKernels.gemm(a, aOff, ak, ar, rows, k, b, bOff, ldb, c, cOff, ldc, vc, acc);
        if (tail == 0) return;
        reserve(k, rows);
        for (int q = 0; q < k; q++) {
            System.arraycopy(b, bOff + q * ldb + vc, bTail, q * l, tail);
            java.util.Arrays.fill(bTail, q * l + tail, (q + 1) * l, 0.0);
        }
        for (int r = 0; r < rows; r++) System.arraycopy(c, cOff + r * ldc + vc, cTail, r * l, tail);
        VectorKernels.gemm(a, aOff, ak, ar, rows, k, bTail, 0, l, cTail, 0, l, l, acc);
        for (int r = 0; r < rows; r++) System.arraycopy(cTail, r * l, c, cOff + r * ldc + vc, tail);
    }

    private static void loops(double[] a, int aOff, int ak, int ar, int rows, int k, double[] b, int bOff, int ldb,
            double[] c, int cOff, int ldc, int cols, boolean acc) {
        for (int r = 0; r < rows; r++) {
            int ra = aOff + r * ar, rc = cOff + r * ldc;
            for (int j = 0; j < cols; j++) {
                double s = acc ? c[rc + j] : 0.0;
                for (int q = 0; q < k; q++) s += a[ra + q * ak] * b[bOff + q * ldb + j];
                c[rc + j] = s;
            }
        }
    }
}
