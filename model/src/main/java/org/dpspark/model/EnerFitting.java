package org.dpspark.model;

import java.util.Arrays;
import java.util.List;

/**
 * DeePMD-kit's energy fitting ({@code EnergyFittingNet}, deepmd/dpmodel/fitting/ener_fitting.py and
 * general_fitting.py; serialized as {@code "@class": "Fitting", "type": "ener"}), one net per atom type
 * (mixed_types false): E_i = net_{t_i}(x_i) + bias_atom_e[t_i] with the net input
 * <pre>  x_i = [ D_i,  (fparam − fparam_avg)·fparam_inv_std,  (aparam_i − aparam_avg)·aparam_inv_std ]</pre>
 * (general_fitting.py {@code _call_common}): D_i the descriptor (dim_descrpt), fparam the frame parameters (F =
 * numb_fparam, the same for all atoms of a frame, e.g. an electronic temperature), aparam_i the atomic parameters (A =
 * numb_aparam per atom). Without frame/atomic parameters (F = A = 0) x_i = D_i.
 *
 * @param neuron hidden widths
 * @param resnetDt hidden layers carry timesteps (idt)
 * @param activation DeePMD activation name of the hidden layers
 * @param precision "float64" or "float32"
 * @param nets T fitting nets, dim_descrpt + F + A → 1
 * @param biasAtomE per-type energy bias, T (eV) (DeePMD shape T×1)
 * @param trainable per-layer trainable flags (neuron.length + 1), kept for export
 * @param rcond DeePMD option, kept for export (may be null)
 * @param numbFparam F, frame parameters per frame
 * @param numbAparam A, atomic parameters per atom
 * @param fparamAvg F shifts (units of the parameter), or null when F = 0
 * @param fparamInvStd F inverse scales, or null when F = 0
 * @param aparamAvg A shifts, or null when A = 0
 * @param aparamInvStd A inverse scales, or null when A = 0
 * @param defaultFparam the F frame parameters used when a frame has none (DeePMD-kit's {@code default_fparam}), or null
 */
public record EnerFitting(int[] neuron, boolean resnetDt, String activation, String precision, List<DenseNet> nets,
        double[] biasAtomE, boolean[] trainable, Double rcond, int numbFparam, int numbAparam, double[] fparamAvg,
        double[] fparamInvStd, double[] aparamAvg, double[] aparamInvStd, double[] defaultFparam) {

    public EnerFitting {
        nets = List.copyOf(nets);
        if (nets.size() != biasAtomE.length) {
            throw new IllegalArgumentException(nets.size() + " fitting nets but " + biasAtomE.length + " bias_atom_e values");
        }
        for (DenseNet n : nets) {
            if (n.kind() != DenseNet.Kind.FITTING || n.outDim() != 1 || !Arrays.equals(n.neuron(), neuron)) {
                throw new IllegalArgumentException("fitting nets must be FITTING nets →" + Arrays.toString(neuron) + "→1");
            }
        }
        if (trainable.length != neuron.length + 1) {
            throw new IllegalArgumentException("trainable needs " + (neuron.length + 1) + " flags");
        }
        checkParams("fparam", numbFparam, fparamAvg, fparamInvStd);
        checkParams("aparam", numbAparam, aparamAvg, aparamInvStd);
        if (defaultFparam != null && defaultFparam.length != numbFparam) {
            throw new IllegalArgumentException("default_fparam has " + defaultFparam.length + " values for numb_fparam " + numbFparam);
        }
        if (nets.get(0).inDim() <= numbFparam + numbAparam) {
            throw new IllegalArgumentException("fitting input width " + nets.get(0).inDim() + " leaves no descriptor beside "
                    + numbFparam + " fparam + " + numbAparam + " aparam");
        }
        Activation.of(activation);
    }

    /** A fitting without frame or atomic parameters. */
    public EnerFitting(int[] neuron, boolean resnetDt, String activation, String precision, List<DenseNet> nets,
            double[] biasAtomE, boolean[] trainable, Double rcond) {
        this(neuron, resnetDt, activation, precision, nets, biasAtomE, trainable, rcond, 0, 0, null, null, null, null, null);
    }

    private static void checkParams(String name, int n, double[] avg, double[] invStd) {
        if (n < 0) throw new IllegalArgumentException("numb_" + name + " " + n + " < 0");
        if (n == 0 ? avg != null || invStd != null : avg == null || invStd == null || avg.length != n || invStd.length != n) {
            throw new IllegalArgumentException(name + "_avg/" + name + "_inv_std need " + n + " values each (numb_" + name
                    + " = " + n + ")");
        }
    }

    public int ntypes() { return nets.size(); }

    /** Input width of the descriptor part (dim_descrpt): the net input less the frame and atomic parameters. */
    public int dimDescrpt() { return nets.get(0).inDim() - numbFparam - numbAparam; }

    /** Whether the net takes frame or atomic parameters. */
    public boolean hasParams() { return numbFparam > 0 || numbAparam > 0; }

    /** The same fitting with other nets (same architecture and parameter statistics). */
    public EnerFitting withNets(List<DenseNet> newNets) {
        return new EnerFitting(neuron, resnetDt, activation, precision, newNets, biasAtomE, trainable, rcond, numbFparam,
                numbAparam, fparamAvg, fparamInvStd, aparamAvg, aparamInvStd, defaultFparam);
    }
}
