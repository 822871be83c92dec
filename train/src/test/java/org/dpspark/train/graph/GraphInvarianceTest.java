package org.dpspark.train.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dpspark.train.data.TrainFrame;
import org.junit.jupiter.api.Test;

/**
 * Invariances of the graph's energy (covariance of forces and virial) under translation, rotation of positions and
 * cell, and permutation of atoms, on DeePMD-kit's 6-atom test frame with random weights. Tolerance: round-off of sums
 * of ~10² terms of O(1–500): 1e-10.
 */
class GraphInvarianceTest {
    @Test
    void translationRotationPermutation() throws Exception {
        GraphPredictor g = GraphPredictor.of(GraphDerivativeTest.model());
        TrainFrame f = TestData.goldenFrame();
        int n = f.natoms();
        Prediction p = g.predict(List.of(f)).get(0);
        // rotation about (1,2,3) by 0.7 rad, then a translation
        double[] ax = {1 / Math.sqrt(14), 2 / Math.sqrt(14), 3 / Math.sqrt(14)};
        double c = Math.cos(0.7), s = Math.sin(0.7);
        double[][] rot = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                rot[i][j] = (i == j ? c : 0) + (1 - c) * ax[i] * ax[j];
            }
        }
        rot[0][1] -= s * ax[2]; rot[0][2] += s * ax[1]; rot[1][0] += s * ax[2];
        rot[1][2] -= s * ax[0]; rot[2][0] -= s * ax[1]; rot[2][1] += s * ax[0];
        double[] pos = apply(rot, f.positions(), n), cell = apply(rot, f.cell(), 3);
        for (int i = 0; i < n; i++) for (int k = 0; k < 3; k++) pos[3 * i + k] += 0.37 * (k + 1);
        // permutation: reverse the atoms
        double[] pp = new double[3 * n];
        int[] tp = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pos, 3 * i, pp, 3 * (n - 1 - i), 3);
            tp[n - 1 - i] = f.types()[i];
        }
        TrainFrame q = new TrainFrame("x", "x", tp, pp, cell, null, Double.NaN, null, null, "x");
        Prediction r = g.predict(List.of(q)).get(0);
        assertEquals(p.energy(), r.energy(), 1e-10);
        double[] fr = apply(rot, p.forces(), n);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) assertEquals(fr[3 * i + k], r.forces()[3 * (n - 1 - i) + k], 1e-10, "force " + i);
        }
        // Ξ' = R Ξ Rᵀ
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double v = 0;
                for (int x = 0; x < 3; x++) for (int y = 0; y < 3; y++) v += rot[a][x] * p.virial()[3 * x + y] * rot[b][y];
                assertEquals(v, r.virial()[3 * a + b], 1e-10, "virial " + a + b);
            }
        }
    }

    /** Rows v_i → R v_i. */
    static double[] apply(double[][] rot, double[] v, int rows) {
        double[] o = new double[3 * rows];
        for (int i = 0; i < rows; i++) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) o[3 * i + a] += rot[a][b] * v[3 * i + b];
            }
        }
        return o;
    }
}
