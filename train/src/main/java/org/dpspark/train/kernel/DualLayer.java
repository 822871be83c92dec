package org.dpspark.train.kernel;

/**
 * One dense layer evaluated on a value and a tangent (dual numbers), and the reverse pass over that pair: the
 * building block of {@link DeepPotKernel}'s hand-written training step. Rows are contiguous and row-major (leading
 * dimension = the width). Layer rule, with s(a) = 1 − a² for tanh and 1 for linear:
 * <pre>
 *   z = x·W + b,  a = φ(z),  y = a∘idt + skip(x)              (value)
 *   ż = ẋ·W,      ȧ = s(a)∘ż, ẏ = ȧ∘idt + skip(ẋ)             (tangent)
 * </pre>
 * Reverse, from the adjoints ȳ, ẏ̄ of y and ẏ (the derivative of a·ȧ w.r.t. a is −2a∘ż for tanh):
 * <pre>
 *   ā = ȳ∘idt, ǡ = ẏ̄∘idt;   ∂idt += Σ_rows (ȳ∘a + ẏ̄∘ȧ)
 *   ż̄ = s∘ǡ,  z̄ = s∘(ā − 2a∘ż∘ǡ)  (tanh);  ż̄ = ǡ, z̄ = ā  (linear);   ∂b += Σ_rows z̄
 *   ∂W += xᵀz̄ + ẋᵀż̄;   x̄ = z̄·Wᵀ + skipᵀ(ȳ),  ẋ̄ = ż̄·Wᵀ + skipᵀ(ẏ̄)
 * </pre>
 * For the embedding net the tangent is the forward-mode derivative d/ds̃ (ẋ = 1 at the input); for the fitting net
 * it is the directional derivative along Ḋ (see {@link DeepPotKernel}). skip(x) = x (skip 1) or [x, x] (skip 2).
 * tanh is evaluated as 1 − 2/(e^{2z} + 1) (the same function to ~1e-16 absolute; Math.exp is several times faster
 * than Math.tanh: measurements: docs/benchmarks.md#training-kernel).
 */
final class DualLayer {
    private DualLayer() {}

    /**
     * Whether the Vector API module is present in this JVM ({@code --add-modules=jdk.incubator.vector}, part of
     * dpspark's JVM flags): then tanh blocks run in {@link VectorTanh}, which must not be loaded otherwise.
     * {@code -Ddpspark.kernel.scalar=true} forces the scalar path.
     */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("dpspark.kernel.scalar");

    static double tanh(double z) {
        return 1.0 - 2.0 / (Math.exp(2.0 * z) + 1.0);
    }

    /** The layer's b (zeros without a bias) and idt (ones without timesteps) as heap arrays. */
    static double[][] biasAndIdt(KernelLayer l, Dbuf theta) {
        int nOut = l.nOut();
        double[] b = new double[nOut], g = new double[nOut];
        if (l.hasBias()) theta.read(l.offB(), b, nOut);
        if (l.hasIdt()) theta.read(l.offIdt(), g, nOut);
        else java.util.Arrays.fill(g, 1.0);
        return new double[][] {b, g};
    }

