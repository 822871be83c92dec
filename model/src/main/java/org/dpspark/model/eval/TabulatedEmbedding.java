package org.dpspark.model.eval;

import jdk.incubator.vector.DoubleVector;
import org.dpspark.model.compress.Compression;
import org.dpspark.model.compress.EmbeddingTable;
import org.dpspark.model.compress.TableGrid;

/**
 * The compressed evaluator's embedding stage (DeePMD-kit's {@code tabulate_fusion_se_a} forward and
 * {@code tabulate_fusion_se_a_grad} reverse, source/lib/src/tabulate.cc): the table lookup fused with the R̃ᵀG
 * product, G never stored. For the rows s of one atom's segment (its real slots of one neighbour type, R̃ feature-major
 * with row stride ld, s̃ = R̃[0][s] the table input):
 * <pre>
 *   forward   acc[c][a] += G_a(s̃_s)·R̃[c][s]                                  (acc: 4 × Mp, c-major)
 *   reverse   ∂E/∂R̃[c][s] = Σ_a dgr[c][a]·G_a(s̃_s) + [c = 0]·Σ_a (Σ_c' dgr[c'][a]·R̃[c'][s])·G′_a(s̃_s)
 * </pre>
 * with dgr = ∂E/∂gr (4 × Mp, c-major) and G, G′ from the quintic of s̃'s interval, vectors along the neurons a
 * (Mp = M rounded up to whole vectors; the padding lanes' coefficients are 0). The reverse's second term is the
 * embedding net's reverse pass, so no separate ∂E/∂s̃ remains.
 *
 * <p>Overflow: a row whose s̃ lies outside [lower, max) of its table is counted ({@link #overflow}) and evaluated by
 * {@link EmbeddingTable#at} (the end row's polynomial continued linearly, as DeePMD-kit); the caller reports the count.
 *
 * <p>FLOPs per real slot and neuron ({@link DeepPotFlops#perAtomCompressed}): forward 5 multiply-adds (G by Horner)
 * + 4 (the product) = 18; reverse 5 + 4 multiply-adds (G, and G′ from the pre-multiplied p·c_p), 7 for
 * Σ_c dgr[c]·R̃[c] and 5 multiply-adds for the four sums and the G′ term = 35.
 */
final class TabulatedEmbedding {
    private static final int L = VectorKernels.L;

    private final int m;
    /** Neurons rounded up to whole vectors. */
    final int mp;
    private final EmbeddingTable[] tables;
    private final TableGrid[] grids;
    /** Per net: nspline × 6 × mp (zeros in the padding lanes). */
    private final double[][] coef;
    private final double[] g, dg;
    /** Rows outside their table since the last {@link #resetOverflow}. */
    long overflow;

    TabulatedEmbedding(Compression c) {
        int nets = c.tables().size();
        m = c.tables().get(0).width();
        mp = VectorKernels.padded(m);
        tables = c.tables().toArray(new EmbeddingTable[0]);
        grids = new TableGrid[nets];
        coef = new double[nets][];
        for (int k = 0; k < nets; k++) {
            EmbeddingTable t = tables[k];
            grids[k] = t.grid();
            int ns = t.grid().nspline();
            double[] src = t.coef(), dst = new double[ns * 6 * mp];
            for (int r = 0; r < ns; r++) {
                for (int p = 0; p < 6; p++) System.arraycopy(src, (r * 6 + p) * m, dst, (r * 6 + p) * mp, m);
            }
            coef[k] = dst;
        }
        g = new double[mp];
        dg = new double[mp];
    }

    /** G(x) of net k into out (M values, scalar; padding-slot terms, once per model). */
    void value(int k, double x, double[] out) {
        tables[k].at(x, out, null, 0);
    }

    /** acc (4 × mp, c-major) += Σ_{r0 ≤ s &lt; end} G(s̃_s)·R̃[c][s] for net k; R̃ at rk[c·ld + s]. */
    void forward(int k, double[] rk, int ld, int r0, int end, double[] acc) {
        TableGrid gr = grids[k];
        double lo = gr.lower(), hi = gr.max();
        double[] cf = coef[k];
        for (int s = r0; s < end; s++) {
            double x = rk[s];
            double r0v = x, r1v = rk[ld + s], r2v = rk[2 * ld + s], r3v = rk[3 * ld + s];
            if (!(x >= lo && x < hi)) {
                overflow++;
                tables[k].at(x, g, dg, 0);
                for (int a = 0; a < m; a++) {
                    acc[a] += g[a] * r0v;
                    acc[mp + a] += g[a] * r1v;
                    acc[2 * mp + a] += g[a] * r2v;
                    acc[3 * mp + a] += g[a] * r3v;
                }
                continue;
            }
            int row = gr.row(x);
            double dx = x - gr.knot(row);
            int base = row * 6 * mp;
            DoubleVector vx = DoubleVector.broadcast(VectorKernels.S, dx);
            DoubleVector q0 = DoubleVector.broadcast(VectorKernels.S, r0v), q1 = DoubleVector.broadcast(VectorKernels.S, r1v);
            DoubleVector q2 = DoubleVector.broadcast(VectorKernels.S, r2v), q3 = DoubleVector.broadcast(VectorKernels.S, r3v);
            for (int a = 0; a < mp; a += L) {
                DoubleVector gv = ld(cf, base + 5 * mp + a);
                gv = gv.fma(vx, ld(cf, base + 4 * mp + a));
                gv = gv.fma(vx, ld(cf, base + 3 * mp + a));
                gv = gv.fma(vx, ld(cf, base + 2 * mp + a));
                gv = gv.fma(vx, ld(cf, base + mp + a));
                gv = gv.fma(vx, ld(cf, base + a));
                gv.fma(q0, ld(acc, a)).intoArray(acc, a);
                gv.fma(q1, ld(acc, mp + a)).intoArray(acc, mp + a);
                gv.fma(q2, ld(acc, 2 * mp + a)).intoArray(acc, 2 * mp + a);
                gv.fma(q3, ld(acc, 3 * mp + a)).intoArray(acc, 3 * mp + a);
            }
        }
    }

