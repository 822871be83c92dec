package org.dpspark.model.eval;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API ({@code jdk.incubator.vector}, the preferred species: 8 doubles with AVX-512, 4 with AVX2) kernels
 * of the batched Deep Potential evaluator: a register-blocked matrix product with a strided left operand (so that
 * one kernel serves the feature-major embedding blocks and the row-major fitting blocks, forward and reverse) and
 * tanh on vectors.
 *
 * <p>Every vector operand is a whole number of lanes: callers pad their column counts to {@link #padded} and own
 * the padding columns (computed, never read as results).
 */
final class VectorKernels {
    private VectorKernels() {}

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector. */
    static final int L = S.length();

    /** n rounded up to a whole number of vectors. */
    static int padded(int n) {
        return (n + L - 1) / L * L;
    }

    /**
     * Vectors per column block of the register-blocked product: 4 with 8-lane vectors (AVX-512: 4 rows × 4 vectors =
     * 16 accumulators + 4 B vectors + 1 broadcast of the 32 vector registers), 2 with 4 lanes or fewer (AVX2: 6 rows
     * × 2 vectors = 12 accumulators + 2 + 1 of the 16 registers; the 4 × 4 block would spill 5 of its 21 live vectors
     * to the stack on every step of the sum).
     */
    static final int NV = L >= 8 ? 4 : 2;
    /** Columns per column block ({@link #NV} vectors): the panel width of {@link #pack}. */
    static final int NR = NV * L;

    /**
     * C[r][j] = Σ_{q&lt;k} A(q, r)·B[q][j] (overwrites C), r &lt; rows, j &lt; cols, with
     * A(q, r) = a[aOff + q·ak + r·ar], B[q][j] = b[bOff + q·ldb + j], C[r][j] = c[cOff + r·ldc + j].
     * Register blocks of 6 rows × 2 vectors with 4-lane vectors, 4 rows × 4 vectors with 8 lanes ({@link #NV}: the
     * accumulators stay in registers; each loaded B vector feeds 6 or 4 FMAs, each broadcast A value 2 or 4), row
     * tails by 4 and 1 rows, column tails by 1 vector; whatever the blocking, the sum over q of every C element runs
     * in order 0…k−1 with one rounding per FMA, so the blocking never changes a bit of the result.
     *
     * @param cols columns, a multiple of {@link #L}
     */
    static void gemm(double[] a, int aOff, int ak, int ar, int rows, int k, double[] b, int bOff, int ldb,
            double[] c, int cOff, int ldc, int cols) {
        gemm(a, aOff, ak, ar, rows, k, b, bOff, ldb, c, cOff, ldc, cols, false);
    }

    /** As {@link #gemm(double[], int, int, int, int, int, double[], int, int, double[], int, int, int)}; with
     * {@code acc} C += A·B (the sum starts from C's value). */
    static void gemm(double[] a, int aOff, int ak, int ar, int rows, int k, double[] b, int bOff, int ldb,
            double[] c, int cOff, int ldc, int cols, boolean acc) {
        int j = 0;
        for (; j + NR <= cols; j += NR) {
            panel(a, aOff, ak, ar, rows, k, b, bOff + j, ldb, c, cOff + j, ldc, acc);
        }
        for (; j < cols; j += L) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) block41(a, aOff + r * ar, ak, ar, k, b, bOff + j, ldb, c, cOff + r * ldc + j, ldc, acc);
            for (; r < rows; r++) block11(a, aOff + r * ar, ak, k, b, bOff + j, ldb, c, cOff + r * ldc + j, acc);
        }
    }

    /** All rows of one column block of {@link #NR} columns (B and C at column offset 0 of bp, cp). */
    private static void panel(double[] a, int aOff, int ak, int ar, int rows, int k, double[] b, int bp, int ldb,
            double[] c, int cp, int ldc, boolean acc) {
        int r = 0;
        if (NV == 2) {
            for (; r + 6 <= rows; r += 6) block62(a, aOff + r * ar, ak, ar, k, b, bp, ldb, c, cp + r * ldc, ldc, acc);
            for (; r + 4 <= rows; r += 4) block42(a, aOff + r * ar, ak, ar, k, b, bp, ldb, c, cp + r * ldc, ldc, acc);
            for (; r < rows; r++) block12(a, aOff + r * ar, ak, k, b, bp, ldb, c, cp + r * ldc, acc);
        } else {
            for (; r + 4 <= rows; r += 4) block44(a, aOff + r * ar, ak, ar, k, b, bp, ldb, c, cp + r * ldc, ldc, acc);
            for (; r < rows; r++) block14(a, aOff + r * ar, ak, k, b, bp, ldb, c, cp + r * ldc, acc);
        }
    }

    /**
     * B (k × cols, row-major, cols a multiple of {@link #L}) repacked for {@link #gemmPacked}: column panels of
     * {@link #NR} columns, then of L columns, each k × width contiguous, so that the product streams B sequentially
     * (a long B, k = 1600 for a fitting net's first layer, read row by row with a stride of cols ran at ~2/3 of the
     * speed).
     */
    static double[] pack(double[] b, int k, int cols) {
        double[] out = new double[k * cols];
        int off = 0;
        for (int j = 0; j < cols; ) {
            int w = j + NR <= cols ? NR : L;
            for (int q = 0; q < k; q++) System.arraycopy(b, q * cols + j, out, off + q * w, w);
            off += k * w;
            j += w;
        }
        return out;
    }

    /** Rows per register block of {@link #gemmPacked}: 6 with {@link #NV} = 2 (AVX2), 4 with NV = 4 (AVX-512). */
    static final int MR = NV == 2 ? 6 : 4;

    /**
     * Depth of one pass of {@link #gemmPacked} over the sum: a panel's KC × {@link #NR} slice of B (16 kB with AVX2)
     * and a register block's KC values per row of A stay in the L1 cache while every row block uses them (a fitting
     * net's first layer has k = 1600: its whole panel, 100 kB, came from L2 for every 6 rows).
     */
    static final int KC = 256;

    /** Length of the A-panel scratch {@link #gemmPacked} needs for {@code rows} rows. */
    static int packScratch(int rows) {
        return rows / MR * MR * KC;
    }

    /**
     * As {@link #gemm} with B from {@link #pack} (k × cols), the BLIS way: the sum in slices of {@link #KC}; per slice
     * the whole blocks of {@link #MR} rows of A are copied into {@code apack} (per block KC × MR, q-major), then
     * every panel of B runs the register-blocked kernels over them, whose loads are then at constant strides of the
     * loop counter (the JIT drops their bounds checks: with strided rows of A they were a third of the kernel's
     * instructions). Rows left over (rows mod MR) by {@link #gemm}. The later slices accumulate into C: the same
     * FMAs in the same order, so bitwise {@link #gemm}'s result.
     *
     * @param apack scratch of at least {@link #packScratch}(rows) doubles
     */
    static void gemmPacked(double[] a, int aOff, int ak, int ar, int rows, int k, double[] bp, double[] c, int cOff,
            int ldc, int cols, double[] apack) {
        int full = rows / MR * MR;
        for (int q0 = 0; q0 < k; q0 += KC) {
            int kk = Math.min(KC, k - q0);
            boolean acc = q0 > 0;
            for (int r = 0; r < full; r += MR) {
                int dst = r * KC, src = aOff + q0 * ak + r * ar;
                for (int q = 0; q < kk; q++) {
                    for (int i = 0; i < MR; i++) apack[dst + q * MR + i] = a[src + q * ak + i * ar];
                }
            }
            int off = 0;
            for (int j = 0; j < cols; ) {
                int w = j + NR <= cols ? NR : L;
                int b0 = off + q0 * w;
                for (int r = 0; r < full; r += MR) {
                    int cp = cOff + r * ldc + j;
                    if (w == NR) {
                        if (NV == 2) kernel62(apack, r * KC, bp, b0, kk, c, cp, ldc, acc);
                        else kernel44(apack, r * KC, bp, b0, kk, c, cp, ldc, acc);
                    } else {
                        kernelM1(apack, r * KC, bp, b0, kk, c, cp, ldc, acc);
                    }
                }
                if (full < rows) {
                    gemm(a, aOff + q0 * ak + full * ar, ak, ar, rows - full, kk, bp, b0, w, c, cOff + full * ldc + j,
                            ldc, w, acc);
                }
                off += k * w;
                j += w;
            }
        }
    }

    /**
     * A constant left operand (a net's weights) packed once for {@link #gemmPackedA}: its whole blocks of
     * {@link #MR} rows, each k × MR q-major (A(q, r) = a[aOff + q·ak + r·ar]); the rows left over are not packed.
     */
    static double[] packA(double[] a, int aOff, int ak, int ar, int rows, int k) {
        int full = rows / MR * MR;
        double[] out = new double[full * k];
        for (int r = 0; r < full; r += MR) {
            for (int q = 0; q < k; q++) {
                for (int i = 0; i < MR; i++) out[r * k + q * MR + i] = a[aOff + q * ak + (r + i) * ar];
            }
        }
        return out;
    }

    /** Length of the B-panel scratch {@link #gemmPackedA} needs for a sum of depth k. */
    static int panelScratch(int k) {
        return k * NR;
    }

    /**
     * As {@link #gemm} with A also given packed ({@code apk} from {@link #packA} of the same A): per panel of
     * {@link #NR} columns B's k × NR slice is copied into {@code bpan}, then the register-blocked kernel runs every
     * packed row block over it with constant-stride loads (the embedding nets' products, whose B, the slots'
     * features, has a row stride of the block's capacity); the rows left over and a last one-vector panel by
     * {@link #gemm}. Bitwise {@link #gemm}'s result (the same FMAs in the same order).
     */
    static void gemmPackedA(double[] apk, double[] a, int aOff, int ak, int ar, int rows, int k, double[] b, int bOff,
            int ldb, double[] c, int cOff, int ldc, int cols, boolean acc, double[] bpan) {
        int full = rows / MR * MR, j = 0;
        for (; j + NR <= cols; j += NR) {
            for (int q = 0; q < k; q++) System.arraycopy(b, bOff + q * ldb + j, bpan, q * NR, NR);
            for (int r = 0; r < full; r += MR) {
                if (NV == 2) kernel62(apk, r * k, bpan, 0, k, c, cOff + r * ldc + j, ldc, acc);
                else kernel44(apk, r * k, bpan, 0, k, c, cOff + r * ldc + j, ldc, acc);
            }
            if (full < rows) {
                gemm(a, aOff + full * ar, ak, ar, rows - full, k, b, bOff + j, ldb, c, cOff + full * ldc + j, ldc, NR,
                        acc);
            }
        }
        if (j < cols) gemm(a, aOff, ak, ar, rows, k, b, bOff + j, ldb, c, cOff + j, ldc, cols - j, acc);
    }

    /** 6 packed rows × 2 vectors (AVX2): C[0..6)[0..2L) (+)= Ap·Bp over kk steps; A at ap + 6q + i, B at bp + 2Lq. */
    private static void kernel62(double[] a, int ap, double[] b, int bp, int kk, double[] c, int cp, int ldc,
            boolean acc) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z, c50 = z,
                c51 = z;
        if (acc) {
            int p = cp;
            c00 = ld(c, p); c01 = ld(c, p + L); p += ldc;
            c10 = ld(c, p); c11 = ld(c, p + L); p += ldc;
            c20 = ld(c, p); c21 = ld(c, p + L); p += ldc;
            c30 = ld(c, p); c31 = ld(c, p + L); p += ldc;
            c40 = ld(c, p); c41 = ld(c, p + L); p += ldc;
            c50 = ld(c, p); c51 = ld(c, p + L);
        }
        for (int q = 0; q < kk; q++) {
            int x0 = ap + 6 * q, y0 = bp + 2 * L * q;
            DoubleVector b0 = DoubleVector.fromArray(S, b, y0), b1 = DoubleVector.fromArray(S, b, y0 + L);
            DoubleVector x = DoubleVector.broadcast(S, a[x0]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
            x = DoubleVector.broadcast(S, a[x0 + 1]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
            x = DoubleVector.broadcast(S, a[x0 + 2]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
            x = DoubleVector.broadcast(S, a[x0 + 3]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
            x = DoubleVector.broadcast(S, a[x0 + 4]);
            c40 = b0.fma(x, c40); c41 = b1.fma(x, c41);
            x = DoubleVector.broadcast(S, a[x0 + 5]);
            c50 = b0.fma(x, c50); c51 = b1.fma(x, c51);
        }
        c00.intoArray(c, cp); c01.intoArray(c, cp + L); cp += ldc;
        c10.intoArray(c, cp); c11.intoArray(c, cp + L); cp += ldc;
        c20.intoArray(c, cp); c21.intoArray(c, cp + L); cp += ldc;
        c30.intoArray(c, cp); c31.intoArray(c, cp + L); cp += ldc;
        c40.intoArray(c, cp); c41.intoArray(c, cp + L); cp += ldc;
        c50.intoArray(c, cp); c51.intoArray(c, cp + L);
    }

    /** 4 packed rows × 4 vectors (AVX-512): as {@link #kernel62}; A at ap + 4q + i, B at bp + 4Lq. */
    private static void kernel44(double[] a, int ap, double[] b, int bp, int kk, double[] c, int cp, int ldc,
            boolean acc) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z;
        DoubleVector c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;
        if (acc) {
            int p = cp;
            c00 = ld(c, p); c01 = ld(c, p + L); c02 = ld(c, p + 2 * L); c03 = ld(c, p + 3 * L); p += ldc;
            c10 = ld(c, p); c11 = ld(c, p + L); c12 = ld(c, p + 2 * L); c13 = ld(c, p + 3 * L); p += ldc;
            c20 = ld(c, p); c21 = ld(c, p + L); c22 = ld(c, p + 2 * L); c23 = ld(c, p + 3 * L); p += ldc;
            c30 = ld(c, p); c31 = ld(c, p + L); c32 = ld(c, p + 2 * L); c33 = ld(c, p + 3 * L);
        }
        for (int q = 0; q < kk; q++) {
            int x0 = ap + 4 * q, y0 = bp + 4 * L * q;
            DoubleVector b0 = DoubleVector.fromArray(S, b, y0), b1 = DoubleVector.fromArray(S, b, y0 + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, y0 + 2 * L), b3 = DoubleVector.fromArray(S, b, y0 + 3 * L);
            DoubleVector x = DoubleVector.broadcast(S, a[x0]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01); c02 = b2.fma(x, c02); c03 = b3.fma(x, c03);
            x = DoubleVector.broadcast(S, a[x0 + 1]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11); c12 = b2.fma(x, c12); c13 = b3.fma(x, c13);
            x = DoubleVector.broadcast(S, a[x0 + 2]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21); c22 = b2.fma(x, c22); c23 = b3.fma(x, c23);
            x = DoubleVector.broadcast(S, a[x0 + 3]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31); c32 = b2.fma(x, c32); c33 = b3.fma(x, c33);
        }
        int p = cp;
        c00.intoArray(c, p); c01.intoArray(c, p + L); c02.intoArray(c, p + 2 * L); c03.intoArray(c, p + 3 * L); p += ldc;
        c10.intoArray(c, p); c11.intoArray(c, p + L); c12.intoArray(c, p + 2 * L); c13.intoArray(c, p + 3 * L); p += ldc;
        c20.intoArray(c, p); c21.intoArray(c, p + L); c22.intoArray(c, p + 2 * L); c23.intoArray(c, p + 3 * L); p += ldc;
        c30.intoArray(c, p); c31.intoArray(c, p + L); c32.intoArray(c, p + 2 * L); c33.intoArray(c, p + 3 * L);
    }

    /** {@link #MR} packed rows × 1 vector (a panel of L columns): one row at a time over the packed A. */
    private static void kernelM1(double[] a, int ap, double[] b, int bp, int kk, double[] c, int cp, int ldc,
            boolean acc) {
        for (int i = 0; i < MR; i++) {
            DoubleVector c0 = acc ? ld(c, cp + i * ldc) : DoubleVector.zero(S);
            for (int q = 0; q < kk; q++) {
                c0 = DoubleVector.fromArray(S, b, bp + L * q).fma(DoubleVector.broadcast(S, a[ap + MR * q + i]), c0);
            }
            c0.intoArray(c, cp + i * ldc);
        }
    }

    private static void block62(double[] a, int ap, int ak, int ar, int k, double[] b, int bp, int ldb, double[] c,
            int cp, int ldc, boolean acc) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z, c50 = z,
                c51 = z;
        if (acc) {
            int p = cp;
            c00 = ld(c, p); c01 = ld(c, p + L); p += ldc;
            c10 = ld(c, p); c11 = ld(c, p + L); p += ldc;
            c20 = ld(c, p); c21 = ld(c, p + L); p += ldc;
            c30 = ld(c, p); c31 = ld(c, p + L); p += ldc;
            c40 = ld(c, p); c41 = ld(c, p + L); p += ldc;
            c50 = ld(c, p); c51 = ld(c, p + L);
        }
        int a1 = ar, a2 = 2 * ar, a3 = 3 * ar, a4 = 4 * ar, a5 = 5 * ar;
        for (int q = 0; q < k; q++, ap += ak, bp += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp), b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
            x = DoubleVector.broadcast(S, a[ap + a1]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
            x = DoubleVector.broadcast(S, a[ap + a2]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
            x = DoubleVector.broadcast(S, a[ap + a3]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
            x = DoubleVector.broadcast(S, a[ap + a4]);
            c40 = b0.fma(x, c40); c41 = b1.fma(x, c41);
            x = DoubleVector.broadcast(S, a[ap + a5]);
            c50 = b0.fma(x, c50); c51 = b1.fma(x, c51);
        }
        c00.intoArray(c, cp); c01.intoArray(c, cp + L); cp += ldc;
        c10.intoArray(c, cp); c11.intoArray(c, cp + L); cp += ldc;
        c20.intoArray(c, cp); c21.intoArray(c, cp + L); cp += ldc;
        c30.intoArray(c, cp); c31.intoArray(c, cp + L); cp += ldc;
        c40.intoArray(c, cp); c41.intoArray(c, cp + L); cp += ldc;
        c50.intoArray(c, cp); c51.intoArray(c, cp + L);
    }

    private static void block42(double[] a, int ap, int ak, int ar, int k, double[] b, int bp, int ldb, double[] c,
            int cp, int ldc, boolean acc) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        if (acc) {
            int p = cp;
            c00 = ld(c, p); c01 = ld(c, p + L); p += ldc;
            c10 = ld(c, p); c11 = ld(c, p + L); p += ldc;
            c20 = ld(c, p); c21 = ld(c, p + L); p += ldc;
            c30 = ld(c, p); c31 = ld(c, p + L);
        }
        int a1 = ar, a2 = 2 * ar, a3 = 3 * ar;
        for (int q = 0; q < k; q++, ap += ak, bp += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp), b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
            x = DoubleVector.broadcast(S, a[ap + a1]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
            x = DoubleVector.broadcast(S, a[ap + a2]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
            x = DoubleVector.broadcast(S, a[ap + a3]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
        }
        c00.intoArray(c, cp); c01.intoArray(c, cp + L); cp += ldc;
        c10.intoArray(c, cp); c11.intoArray(c, cp + L); cp += ldc;
        c20.intoArray(c, cp); c21.intoArray(c, cp + L); cp += ldc;
        c30.intoArray(c, cp); c31.intoArray(c, cp + L);
    }

    private static void block12(double[] a, int ap, int ak, int k, double[] b, int bp, int ldb, double[] c, int cp,
            boolean acc) {
        DoubleVector c00 = acc ? ld(c, cp) : DoubleVector.zero(S), c01 = acc ? ld(c, cp + L) : DoubleVector.zero(S);
        for (int q = 0; q < k; q++, ap += ak, bp += ldb) {
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = DoubleVector.fromArray(S, b, bp).fma(x, c00);
            c01 = DoubleVector.fromArray(S, b, bp + L).fma(x, c01);
        }
        c00.intoArray(c, cp); c01.intoArray(c, cp + L);
    }

    private static void block44(double[] a, int ap, int ak, int ar, int k, double[] b, int bp, int ldb, double[] c,
            int cp, int ldc, boolean acc) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z;
        DoubleVector c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;
        if (acc) {
            int p = cp;
            c00 = ld(c, p); c01 = ld(c, p + L); c02 = ld(c, p + 2 * L); c03 = ld(c, p + 3 * L);
            p += ldc;
            c10 = ld(c, p); c11 = ld(c, p + L); c12 = ld(c, p + 2 * L); c13 = ld(c, p + 3 * L);
            p += ldc;
            c20 = ld(c, p); c21 = ld(c, p + L); c22 = ld(c, p + 2 * L); c23 = ld(c, p + 3 * L);
            p += ldc;
            c30 = ld(c, p); c31 = ld(c, p + L); c32 = ld(c, p + 2 * L); c33 = ld(c, p + 3 * L);
        }
        for (int q = 0; q < k; q++, ap += ak, bp += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp), b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L), b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = b0.fma(a0, c00); c01 = b1.fma(a0, c01); c02 = b2.fma(a0, c02); c03 = b3.fma(a0, c03);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + ar]);
            c10 = b0.fma(a1, c10); c11 = b1.fma(a1, c11); c12 = b2.fma(a1, c12); c13 = b3.fma(a1, c13);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2 * ar]);
            c20 = b0.fma(a2, c20); c21 = b1.fma(a2, c21); c22 = b2.fma(a2, c22); c23 = b3.fma(a2, c23);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3 * ar]);
            c30 = b0.fma(a3, c30); c31 = b1.fma(a3, c31); c32 = b2.fma(a3, c32); c33 = b3.fma(a3, c33);
        }
        c00.intoArray(c, cp); c01.intoArray(c, cp + L); c02.intoArray(c, cp + 2 * L); c03.intoArray(c, cp + 3 * L);
        cp += ldc;
        c10.intoArray(c, cp); c11.intoArray(c, cp + L); c12.intoArray(c, cp + 2 * L); c13.intoArray(c, cp + 3 * L);
        cp += ldc;
        c20.intoArray(c, cp); c21.intoArray(c, cp + L); c22.intoArray(c, cp + 2 * L); c23.intoArray(c, cp + 3 * L);
        cp += ldc;
        c30.intoArray(c, cp); c31.intoArray(c, cp + L); c32.intoArray(c, cp + 2 * L); c33.intoArray(c, cp + 3 * L);
    }

    private static void block14(double[] a, int ap, int ak, int k, double[] b, int bp, int ldb, double[] c, int cp,
            boolean acc) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c02 = z, c03 = z;
        if (acc) {
            c00 = ld(c, cp); c01 = ld(c, cp + L); c02 = ld(c, cp + 2 * L); c03 = ld(c, cp + 3 * L);
        }
        for (int q = 0; q < k; q++, ap += ak, bp += ldb) {
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = DoubleVector.fromArray(S, b, bp).fma(a0, c00);
            c01 = DoubleVector.fromArray(S, b, bp + L).fma(a0, c01);
            c02 = DoubleVector.fromArray(S, b, bp + 2 * L).fma(a0, c02);
            c03 = DoubleVector.fromArray(S, b, bp + 3 * L).fma(a0, c03);
        }
        c00.intoArray(c, cp); c01.intoArray(c, cp + L); c02.intoArray(c, cp + 2 * L); c03.intoArray(c, cp + 3 * L);
    }

    private static void block41(double[] a, int ap, int ak, int ar, int k, double[] b, int bp, int ldb, double[] c,
            int cp, int ldc, boolean acc) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c0 = z, c1 = z, c2 = z, c3 = z;
        if (acc) {
            c0 = ld(c, cp); c1 = ld(c, cp + ldc); c2 = ld(c, cp + 2 * ldc); c3 = ld(c, cp + 3 * ldc);
        }
        for (int q = 0; q < k; q++, ap += ak, bp += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            c0 = b0.fma(DoubleVector.broadcast(S, a[ap]), c0);
            c1 = b0.fma(DoubleVector.broadcast(S, a[ap + ar]), c1);
            c2 = b0.fma(DoubleVector.broadcast(S, a[ap + 2 * ar]), c2);
            c3 = b0.fma(DoubleVector.broadcast(S, a[ap + 3 * ar]), c3);
        }
        c0.intoArray(c, cp);
        c1.intoArray(c, cp + ldc);
        c2.intoArray(c, cp + 2 * ldc);
        c3.intoArray(c, cp + 3 * ldc);
    }

    private static void block11(double[] a, int ap, int ak, int k, double[] b, int bp, int ldb, double[] c, int cp,
            boolean acc) {
        DoubleVector c0 = acc ? ld(c, cp) : DoubleVector.zero(S);
        for (int q = 0; q < k; q++, ap += ak, bp += ldb) {
            c0 = DoubleVector.fromArray(S, b, bp).fma(DoubleVector.broadcast(S, a[ap]), c0);
        }
        c0.intoArray(c, cp);
    }

    private static DoubleVector ld(double[] x, int i) {
        return DoubleVector.fromArray(S, x, i);
    }

    /**
     * One feature row of a feature-major tanh layer, lanes [q, q + cols): y = tanh(z + bias)·t, φ′ = (1 − tanh²)·t
     * (t = idt, or 1); z read from and y written to {@code out}, φ′ to {@code dphi}. Its own small method, so that
     * C2 inlines the vector operations it calls (inside a large caller the inlining budget runs out and the Vector
     * API falls back to boxed Java code, ~20× slower).
     */
    static void tanhRow(double[] out, double[] dphi, int q, int cols, double bias, double t) {
        for (int s = 0; s < cols; s += L) {
            DoubleVector y = tanh(DoubleVector.fromArray(S, out, q + s).add(bias));
            y.mul(t).intoArray(out, q + s);
            y.mul(y).neg().add(1.0).mul(t).intoArray(dphi, q + s); // 1 − y·y, as CompiledNet
        }
    }

    /** As {@link #tanhRow}, then y += src[x + s] (a resnet skip, fused). */
    static void tanhRowSkip(double[] out, double[] dphi, int q, int cols, double bias, double t, double[] src, int x) {
        for (int s = 0; s < cols; s += L) {
            DoubleVector y = tanh(DoubleVector.fromArray(S, out, q + s).add(bias));
            y.mul(t).add(DoubleVector.fromArray(S, src, x + s)).intoArray(out, q + s);
            y.mul(y).neg().add(1.0).mul(t).intoArray(dphi, q + s);
        }
    }

    /**
     * One atom row of a row-major tanh layer, lanes [0, width): as {@link #tanhRow} with per-feature bias and idt
     * vectors (bias[k], t[k]).
     */
    static void tanhRowVec(double[] out, double[] dphi, int q, int width, double[] bias, double[] t) {
        for (int k = 0; k < width; k += L) {
            DoubleVector tk = DoubleVector.fromArray(S, t, k);
            DoubleVector y = tanh(DoubleVector.fromArray(S, out, q + k).add(DoubleVector.fromArray(S, bias, k)));
            y.mul(y).neg().add(1.0).mul(tk).intoArray(dphi, q + k);
            y.mul(tk).intoArray(out, q + k);
        }
    }

    /** dst[d + k] += src[x + k], k &lt; n (n a multiple of {@link #L}). */
    static void add(double[] dst, int d, double[] src, int x, int n) {
        for (int k = 0; k < n; k += L) {
            DoubleVector.fromArray(S, dst, d + k).add(DoubleVector.fromArray(S, src, x + k)).intoArray(dst, d + k);
        }
    }

    /** dst[d + k] = a[x + k]·b[y + k], k &lt; n (n a multiple of {@link #L}). */
    static void mul(double[] dst, int d, double[] a, int x, double[] b, int y, int n) {
        for (int k = 0; k < n; k += L) {
            DoubleVector.fromArray(S, a, x + k).mul(DoubleVector.fromArray(S, b, y + k)).intoArray(dst, d + k);
        }
    }

    /**
     * acc[at + c] += Σ_{s ∈ [s0, s1)} g[gb + s]·r[c·ld + s], c = 0..3 (one feature of G against the four columns of
     * R̃ over one atom's rows; vectors along s, then a scalar tail).
     */
    static void dot4(double[] g, int gb, double[] r, int ld, int s0, int s1, double[] acc, int at) {
        DoubleVector v0 = DoubleVector.zero(S), v1 = v0, v2 = v0, v3 = v0;
        int s = s0;
        for (; s + L <= s1; s += L) {
            DoubleVector x = DoubleVector.fromArray(S, g, gb + s);
            v0 = x.fma(DoubleVector.fromArray(S, r, s), v0);
            v1 = x.fma(DoubleVector.fromArray(S, r, ld + s), v1);
            v2 = x.fma(DoubleVector.fromArray(S, r, 2 * ld + s), v2);
            v3 = x.fma(DoubleVector.fromArray(S, r, 3 * ld + s), v3);
        }
        double a0 = v0.reduceLanes(VectorOperators.ADD), a1 = v1.reduceLanes(VectorOperators.ADD);
        double a2 = v2.reduceLanes(VectorOperators.ADD), a3 = v3.reduceLanes(VectorOperators.ADD);
        for (; s < s1; s++) {
            double x = g[gb + s];
            a0 += x * r[s];
            a1 += x * r[ld + s];
            a2 += x * r[2 * ld + s];
            a3 += x * r[3 * ld + s];
        }
        acc[at] += a0;
        acc[at + 1] += a1;
        acc[at + 2] += a2;
        acc[at + 3] += a3;
    }

    // ---- tanh: 1 − 2/(e^{2z} + 1), e^x = 2^k·p(r) (as train's VectorTanh: only add, multiply, fma and integer
    // ops, so that every JIT tier gives the same bits; the Vector API's EXP runs SVML once compiled)

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 split so that k·LN2_HI is exact for |k| &lt; 2^20 (fdlibm's split). */
    private static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    /** 1.5·2^52: x + MAGIC rounds x to the nearest integer, held in the low mantissa bits. */
    private static final double MAGIC = 6755399441055744.0;
    private static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0), TWO = DoubleVector.broadcast(S, 2.0);
    /** 1/n! as lane constants, n = 2..13. */
    private static final DoubleVector C2 = c(2), C3 = c(3), C4 = c(4), C5 = c(5), C6 = c(6), C7 = c(7), C8 = c(8),
            C9 = c(9), C10 = c(10), C11 = c(11), C12 = c(12), C13 = c(13);

    private static DoubleVector c(int n) {
        double f = 1;
        for (int k = 2; k <= n; k++) f *= k;
        return DoubleVector.broadcast(S, 1.0 / f);
    }

    /**
     * tanh of every lane: 2z clamped to [−40, 40] (tanh(±20) is ±1 in double), e^{2z} by the Taylor polynomial of
     * degree 13 on r = 2z − k·ln 2, |r| ≤ ln2/2 (truncation &lt; 2e-16 relative), scaled by 2^k in the exponent bits.
     * Absolute error a few 1e-16 against the correctly rounded tanh (as {@link CompiledNet#tanh}, whose values it
     * matches to that bound, not bitwise).
     */
    static DoubleVector tanh(DoubleVector z) {
        DoubleVector x = z.mul(2.0).max(-40.0).min(40.0);
        DoubleVector t = x.fma(LOG2E, MAGIC);
        DoubleVector k = t.sub(MAGIC);
        DoubleVector r = x.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        DoubleVector p = r.fma(C13, C12).fma(r, C11).fma(r, C10).fma(r, C9).fma(r, C8).fma(r, C7).fma(r, C6)
                .fma(r, C5).fma(r, C4).fma(r, C3).fma(r, C2).fma(r, ONE).fma(r, ONE);
        LongVector scale = t.reinterpretAsLongs().sub(MAGIC_BITS).lanewise(VectorOperators.LSHL, 52);
        DoubleVector e = p.reinterpretAsLongs().add(scale).reinterpretAsDoubles().add(1.0);
        return ONE.sub(TWO.div(e));
    }
}