    /**
     * Value and tangent forward. When {@code haveA}, a (R×nOut at ao) holds φ(z) already (stored by an earlier pass)
     * and z is not computed; otherwise a receives φ(z). Likewise dz holds ż (R×nOut) when {@code haveDz}, else receives
     * it. y, ẏ receive the outputs (R×nOut).
     * A null {@code dx} skips the tangent (dz, dy untouched); a null {@code y} skips the outputs (only a and ż are
     * wanted).
     */
    static void forward(KernelLayer l, Dbuf theta, int rows, Dbuf x, int xo, Dbuf dx, int dxo, Dbuf a, int ao, boolean haveA,
            Dbuf dz, int dzo, boolean haveDz, Dbuf y, int yo, Dbuf dy, int dyo) {
        int nIn = l.nIn(), nOut = l.nOut();
        if (!haveA) Blas.gemm(false, false, rows, nOut, nIn, 1.0, x, xo, nIn, theta, l.offW(), nOut, 0.0, a, ao, nOut);
        if (dx != null && !haveDz) {
            Blas.gemm(false, false, rows, nOut, nIn, 1.0, dx, dxo, nIn, theta, l.offW(), nOut, 0.0, dz, dzo, nOut);
        }
        double[][] bg = biasAndIdt(l, theta);
        double[] bias = bg[0], g = bg[1];
        boolean tanh = l.tanh();
        if (y == null && haveA) return;
        assert a.span(ao, (long) rows * nOut) && (y == null || y.span(yo, (long) rows * nOut) && x.span(xo, (long) rows * nIn));
        assert dx == null || y == null || dz.span(dzo, (long) rows * nOut) && dy.span(dyo, (long) rows * nOut)
                && dx.span(dxo, (long) rows * nIn);
        int skip = l.skip(), segs = skip == 2 ? 2 : 1, segLen = skip == 0 ? nOut : nIn;
        long rowOut = 8L * nOut, rowIn = 8L * nIn;
        long ar = a.addr(ao), yr = y == null ? 0 : y.addr(yo), xr = y == null ? 0 : x.addr(xo);
        long dzr = dx == null || y == null ? 0 : dz.addr(dzo), dyr = dx == null || y == null ? 0 : dy.addr(dyo);
        long dxr = dx == null || y == null ? 0 : dx.addr(dxo);
        boolean vectorTanh = !haveA && tanh && VECTOR && a.bytes() != null;
        if (vectorTanh) VectorTanh.tanhBlock(a.bytes(), ao, rows * nOut, VectorTanh.biasTile(bias), nOut);
        for (int r = 0; r < rows; r++, ar += rowOut, yr += rowOut, xr += rowIn, dzr += rowOut, dyr += rowOut, dxr += rowIn) {
            if (!haveA && !vectorTanh) {
                if (tanh) {
                    for (int o = 0; o < nOut; o++) Dbuf.st(ar + 8L * o, tanh(Dbuf.ld(ar + 8L * o) + bias[o]));
                } else {
                    for (int o = 0; o < nOut; o++) Dbuf.st(ar + 8L * o, Dbuf.ld(ar + 8L * o) + bias[o]);
                }
            }
            if (y == null) continue;
            for (int seg = 0; seg < segs; seg++) {
                int o0 = seg * nIn;
                long sa = ar + 8L * o0, sy = yr + 8L * o0, sdz = dzr + 8L * o0, sdy = dyr + 8L * o0;
                if (dx == null) {
                    if (skip == 0) {
                        for (int o = 0; o < segLen; o++) Dbuf.st(sy + 8L * o, Dbuf.ld(sa + 8L * o) * g[o0 + o]);
                    } else {
                        for (int o = 0; o < segLen; o++) Dbuf.st(sy + 8L * o, Dbuf.ld(sa + 8L * o) * g[o0 + o] + Dbuf.ld(xr + 8L * o));
                    }
                } else if (skip == 0) {
                    for (int o = 0; o < segLen; o++) {
                        long k = 8L * o;
                        double av = Dbuf.ld(sa + k), s = tanh ? 1.0 - av * av : 1.0, gv = g[o0 + o];
                        Dbuf.st(sy + k, av * gv);
                        Dbuf.st(sdy + k, s * Dbuf.ld(sdz + k) * gv);
                    }
                } else {
                    for (int o = 0; o < segLen; o++) {
                        long k = 8L * o;
                        double av = Dbuf.ld(sa + k), s = tanh ? 1.0 - av * av : 1.0, gv = g[o0 + o];
                        Dbuf.st(sy + k, av * gv + Dbuf.ld(xr + k));
                        Dbuf.st(sdy + k, s * Dbuf.ld(sdz + k) * gv + Dbuf.ld(dxr + k));
                    }
                }
            }
        }
    }

