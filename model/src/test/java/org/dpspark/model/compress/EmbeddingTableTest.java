package org.dpspark.model.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DenseNet;
import org.dpspark.model.SeADescriptor;
import org.junit.jupiter.api.Test;

/**
 * The quintic Hermite tables: the coefficients satisfy the six matching conditions, the interpolation error falls as
 * stride⁶ (the Hermite remainder max|f⁽⁶⁾|·(t/2)⁶/6!), and the grid follows DeePMD-kit's range rule.
 */
class EmbeddingTableTest {

    static SeADescriptor sea() throws Exception {
        return DeepPotModel.importDeepmd(SharedData.path("deepmd-models/deeppot_sea.yaml")).seA();
    }

    @Test
    void polynomialsMatchValueAndTwoDerivativesAtBothKnots() throws Exception {
        SeADescriptor d = sea();
        DenseNet net = d.embeddings().get(1);
        TableGrid g = TableGrid.forNet(d, 1, 0.9, 5, 0.01, 0.1);
        EmbeddingTable t = EmbeddingTable.build(net, g);
        NetDerivatives nd = new NetDerivatives(net);
        int m = t.width();
        double[] y = new double[m], dy = new double[m], d2 = new double[m];
        double worst = 0;
        for (int k = 0; k < g.nspline(); k += 7) {
            for (int end = 0; end < 2; end++) {
                double dx = end == 0 ? 0 : g.width(k);
                nd.at(g.knot(k + end), y, dy, d2, 0);
                for (int a = 0; a < m; a++) {
                    double[] c = new double[6];
                    for (int p = 0; p < 6; p++) c[p] = t.coef()[(k * 6 + p) * m + a];
                    double v = 0, v1 = 0, v2 = 0;
                    for (int p = 5; p >= 0; p--) v = v * dx + c[p];
                    for (int p = 5; p >= 1; p--) v1 = v1 * dx + p * c[p];
                    for (int p = 5; p >= 2; p--) v2 = v2 * dx + p * (p - 1) * c[p];
                    // the conditions hold exactly in exact arithmetic; c3…c5 carry h/t³…h/t⁵, so the sums cancel terms
                    // of size ~20·|y′|, ~60·|y″|: round-off ≲ 1e-13·(1 + |y|, |y′|, |y″|)
                    worst = Math.max(worst, Math.abs(v - y[a]) / (1e-13 * (1 + Math.abs(y[a]))));
                    worst = Math.max(worst, Math.abs(v1 - dy[a]) / (1e-11 * (1 + Math.abs(dy[a]))));
                    worst = Math.max(worst, Math.abs(v2 - d2[a]) / (1e-9 * (1 + Math.abs(d2[a]))));
                }
            }
        }
        System.out.printf("Hermite conditions at the knots: worst |Δ|/bound %.2e%n", worst);
        assertTrue(worst <= 1, "matching conditions");
    }

    /** Largest |table − net| at the interval midpoints of the first sub-table. */
    static double midpointError(DenseNet net, TableGrid g) {
        EmbeddingTable t = EmbeddingTable.build(net, g);
        NetDerivatives nd = new NetDerivatives(net);
        int m = t.width();
        double[] y = new double[m], dy = new double[m], d2 = new double[m], v = new double[m];
        double worst = 0;
        for (int k = 0; k < g.n0(); k++) {
            double x = g.knot(k) + 0.5 * g.width(k);
            nd.at(x, y, dy, d2, 0);
            t.at(x, v, null, 0);
            for (int a = 0; a < m; a++) worst = Math.max(worst, Math.abs(v[a] - y[a]));
        }
        return worst;
    }

    @Test
    void errorFallsAsStrideToTheSixth() throws Exception {
        SeADescriptor d = sea();
        DenseNet net = d.embeddings().get(0);
        double e1 = midpointError(net, TableGrid.of(-1, 7, 5, 0.2, 2.0));
        double e2 = midpointError(net, TableGrid.of(-1, 7, 5, 0.1, 1.0));
        double e3 = midpointError(net, TableGrid.of(-1, 7, 5, 0.01, 0.1));
        System.out.printf("midpoint error: stride 0.2 %.3e, 0.1 %.3e (ratio %.1f), 0.01 %.3e%n", e1, e2, e1 / e2, e3);
        // the Hermite remainder f⁽⁶⁾(ξ)/6!·(x−x_k)³(x−x_{k+1})³ at the midpoint: halving t divides it by 2⁶ = 64 when
        // f⁽⁶⁾ varies little over an interval; accepted 40–90 (f⁽⁷⁾ terms at t = 0.2)
        assertTrue(e1 / e2 > 40 && e1 / e2 < 90, "convergence ratio " + e1 / e2);
        // stride 0.01: e2·10⁻⁶ by the same law, plus round-off of the polynomial (~1e-15·|G|, |G| ≤ 5): 1e-14 floor
        assertTrue(e3 <= 4 * e2 * 1e-6 + 1e-14, "stride 0.01 error " + e3);
    }

    @Test
    void gridFollowsDeepmdRange() throws Exception {
        SeADescriptor d = sea();
        double rmin = 0.9;
        for (int k = 0; k < d.embeddings().size(); k++) {
            TableGrid g = TableGrid.forNet(d, k, rmin, 5, 0.01, 0.1);
            // type_one_side: min/max over both centre types of floor(−davg/dstd) and ceil((w(r)/r − davg)/dstd)
            double lo = Math.min(Math.floor(TableGrid.lowerRaw(d, 0)), Math.floor(TableGrid.lowerRaw(d, 1)));
            double hi = Math.max(Math.ceil(TableGrid.upperRaw(d, 0, rmin)), Math.ceil(TableGrid.upperRaw(d, 1, rmin)));
            assertEquals(lo, g.lower(), 0.0);
            assertEquals(hi, g.upper(), 0.0);
            assertEquals(Math.round((hi - lo) / 0.01), g.n0());
            assertEquals(5 * hi, g.max(), 1e-9);
            assertEquals(g.upper(), g.knot(g.n0()), 1e-12);
            System.out.printf("deeppot_sea net %d table: [%.0f, %.0f] then to %.1f, %d + %d intervals%n", k, g.lower(),
                    g.upper(), g.max(), g.n0(), g.n1());
        }
    }
}
