package org.dpspark.train.kernel;

import static org.dpspark.train.graph.GraphNames.ENERGY_LABEL;
import static org.dpspark.train.graph.GraphNames.FORCE_LABEL;
import static org.dpspark.train.graph.GraphNames.VIRIAL_LABEL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.BatchBuilder;
import org.dpspark.train.graph.TestData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training loss is DeePMD-kit's {@code EnerStdLoss} (deepmd/pt/loss/ener.py, deepmd/dpmodel/loss/ener.py): for a
 * batch of n_f frames of N atoms, L = p_e·mean_f(ΔE²)/N + p_f·mean(ΔF²) over all force components
 * + p_v·mean_{f,9}(ΔΞ²)/N. The energy and virial terms carry ONE factor 1/N (not the 1/N² of a per-atom RMSE): with
 * 1/N² the energy weighs N times less than in DeePMD-kit (192× for the water frames), and the prefactor schedule that
 * DeePMD-kit's published accuracy comes from would not be the one run here.
 *
 * <p>Predictions are the labels plus known residuals, so the expected loss is computed from the residuals alone. The
 * energy residual is recovered as (E* + ΔE) − E* with |E*| ≈ 3·10⁴ eV, whose double ulp (3.6·10⁻¹² eV) makes ΔE² exact
 * to ~2·10⁻¹¹ relative for ΔE ≈ 0.4 eV: hence 1e-10 on the energy term and the total; forces and virials, labels of
 * order 1, to 1e-12.
 */
class LossNormalisationTest {
    @Test
    void theLossIsDeepmdKitsEnerStdLoss() throws Exception {
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92},
                new int[] {4, 8}, 4, true, true, new int[] {8}, true, "tanh");
        DeepPotModel model = DeepPotModels.random(spec, 0.05, 0.1, 0.08, new double[] {-93.0, -187.0}, 7);
        TrainFrame a0 = TestData.water(0, 1), b0 = TestData.water(1, 2);
        double[] vir = {1.5, 0.2, -0.1, 0.2, 0.7, 0.3, -0.1, 0.3, -2.0};
        TrainFrame a = new TrainFrame(a0.dataset(), a0.system(), a0.types(), a0.positions(), a0.cell(), a0.pbc(),
                a0.energy(), a0.forces(), vir, a0.id());
        TrainFrame b = new TrainFrame(b0.dataset(), b0.system(), b0.types(), b0.positions(), b0.cell(), b0.pbc(),
                b0.energy(), b0.forces(), vir, b0.id());
        int n = a.types().length;
        assertEquals(n, b.types().length, "DeePMD-kit batches frames of one system: same N");
        double[] pref = {0.3, 7.0, 0.05};
        Map<String, INDArray> ph = new BatchBuilder(model.seA()).build(List.of(a, b), pref);

        double[] e = ph.get(ENERGY_LABEL).dup('c').data().asDouble().clone();
        double[] f = ph.get(FORCE_LABEL).dup('c').data().asDouble().clone();
        double[] v = ph.get(VIRIAL_LABEL).dup('c').data().asDouble().clone();
        double[] dE = {0.4, -1.1}; // eV per frame
        double sumE2 = 0, sumF2 = 0, sumV2 = 0;
        for (int i = 0; i < e.length; i++) {
            e[i] += dE[i];
            sumE2 += dE[i] * dE[i];
        }
        for (int i = 0; i < f.length; i++) {
            double r = 0.01 * ((i * 37) % 11 - 5); // eV/Å
            f[i] += r;
            sumF2 += r * r;
        }
        for (int i = 0; i < v.length; i++) {
            double r = 0.1 * ((i * 7) % 5 - 2); // eV
            v[i] += r;
            sumV2 += r * r;
        }
        double le = sumE2 / e.length / n, lf = sumF2 / f.length, lv = sumV2 / v.length / n;
        double expected = pref[0] * le + pref[1] * lf + pref[2] * lv;

        double[] loss = KernelLoss.of(new double[][] {e, f, v}, ph).loss();
        assertEquals(le, loss[1], 1e-10 * le, "energy term: mean_f(ΔE²)/N");
        assertEquals(lf, loss[2], 1e-12 * lf, "force term: mean over components of ΔF²");
        assertEquals(lv, loss[3], 1e-12 * lv, "virial term: mean_{f,9}(ΔΞ²)/N");
        assertEquals(expected, loss[0], 1e-10 * expected, "total");
    }
}
