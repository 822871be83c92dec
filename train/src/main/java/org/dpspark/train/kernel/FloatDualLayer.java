package org.dpspark.train.kernel;

/**
 * {@link DualLayer}'s value-and-tangent layer and its reverse pass in float32 ({@code train.precision = mixed}): the
 * same formulas (see {@link DualLayer}), on {@link Fbuf}s, products by SGEMM, tanh by {@link FloatVectorTanh}. The
 * gradient stays float64: each product's ∂W and the ∂b/∂idt sums over one block's rows (formed in float, by SGEMM
 * and by {@link FloatLayerLanes}) are added into the double gradient, so that the sum over blocks, types and
 * frames and the optimizer see float64. Java has no generics over primitive arrays, hence this twin of DualLayer.
 */
final class FloatDualLayer {
    private FloatDualLayer() {}

    /** The layer's b (zeros without a bias) and idt (ones without timesteps) from the float parameters. */
    static float[][] biasAndIdt(KernelLayer l, Fbuf theta) {
        int nOut = l.nOut();
        float[] b = new float[nOut], g = new float[nOut];
        for (int o = 0; o < nOut; o++) {
            b[o] = l.hasBias() ? theta.get(l.offB() + o) : 0f;
            g[o] = l.hasIdt() ? theta.get(l.offIdt() + o) : 1f;
        }
        return new float[][] {b, g};
    }

    /** bias repeated to length n + lanes, for {@link FloatVectorTanh#tanhBlock}. */
    static float[] biasTile(float[] bias) {
        int n = bias.length;
        float[] tile = new float[n + FloatVectorTanh.lanes()];
        for (int j = 0; j < tile.length; j++) tile[j] = bias[j % n];
        return tile;
    }

    /** As {@link DualLayer#forward}, in float32. */
    static void forward(KernelLayer l, Fbuf theta, int rows, Fbuf x, int xo, Fbuf dx, int dxo, Fbuf a, int ao, boolean haveA,
            Fbuf dz, int dzo, boolean haveDz, Fbuf y, int yo, Fbuf dy, int dyo) {
        int nIn = l.nIn(), nOut = l.nOut();
        if (!haveA) Blas.gemm(false, false, rows, nOut, nIn, 1f, x, xo, nIn, theta, l.offW(), nOut, 0f, a, ao, nOut);
        if (dx != null && !haveDz) {
            Blas.gemm(false, false, rows, nOut, nIn, 1f, dx, dxo, nIn, theta, l.offW(), nOut, 0f, dz, dzo, nOut);
        }
        if (y == null && haveA) return;
        float[][] bg = biasAndIdt(l, theta);
        float[] bias = bg[0], g = bg[1];
        boolean tanh = l.tanh();
        assert a.span(ao, (long) rows * nOut) && (y == null || y.span(yo, (long) rows * nOut) && x.span(xo, (long) rows * nIn));
        assert dx == null || y == null || dz.span(dzo, (long) rows * nOut) && dy.span(dyo, (long) rows * nOut)
                && dx.span(dxo, (long) rows * nIn);
        int skip = l.skip(), segs = skip == 2 ? 2 : 1, segLen = skip == 0 ? nOut : nIn;
        long rowOut = 4L * nOut, rowIn = 4L * nIn;
        long ar = a.addr(ao), yr = y == null ? 0 : y.addr(yo), xr = y == null ? 0 : x.addr(xo);
        long dzr = dx == null || y == null ? 0 : dz.addr(dzo), dyr = dx == null || y == null ? 0 : dy.addr(dyo);
        long dxr = dx == null || y == null ? 0 : dx.addr(dxo);
        boolean vectorTanh = !haveA && tanh && DualLayer.VECTOR && a.bytes() != null;
        if (vectorTanh) FloatVectorTanh.tanhBlock(a.bytes(), ao, rows * nOut, biasTile(bias), nOut);
        boolean lanes = DualLayer.VECTOR && y != null && a.bytes() != null && y.bytes() != null && x.bytes() != null
                && (dx == null || dz.bytes() != null && dy.bytes() != null && dx.bytes() != null);
        for (int r = 0; r < rows; r++, ar += rowOut, yr += rowOut, xr += rowIn, dzr += rowOut, dyr += rowOut, dxr += rowIn) {
            if (!haveA && !vectorTanh) {
                for (int o = 0; o < nOut; o++) {
                    float z = Fbuf.ld(ar + 4L * o) + bias[o];
                    Fbuf.st(ar + 4L * o, tanh ? FloatVectorTanh.tanh(z) : z);
                }
            }
            if (y == null) continue;
            for (int seg = 0; seg < segs; seg++) {
                int o0 = seg * nIn;
                long sa = ar + 4L * o0, sy = yr + 4L * o0, sdz = dzr + 4L * o0, sdy = dyr + 4L * o0;
                int from = 0;
                if (lanes) {
                    int ro = r * nOut + o0, ri = r * nIn;
                    FloatLayerLanes.forwardRow(a.bytes(), ao + ro, skip == 0 ? null : x.bytes(), xo + ri,
                            dx == null ? null : dz.bytes(), dzo + ro, dx == null || skip == 0 ? null : dx.bytes(), dxo + ri,
                            y.bytes(), yo + ro, dx == null ? null : dy.bytes(), dyo + ro, g, o0, segLen, tanh);
                    from = FloatLayerLanes.covered(segLen);
                }
                for (int o = from; o < segLen; o++) {
                    long k = 4L * o;
                    float av = Fbuf.ld(sa + k), gv = g[o0 + o];
                    Fbuf.st(sy + k, av * gv + (skip == 0 ? 0f : Fbuf.ld(xr + k)));
                    if (dx != null) {
                        float s = tanh ? 1f - av * av : 1f;
                        Fbuf.st(sdy + k, s * Fbuf.ld(sdz + k) * gv + (skip == 0 ? 0f : Fbuf.ld(dxr + k)));
                    }
                }
            }
        }
    }

