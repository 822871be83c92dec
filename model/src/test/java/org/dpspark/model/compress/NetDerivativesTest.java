package org.dpspark.model.compress;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.DenseNet;
import org.dpspark.model.eval.CompiledNetAccess;
import org.junit.jupiter.api.Test;

/**
 * The analytic first and second derivatives of embedding nets against central finite differences: DeePMD-kit's
 * deeppot_sea nets ([3, 6, 12], resnet skips y += [x, x], timesteps) and a random net of the water example's shapes
 * ([25, 50, 100]), over s̃ ∈ [−3, 12] (padding values to beyond the closest approach).
 *
 * <p>Tolerance: a central difference of f with step h has truncation error h²/6·|f‴| and round-off ~ε·|f|/h; with
 * h = 1e-4, ε = 1.1e-16 and |f| ≤ 10, round-off ≤ 1e-11. f‴ is estimated at each point by the central difference
 * of the analytic f″ (itself under test), and for the check of f″ (a central difference of f′) f⁗ by the second
 * difference of f″. The bound per point is 2·h²/6·|f‴ or f⁗| + 1e-9 (the factor 2 and the 1e-9 floor cover the
 * estimates' own error and round-off), so any wrong derivative term (≥ 1e-4 here) fails.
 */
class NetDerivativesTest {
    static final double H = 1e-4;

    static List<DenseNet> nets() throws Exception {
        List<DenseNet> nets = new ArrayList<>(DeepPotModel.importDeepmd(SharedData.path("deepmd-models/deeppot_sea.yaml"))
                .seA().embeddings());
        nets.add(DeepPotModels.random(DeepPotModels.Spec.waterExample(), 0.05, 0.08, 0.05, new double[] {-93.6, -187.1}, 2)
                .seA().embeddings().get(1));
        return nets;
    }

    @Test
    void derivativesMatchFiniteDifferences() throws Exception {
        double worst1 = 0, worst2 = 0;
        for (DenseNet net : nets()) {
            NetDerivatives nd = new NetDerivatives(net);
            int m = nd.outDim();
            double[] v = new double[m], d = new double[m], s = new double[m];
            double[] vp = new double[m], dp = new double[m], sp = new double[m];
            double[] vm = new double[m], dm = new double[m], sm = new double[m];
            for (double x = -3; x <= 12; x += 0.37) {
                nd.at(x, v, d, s, 0);
                nd.at(x + H, vp, dp, sp, 0);
                nd.at(x - H, vm, dm, sm, 0);
                double[] direct = CompiledNetAccess.forward(net, x);
                for (int a = 0; a < m; a++) {
                    assertTrue(Math.abs(direct[a] - v[a]) <= 1e-13 * (1 + Math.abs(v[a])), "value = the net's forward pass");
                    double f3 = (sp[a] - sm[a]) / (2 * H);
                    double f4 = (sp[a] - 2 * s[a] + sm[a]) / (H * H);
                    double e1 = Math.abs((vp[a] - vm[a]) / (2 * H) - d[a]);
                    double e2 = Math.abs((dp[a] - dm[a]) / (2 * H) - s[a]);
                    worst1 = Math.max(worst1, e1 / (2 * H * H / 6 * Math.abs(f3) + 1e-9));
                    worst2 = Math.max(worst2, e2 / (2 * H * H / 6 * Math.abs(f4) + 1e-9));
                }
            }
        }
        System.out.printf("net derivatives vs finite differences: worst |Δ|/bound first %.2e, second %.2e%n", worst1, worst2);
        assertTrue(worst1 <= 1, "first derivative");
        assertTrue(worst2 <= 1, "second derivative");
    }
}
