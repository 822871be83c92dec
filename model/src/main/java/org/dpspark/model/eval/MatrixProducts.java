package org.dpspark.model.eval;

/**
 * The one matrix product of the per-atom evaluators (the DPA-1 attention layers), C[r][j] (+)= Σ_{q&lt;k} A(q, r)·B[q][j]
 * with a strided left operand A(q, r) = a[aOff + q·ak + r·ar] (so Aᵀ costs no copy), B[q][j] = b[bOff + q·ldb + j] and
 * C[r][j] = c[cOff + r·ldc + j], any column count. Two implementations of the same sums: {@link #SCALAR}, plain loops
 * with one rounding per multiply and per add (the straightforward reference that tests compare with), and
 * {@link #VECTOR}, the Vector API's register-blocked product ({@link VectorKernels#gemm}, one rounding per fused
 * multiply–add, the sum over q in the same order) on the whole vectors of columns and the scalar loop on the rest.
 * The two differ by round-off: per element at most k·ε·Σ_q|A(q,r)·B[q][j]| (the fused and unfused roundings).
 */
enum MatrixProducts {
    /** Plain loops, sum over q in order, multiply and add rounded separately. */
    SCALAR {
        @Override
        void mm(double[] a, int aOff, int ak, int ar, int rows, int k, double[] b, int bOff, int ldb, double[] c, int cOff,
                int ldc, int cols, boolean acc) {
            scalar(a, aOff, ak, ar, rows, k, b, bOff, ldb, c, cOff, ldc, 0, cols, acc);
        }
    },
    /** The Vector API kernels on the whole vectors of columns, the scalar loop on the remaining columns. */
    VECTOR {
        @Override
        void mm(double[] a, int aOff, int ak, int ar, int rows, int k, double[] b, int bOff, int ldb, double[] c, int cOff,
                int ldc, int cols, boolean acc) {
            int vc = cols / VectorKernels.L * VectorKernels.L;
            if (vc > 0 && rows > 0) {
                if (k == 0) {
                    if (!acc) for (int r = 0; r < rows; r++) java.util.Arrays.fill(c, cOff + r * ldc, cOff + r * ldc + vc, 0.0);
                } else {
                    VectorKernels.gemm(a, aOff, ak, ar, rows, k, b, bOff, ldb, c, cOff, ldc, vc, acc);
                }
            }
            scalar(a, aOff, ak, ar, rows, k, b, bOff, ldb, c, cOff, ldc, vc, cols, acc);
        }
    };

    /**
     * C[r][j] (+)= Σ_{q&lt;k} A(q, r)·B[q][j] for r &lt; rows, j &lt; cols (see the class comment for the layouts).
     *
     * @param acc add to C (true) or overwrite it (false)
     */
    abstract void mm(double[] a, int aOff, int ak, int ar, int rows, int k, double[] b, int bOff, int ldb, double[] c,
            int cOff, int ldc, int cols, boolean acc);

    private static void scalar(double[] a, int aOff, int ak, int ar, int rows, int k, double[] b, int bOff, int ldb,
            double[] c, int cOff, int ldc, int j0, int j1, boolean acc) {
        for (int r = 0; r < rows; r++) {
            int ra = aOff + r * ar, rc = cOff + r * ldc;
            for (int j = j0; j < j1; j++) {
                double s = acc ? c[rc + j] : 0.0;
                for (int q = 0; q < k; q++) s += a[ra + q * ak] * b[bOff + q * ldb + j];
                c[rc + j] = s;
            }
        }
    }
}