    /**
     * As {@link DualLayer#reverse}, in float32; ∂W, ∂b, ∂idt (float sums over the block's rows) are added into the
     * double {@code grad}. {@code gradW} is float work space of ≥ nIn·nOut.
     */
    static void reverse(KernelLayer l, Fbuf theta, Dbuf grad, Fbuf gradW, int rows, Fbuf x, int xo, Fbuf dx, int dxo, Fbuf a,
            int ao, Fbuf dz, int dzo, Fbuf ybar, int ybo, Fbuf dybar, int dybo, Fbuf zbar, Fbuf dzbar, Fbuf xbar, int xbo,
            Fbuf dxbar, int dxbo) {
        int nIn = l.nIn(), nOut = l.nOut();
        boolean tanh = l.tanh();
        float[] g = biasAndIdt(l, theta)[1];
        // ∂b, ∂idt (and the input layer's ∂W) as float sums over this block's rows, like the SGEMM sums of ∂W
        float[] accB = new float[nOut], accI = new float[nOut], unitW = dx == null ? new float[nOut] : null;
        boolean lanes = DualLayer.VECTOR && a.bytes() != null && dz.bytes() != null && ybar.bytes() != null
                && dybar.bytes() != null && zbar.bytes() != null && dzbar.bytes() != null;
        int from = lanes ? FloatLayerLanes.upper(nOut) : 0;
        assert a.span(ao, (long) rows * nOut) && dz.span(dzo, (long) rows * nOut) && ybar.span(ybo, (long) rows * nOut)
                && dybar.span(dybo, (long) rows * nOut) && zbar.span(0, (long) rows * nOut) && dzbar.span(0, (long) rows * nOut);
        long row = 4L * nOut;
        long ar = a.addr(ao), dzr = dz.addr(dzo), yr = ybar.addr(ybo), dyr = dybar.addr(dybo), zr = zbar.addr(0), dzbr = dzbar.addr(0);
        for (int r = 0; r < rows; r++, ar += row, dzr += row, yr += row, dyr += row, zr += row, dzbr += row) {
            if (lanes) {
                int ro = r * nOut;
                FloatLayerLanes.reverseRow(a.bytes(), ao + ro, dz.bytes(), dzo + ro, ybar.bytes(), ybo + ro, dybar.bytes(),
                        dybo + ro, zbar.bytes(), ro, dzbar.bytes(), ro, g, accB, accI, unitW, nOut, tanh);
            }
            for (int o = from; o < nOut; o++) {
                long k = 4L * o;
                float av = Fbuf.ld(ar + k), dzv = Fbuf.ld(dzr + k), s = tanh ? 1f - av * av : 1f;
                float yb = Fbuf.ld(yr + k), dyb = Fbuf.ld(dyr + k);
                accI[o] += yb * av + dyb * s * dzv;
                float ab = yb * g[o], dab = dyb * g[o];
                float zb = tanh ? s * (ab - 2f * av * dzv * dab) : ab;
                Fbuf.st(zr + k, zb);
                Fbuf.st(dzbr + k, s * dab);
                accB[o] += zb;
                if (unitW != null) unitW[o] += s * dab;
            }
        }
        if (l.hasBias()) for (int o = 0; o < nOut; o++) grad.add(l.offB() + o, accB[o]);
        if (l.hasIdt()) for (int o = 0; o < nOut; o++) grad.add(l.offIdt() + o, accI[o]);
        Blas.gemm(true, false, nIn, nOut, rows, 1f, x, xo, nIn, zbar, 0, nOut, 0f, gradW, 0, nOut);
        if (dx != null) Blas.gemm(true, false, nIn, nOut, rows, 1f, dx, dxo, nIn, dzbar, 0, nOut, 1f, gradW, 0, nOut);
        addInto(grad, l.offW(), gradW, nIn * nOut);
        if (unitW != null) for (int o = 0; o < nOut; o++) grad.add(l.offW() + o, unitW[o]); // ẋ = 1, nIn = 1
        if (xbar != null) {
            float beta = setSkipAdjoint(l, rows, ybar, ybo, xbar, xbo);
            Blas.gemm(false, true, rows, nIn, nOut, 1f, zbar, 0, nOut, theta, l.offW(), nOut, beta, xbar, xbo, nIn);
        }
        if (dxbar != null) {
            float beta = setSkipAdjoint(l, rows, dybar, dybo, dxbar, dxbo);
            Blas.gemm(false, true, rows, nIn, nOut, 1f, dzbar, 0, nOut, theta, l.offW(), nOut, beta, dxbar, dxbo, nIn);
        }
    }

