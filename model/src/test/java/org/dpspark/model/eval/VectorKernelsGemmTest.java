package org.dpspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The register-blocked products of {@link VectorKernels} against the straightforward triple loop with
 * {@link Math#fma} in the same order over the sum (q = 0…k−1, starting from 0 or from C): every element is the same
 * chain of FMAs whatever the blocking (row blocks of {@link VectorKernels#MR}, panels of {@link VectorKernels#NR},
 * slices of {@link VectorKernels#KC}, packed A, tails), so the results must be equal bit for bit; shapes cover every
 * tail (rows mod MR, one-vector panels, k across slice boundaries) and strided A operands as the evaluator uses them
 * (the embedding nets' weights read transposed, also pre-packed by {@link VectorKernels#packA}).
 */
class VectorKernelsGemmTest {
    private static final int L = VectorKernels.L;

    private static double[] random(int n, Random r) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = r.nextDouble() * 2 - 1;
        return x;
    }

    /** C[r][j] (+)= Σ_q A(q, r)·B[q][j], one Math.fma per term in q order. */
    private static void reference(double[] a, int aOff, int ak, int ar, int rows, int k, double[] b, int ldb,
            double[] c, int ldc, int cols, boolean acc) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double s = acc ? c[r * ldc + j] : 0.0;
                for (int q = 0; q < k; q++) s = Math.fma(a[aOff + q * ak + r * ar], b[q * ldb + j], s);
                c[r * ldc + j] = s;
            }
        }
    }

    @Test
    void packedProductIsTheFmaChainBitForBit() {
        Random rnd = new Random(15);
        int[] rowsList = {1, 4, 5, 6, 7, 12, 13, 24, 29};
        int[] kList = {1, 3, VectorKernels.KC - 1, VectorKernels.KC, VectorKernels.KC + 1, 600};
        int[] colsList = {L, VectorKernels.NR, VectorKernels.NR + L, 3 * VectorKernels.NR + L};
        for (int rows : rowsList) {
            for (int k : kList) {
                for (int cols : colsList) {
                    // A row-major (rows × k, ld k + 3) as the fitting net's input rows: ak = 1, ar = ld
                    int lda = k + 3;
                    double[] a = random(rows * lda + 2, rnd), b = random(k * cols, rnd);
                    double[] want = new double[rows * cols], got = new double[rows * cols];
                    reference(a, 2, 1, lda, rows, k, b, cols, want, cols, cols, false);
                    VectorKernels.gemmPacked(a, 2, 1, lda, rows, k, VectorKernels.pack(b, k, cols), got, 0, cols, cols,
                            new double[VectorKernels.packScratch(rows)]);
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]),
                                "packed rows " + rows + " k " + k + " cols " + cols + " element " + i);
                    }
                }
            }
        }
    }

    @Test
    void stridedProductIsTheFmaChainBitForBit() {
        Random rnd = new Random(16);
        for (int rows : new int[] {1, 2, 4, 6, 10, 25, 50, 100}) {
            for (int k : new int[] {1, 25, 50}) {
                for (int cols : new int[] {L, 2 * L, VectorKernels.NR + L, 5 * VectorKernels.NR}) {
                    for (boolean acc : new boolean[] {false, true}) {
                        // A as a weight matrix read transposed (ak = rows, ar = 1), B and C with a row stride beyond cols
                        int ldb = cols + L, ldc = cols + 2 * L;
                        double[] a = random(k * rows, rnd), b = random(k * ldb, rnd), c0 = random(rows * ldc, rnd);
                        double[] want = c0.clone(), got = c0.clone();
                        reference(a, 0, rows, 1, rows, k, b, ldb, want, ldc, cols, acc);
                        VectorKernels.gemm(a, 0, rows, 1, rows, k, b, 0, ldb, got, 0, ldc, cols, acc);
                        double[] gotPacked = c0.clone();
                        VectorKernels.gemmPackedA(VectorKernels.packA(a, 0, rows, 1, rows, k), a, 0, rows, 1, rows, k, b,
                                0, ldb, gotPacked, 0, ldc, cols, acc, new double[VectorKernels.panelScratch(k)]);
                        for (int i = 0; i < want.length; i++) {
                            assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]),
                                    "strided rows " + rows + " k " + k + " cols " + cols + " acc " + acc + " element " + i);
                            assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(gotPacked[i]),
                                    "packed A, rows " + rows + " k " + k + " cols " + cols + " acc " + acc + " element " + i);
                        }
                    }
                }
            }
        }
    }
}
