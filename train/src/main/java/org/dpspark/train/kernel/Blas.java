package org.dpspark.train.kernel;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

/**
 * Row-major {@code C = α·op(A)·op(B) + β·C} on {@link Dbuf}s (DGEMM) or {@link Fbuf}s (SGEMM) at element offsets, by OpenBLAS (the library ND4J
 * itself links; its thread count is what ND4J's BLAS setting gave it, one per Spark task in the training jobs).
 * A, B and C pass through the buffers' reused views 0, 1 and 2 ({@link Dbuf#at(long, int)}): not thread-safe, as
 * the kernel's buffers are not.
 */
final class Blas {
    private Blas() {}

    /**
     * @param ta whether A is transposed (then A is stored k×m), tb likewise (B stored n×k)
     * @param m rows of C, n columns of C, k the inner dimension
     * @param lda leading dimension (row stride) of A as stored; ldb of B; ldc of C
     */
    static void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, Dbuf a, long offA, int lda, Dbuf b,
            long offB, int ldb, double beta, Dbuf c, long offC, int ldc) {
        if (m == 0 || n == 0) return;
        cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, alpha,
                a.at(offA, 0), lda, b.at(offB, 1), ldb, beta, c.at(offC, 2), ldc);
    }

    /** The float32 product (SGEMM) on {@link Fbuf}s, same arguments as the double one. */
    static void gemm(boolean ta, boolean tb, int m, int n, int k, float alpha, Fbuf a, long offA, int lda, Fbuf b,
            long offB, int ldb, float beta, Fbuf c, long offC, int ldc) {
        if (m == 0 || n == 0) return;
        cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, alpha,
                a.at(offA, 0), lda, b.at(offB, 1), ldb, beta, c.at(offC, 2), ldc);
    }
}
