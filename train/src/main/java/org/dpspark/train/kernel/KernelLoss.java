package org.dpspark.train.kernel;

import static org.dpspark.train.graph.GraphNames.*;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training loss of the SameDiff graph (docs/physics.md#loss-and-schedules; weights from {@code BatchBuilder}) on a
 * {@link DeepPotKernel} forward pass, and its derivatives with respect to the predictions:
 * <pre>
 *   L = p_e Σ_f w_e,f (E_f − E*_f)² + p_f Σ_k w_f,k |F_k − F*_k|² + p_v Σ_f w_v,f |Ξ_f − Ξ*_f|²
 *   ∂L/∂E_f = 2 p_e w_e,f (E_f − E*_f),  ∂L/∂F_k = 2 p_f w_f,k (F_k − F*_k),  ∂L/∂Ξ_f = 2 p_v w_v,f (Ξ_f − Ξ*_f)
 * </pre>
 *
 * @param loss {L, L_e, L_f, L_v} (the unweighted-by-prefactor terms as the graph reports them)
 * @param dE ∂L/∂E (nf), dF ∂L/∂F (natoms×3), dV ∂L/∂Ξ (nf×9)
 */
public record KernelLoss(double[] loss, double[] dE, double[] dF, double[] dV) {

    /** The loss of predictions {energy, force, virial} against the labels, weights and prefactors in {@code ph}. */
    public static KernelLoss of(double[][] pred, Map<String, INDArray> ph) {
        double[] e = pred[0], f = pred[1], v = pred[2];
        double[] eLab = values(ph, ENERGY_LABEL), we = values(ph, ENERGY_WEIGHT);
        double[] fLab = values(ph, FORCE_LABEL), wf = values(ph, FORCE_WEIGHT);
        double[] vLab = values(ph, VIRIAL_LABEL), wv = values(ph, VIRIAL_WEIGHT);
        double pe = ph.get(PREF_E).getDouble(0), pf = ph.get(PREF_F).getDouble(0), pv = ph.get(PREF_V).getDouble(0);
        double le = 0, lf = 0, lv = 0;
        double[] dE = new double[e.length], dF = new double[f.length], dV = new double[v.length];
        for (int i = 0; i < e.length; i++) {
            double r = e[i] - eLab[i];
            le += we[i] * r * r;
            dE[i] = 2 * pe * we[i] * r;
        }
        for (int i = 0; i < f.length; i++) {
            double r = f[i] - fLab[i], w = wf[i / 3];
            lf += w * r * r;
            dF[i] = 2 * pf * w * r;
        }
        for (int i = 0; i < v.length; i++) {
            double r = v[i] - vLab[i], w = wv[i / 9];
            lv += w * r * r;
            dV[i] = 2 * pv * w * r;
        }
        return new KernelLoss(new double[] {pe * le + pf * lf + pv * lv, le, lf, lv}, dE, dF, dV);
    }

    private static double[] values(Map<String, INDArray> ph, String name) {
        return ph.get(name).dup('c').data().asDouble();
    }
}