    /**
     * Reverse over the dual layer. Inputs: the stored x, ẋ (R×nIn), a, ż (R×nOut) and the adjoints ȳ, ẏ̄ (R×nOut).
     * Adds ∂W, ∂b, ∂idt into {@code grad} (at the layer's offsets). Writes x̄ and ẋ̄ (R×nIn) when {@code xbar} /
     * {@code dxbar} are non-null. {@code zbar}, {@code dzbar} are work space (R×nOut); {@code acc} work of ≥ 2·nOut.
     * A null {@code dx} means ẋ = 1 (a one-column input with unit tangent: the embedding net's input s̃).
     */
    static void reverse(KernelLayer l, Dbuf theta, Dbuf grad, int rows, Dbuf x, int xo, Dbuf dx, int dxo, Dbuf a, int ao,
            Dbuf dz, int dzo, Dbuf ybar, int ybo, Dbuf dybar, int dybo, Dbuf zbar, Dbuf dzbar, Dbuf xbar, int xbo,
            Dbuf dxbar, int dxbo, double[] acc) {
        int nIn = l.nIn(), nOut = l.nOut();
        boolean tanh = l.tanh();
        double[] g = biasAndIdt(l, theta)[1];
        java.util.Arrays.fill(acc, 0, 2 * nOut, 0.0); // [∂b | ∂idt]
        double[] unitW = dx == null ? new double[nOut] : null;
        assert a.span(ao, (long) rows * nOut) && dz.span(dzo, (long) rows * nOut) && ybar.span(ybo, (long) rows * nOut)
                && dybar.span(dybo, (long) rows * nOut) && zbar.span(0, (long) rows * nOut) && dzbar.span(0, (long) rows * nOut);
        long row = 8L * nOut;
        long ar = a.addr(ao), dzr = dz.addr(dzo), yr = ybar.addr(ybo), dyr = dybar.addr(dybo), zr = zbar.addr(0), dzbr = dzbar.addr(0);
        for (int r = 0; r < rows; r++, ar += row, dzr += row, yr += row, dyr += row, zr += row, dzbr += row) {
            if (tanh) {
                for (int o = 0; o < nOut; o++) {
                    long k = 8L * o;
                    double av = Dbuf.ld(ar + k), dzv = Dbuf.ld(dzr + k), s = 1.0 - av * av;
                    double yb = Dbuf.ld(yr + k), dyb = Dbuf.ld(dyr + k);
                    acc[nOut + o] += yb * av + dyb * s * dzv;
                    double ab = yb * g[o], dab = dyb * g[o];
                    double zb = s * (ab - 2.0 * av * dzv * dab);
                    Dbuf.st(zr + k, zb);
                    Dbuf.st(dzbr + k, s * dab);
                    acc[o] += zb;
                }
            } else {
                for (int o = 0; o < nOut; o++) {
                    long k = 8L * o;
                    double av = Dbuf.ld(ar + k), dzv = Dbuf.ld(dzr + k);
                    double yb = Dbuf.ld(yr + k), dyb = Dbuf.ld(dyr + k);
                    acc[nOut + o] += yb * av + dyb * dzv;
                    double ab = yb * g[o], dab = dyb * g[o];
                    Dbuf.st(zr + k, ab);
                    Dbuf.st(dzbr + k, dab);
                    acc[o] += ab;
                }
            }
            if (unitW != null) for (int o = 0; o < nOut; o++) unitW[o] += Dbuf.ld(dzbr + 8L * o);
        }
        if (l.hasBias()) for (int o = 0; o < nOut; o++) grad.add(l.offB() + o, acc[o]);
        if (l.hasIdt()) for (int o = 0; o < nOut; o++) grad.add(l.offIdt() + o, acc[nOut + o]);
        Blas.gemm(true, false, nIn, nOut, rows, 1.0, x, xo, nIn, zbar, 0, nOut, 1.0, grad, l.offW(), nOut);
        if (dx != null) {
            Blas.gemm(true, false, nIn, nOut, rows, 1.0, dx, dxo, nIn, dzbar, 0, nOut, 1.0, grad, l.offW(), nOut);
        } else {
            for (int o = 0; o < nOut; o++) grad.add(l.offW() + o, unitW[o]); // ẋ = 1, nIn = 1
        }
        if (xbar != null) {
            double beta = setSkipAdjoint(l, rows, ybar, ybo, xbar, xbo);
            Blas.gemm(false, true, rows, nIn, nOut, 1.0, zbar, 0, nOut, theta, l.offW(), nOut, beta, xbar, xbo, nIn);
        }
        if (dxbar != null) {
            double beta = setSkipAdjoint(l, rows, dybar, dybo, dxbar, dxbo);
            Blas.gemm(false, true, rows, nIn, nOut, 1.0, dzbar, 0, nOut, theta, l.offW(), nOut, beta, dxbar, dxbo, nIn);
        }
    }

    /**
     * x̄ = skipᵀ(ȳ): ȳ (skip 1) or ȳ[:, :nIn] + ȳ[:, nIn:] (skip 2); returns the β with which the product z̄·Wᵀ is then
     * added (1, or 0 without a skip, x̄ left as it was).
     */
    static double setSkipAdjoint(KernelLayer l, int rows, Dbuf ybar, int ybo, Dbuf xbar, int xbo) {
        int skip = l.skip(), nIn = l.nIn(), nOut = l.nOut();
        if (skip == 0) return 0.0;
        assert ybar.span(ybo, (long) rows * nOut) && xbar.span(xbo, (long) rows * nIn);
        long yr = ybar.addr(ybo), xr = xbar.addr(xbo), half = 8L * nIn;
        for (int r = 0; r < rows; r++, yr += 8L * nOut, xr += 8L * nIn) {
            if (skip == 1) {
                for (int o = 0; o < nIn; o++) Dbuf.st(xr + 8L * o, Dbuf.ld(yr + 8L * o));
            } else {
                for (int o = 0; o < nIn; o++) Dbuf.st(xr + 8L * o, Dbuf.ld(yr + 8L * o) + Dbuf.ld(yr + half + 8L * o));
            }
        }
        return 1.0;
    }

    /**
     * Reverse of the value chain only (no tangent), for ∂E/∂input: x̄ = (ȳ∘idt∘s)·Wᵀ + skipᵀ(ȳ).
     * {@code zbar} is work space (R×nOut).
     */
    static void reverseValue(KernelLayer l, Dbuf theta, int rows, Dbuf a, int ao, Dbuf ybar, int ybo, Dbuf zbar, Dbuf xbar,
            int xbo) {
        int nIn = l.nIn(), nOut = l.nOut();
        boolean tanh = l.tanh();
        double[] g = biasAndIdt(l, theta)[1];
        for (int r = 0; r < rows; r++) {
            int ro = r * nOut;
            for (int o = 0; o < nOut; o++) {
                double av = a.get(ao + ro + o);
                zbar.put(ro + o, ybar.get(ybo + ro + o) * (tanh ? 1.0 - av * av : 1.0) * g[o]);
            }
        }
        double beta = setSkipAdjoint(l, rows, ybar, ybo, xbar, xbo);
        Blas.gemm(false, true, rows, nIn, nOut, 1.0, zbar, 0, nOut, theta, l.offW(), nOut, beta, xbar, xbo, nIn);
    }
}
