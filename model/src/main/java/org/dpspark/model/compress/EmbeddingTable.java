package org.dpspark.model.compress;

import org.dpspark.model.DenseNet;

/**
 * One embedding net tabulated: per interval k of its {@link TableGrid} and output neuron a, a quintic
 * G_a(x) = Σ_{p=0..5} c[k][p][a]·(x − x_k)^p whose value, first and second derivative equal the net's at both knots
 * of the interval (quintic Hermite; DeePMD-kit's {@code DPTabulate._build_lower}, with h = y_{k+1} − y_k, t the width):
 * <pre>
 *   c0 = y_k,  c1 = y′_k,  c2 = y″_k/2
 *   c3 = (20h − (8y′_{k+1} + 12y′_k)t − (3y″_k − y″_{k+1})t²) / (2t³)
 *   c4 = (−30h + (14y′_{k+1} + 16y′_k)t + (3y″_k − 2y″_{k+1})t²) / (2t⁴)
 *   c5 = (12h − 6(y′_{k+1} + y′_k)t + (y″_{k+1} − y″_k)t²) / (2t⁵)
 * </pre>
 * Error: for a net with a bounded sixth derivative, |G − net| ≤ max|net⁽⁶⁾|·(t/2)⁶/6! inside an interval (the
 * Hermite remainder f⁽⁶⁾(ξ)/6!·(x − x_k)³(x − x_{k+1})³), 2.2e-17·max|net⁽⁶⁾| for t = 0.01.
 *
 * <p>Layout: {@code coef[(k·6 + p)·M + a]} (nspline × 6 × M, coefficient-major within a row so that vectors run
 * over the neurons; DeePMD-kit stores nspline × M × 6).
 *
 * @param grid the knots
 * @param width M, output neurons
 * @param coef nspline × 6 × M
 */
public record EmbeddingTable(TableGrid grid, int width, double[] coef) {

    public EmbeddingTable {
        if (coef.length != grid.nspline() * 6 * width) {
            throw new IllegalArgumentException("table has " + coef.length + " coefficients, need nspline×6×M = "
                    + grid.nspline() + "×6×" + width);
        }
    }

    /** Tabulates {@code net} on {@code grid}. */
    public static EmbeddingTable build(DenseNet net, TableGrid grid) {
        NetDerivatives nd = new NetDerivatives(net);
        int m = nd.outDim(), ns = grid.nspline();
        double[] y = new double[(ns + 1) * m], dy = new double[(ns + 1) * m], d2y = new double[(ns + 1) * m];
        for (int k = 0; k <= ns; k++) nd.at(grid.knot(k), y, dy, d2y, k * m);
        double[] c = new double[ns * 6 * m];
        for (int k = 0; k < ns; k++) {
            double t = grid.width(k), t2 = t * t, t3 = t2 * t;
            int base = k * 6 * m;
            for (int a = 0; a < m; a++) {
                int i0 = k * m + a, i1 = i0 + m;
                double h = y[i1] - y[i0];
                c[base + a] = y[i0];
                c[base + m + a] = dy[i0];
                c[base + 2 * m + a] = 0.5 * d2y[i0];
                c[base + 3 * m + a] = (20 * h - (8 * dy[i1] + 12 * dy[i0]) * t - (3 * d2y[i0] - d2y[i1]) * t2) / (2 * t3);
                c[base + 4 * m + a] = (-30 * h + (14 * dy[i1] + 16 * dy[i0]) * t + (3 * d2y[i0] - 2 * d2y[i1]) * t2) / (2 * t3 * t);
                c[base + 5 * m + a] = (12 * h - 6 * (dy[i1] + dy[i0]) * t + (d2y[i1] - d2y[i0]) * t2) / (2 * t3 * t2);
            }
        }
        return new EmbeddingTable(grid, m, c);
    }

    /**
     * G(x) and G′(x) into {@code value} and {@code first} at {@code off} (M each), scalar; inside the table only
     * (outside it: the end row's polynomial continued linearly from the end, DeePMD-kit's
     * {@code extrapolated_polynomial5}).
     */
    public void at(double x, double[] value, double[] first, int off) {
        int k = grid.row(x);
        double dx = x - grid.knot(k), lin = 0.0;
        if (x < grid.lower()) {
            dx = 0.0;
            lin = x - grid.lower();
        } else if (x >= grid.max()) {
            dx = grid.width(k);
            lin = x - grid.max();
        }
        int m = width, base = k * 6 * m;
        for (int a = 0; a < m; a++) {
            double c0 = coef[base + a], c1 = coef[base + m + a], c2 = coef[base + 2 * m + a];
            double c3 = coef[base + 3 * m + a], c4 = coef[base + 4 * m + a], c5 = coef[base + 5 * m + a];
            double g = c0 + dx * (c1 + dx * (c2 + dx * (c3 + dx * (c4 + dx * c5))));
            double dg = c1 + dx * (2 * c2 + dx * (3 * c3 + dx * (4 * c4 + dx * 5 * c5)));
            value[off + a] = g + dg * lin;
            if (first != null) first[off + a] = dg;
        }
    }
}