    /**
     * ∂E/∂R̃[c][s] (total: the direct term and the table's ∂G/∂s̃ term) into dk[c·ld + s] for the rows r0 ≤ s &lt; end
     * of net k, from dgr (4 × mp, c-major; padding lanes 0). G′ by Horner on p·c_p formed from the coefficients G
     * has just loaded (the products are the ones a pre-multiplied table would hold, bit for bit; a second table of
     * them doubled the bytes each row streams from memory).
     */
    void reverse(int k, double[] rk, int ld, int r0, int end, double[] dgr, double[] dk) {
        TableGrid gr = grids[k];
        double lo = gr.lower(), hi = gr.max();
        double[] cf = coef[k];
        for (int s = r0; s < end; s++) {
            double x = rk[s];
            double r0v = x, r1v = rk[ld + s], r2v = rk[2 * ld + s], r3v = rk[3 * ld + s];
            if (!(x >= lo && x < hi)) {
                // counted once per environment, in forward (the reverse pass looks the same row up again)
                tables[k].at(x, g, dg, 0);
                double p0 = 0, p1 = 0, p2 = 0, p3 = 0;
                for (int a = 0; a < m; a++) {
                    double d0 = dgr[a], d1 = dgr[mp + a], d2 = dgr[2 * mp + a], d3 = dgr[3 * mp + a];
                    double dG = d0 * r0v + d1 * r1v + d2 * r2v + d3 * r3v;
                    p0 += d0 * g[a] + dG * dg[a];
                    p1 += d1 * g[a];
                    p2 += d2 * g[a];
                    p3 += d3 * g[a];
                }
                dk[s] = p0;
                dk[ld + s] = p1;
                dk[2 * ld + s] = p2;
                dk[3 * ld + s] = p3;
                continue;
            }
            int row = gr.row(x);
            double dx = x - gr.knot(row);
            int base = row * 6 * mp;
            DoubleVector vx = DoubleVector.broadcast(VectorKernels.S, dx);
            DoubleVector q0 = DoubleVector.broadcast(VectorKernels.S, r0v), q1 = DoubleVector.broadcast(VectorKernels.S, r1v);
            DoubleVector q2 = DoubleVector.broadcast(VectorKernels.S, r2v), q3 = DoubleVector.broadcast(VectorKernels.S, r3v);
            DoubleVector z = DoubleVector.zero(VectorKernels.S);
            DoubleVector s0 = z, s1 = z, s2 = z, s3 = z;
            for (int a = 0; a < mp; a += L) {
                DoubleVector k5 = ld(cf, base + 5 * mp + a), k4 = ld(cf, base + 4 * mp + a);
                DoubleVector k3 = ld(cf, base + 3 * mp + a), k2 = ld(cf, base + 2 * mp + a);
                DoubleVector k1 = ld(cf, base + mp + a);
                DoubleVector gv = k5.fma(vx, k4).fma(vx, k3).fma(vx, k2).fma(vx, k1).fma(vx, ld(cf, base + a));
                DoubleVector dv = k5.mul(5.0).fma(vx, k4.mul(4.0)).fma(vx, k3.mul(3.0)).fma(vx, k2.mul(2.0))
                        .fma(vx, k1);
                DoubleVector d0 = ld(dgr, a), d1 = ld(dgr, mp + a), d2 = ld(dgr, 2 * mp + a), d3 = ld(dgr, 3 * mp + a);
                DoubleVector dG = d0.mul(q0).add(d1.mul(q1)).add(d2.mul(q2)).add(d3.mul(q3));
                s0 = d0.fma(gv, s0);
                s0 = dG.fma(dv, s0);
                s1 = d1.fma(gv, s1);
                s2 = d2.fma(gv, s2);
                s3 = d3.fma(gv, s3);
            }
            dk[s] = s0.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
            dk[ld + s] = s1.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
            dk[2 * ld + s] = s2.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
            dk[3 * ld + s] = s3.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        }
    }

    private static DoubleVector ld(double[] a, int i) {
        return DoubleVector.fromArray(VectorKernels.S, a, i);
    }
}