    private static void addInto(Dbuf grad, int off, Fbuf w, int n) {
        assert grad.span(off, n) && w.span(0, n);
        if (DualLayer.VECTOR && grad.bytes() != null && w.bytes() != null) {
            FloatLayerLanes.addToDouble(w.bytes(), 0, grad.bytes(), off, n);
            return;
        }
        long d = grad.addr(off), s = w.addr(0);
        for (int i = 0; i < n; i++, d += 8, s += 4) Dbuf.st(d, Dbuf.ld(d) + Fbuf.ld(s));
    }

    /** As {@link DualLayer#setSkipAdjoint}. */
    static float setSkipAdjoint(KernelLayer l, int rows, Fbuf ybar, int ybo, Fbuf xbar, int xbo) {
        int skip = l.skip(), nIn = l.nIn(), nOut = l.nOut();
        if (skip == 0) return 0f;
        assert ybar.span(ybo, (long) rows * nOut) && xbar.span(xbo, (long) rows * nIn);
        long yr = ybar.addr(ybo), xr = xbar.addr(xbo), half = 4L * nIn;
        for (int r = 0; r < rows; r++, yr += 4L * nOut, xr += 4L * nIn) {
            for (int o = 0; o < nIn; o++) {
                float v = Fbuf.ld(yr + 4L * o);
                Fbuf.st(xr + 4L * o, skip == 1 ? v : v + Fbuf.ld(yr + half + 4L * o));
            }
        }
        return 1f;
    }

    /** As {@link DualLayer#reverseValue}, in float32. */
    static void reverseValue(KernelLayer l, Fbuf theta, int rows, Fbuf a, int ao, Fbuf ybar, int ybo, Fbuf zbar, Fbuf xbar, int xbo) {
        int nIn = l.nIn(), nOut = l.nOut();
        boolean tanh = l.tanh();
        float[] g = biasAndIdt(l, theta)[1];
        for (int r = 0; r < rows; r++) {
            int ro = r * nOut;
            for (int o = 0; o < nOut; o++) {
                float av = a.get(ao + ro + o);
                zbar.put(ro + o, ybar.get(ybo + ro + o) * (tanh ? 1f - av * av : 1f) * g[o]);
            }
        }
        float beta = setSkipAdjoint(l, rows, ybar, ybo, xbar, xbo);
        Blas.gemm(false, true, rows, nIn, nOut, 1f, zbar, 0, nOut, theta, l.offW(), nOut, beta, xbar, xbo, nIn);
    }
}
