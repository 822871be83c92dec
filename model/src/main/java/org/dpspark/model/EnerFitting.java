package org.dpspark.model;

import java.util.Arrays;
import java.util.List;

/**
 * DeePMD-kit's energy fitting ({@code EnergyFittingNet}, deepmd/dpmodel/fitting/ener_fitting.py and
 * general_fitting.py; serialized as {@code "@class": "Fitting", "type": "ener"}), one net per atom type
 * (mixed_types false): E_i = net_{t_i}(D_i) + bias_atom_e[t_i].
 *
 * @param neuron hidden widths
 * @param resnetDt hidden layers carry timesteps (idt)
 * @param activation DeePMD activation name of the hidden layers
 * @param precision "float64" or "float32"
 * @param nets T fitting nets, D (dim_descrpt) → 1
 * @param biasAtomE per-type energy bias, T (eV) (DeePMD shape T×1)
 * @param trainable per-layer trainable flags (neuron.length + 1), kept for export
 * @param rcond DeePMD option, kept for export (may be null)
 */
public record EnerFitting(int[] neuron, boolean resnetDt, String activation, String precision, List<DenseNet> nets,
        double[] biasAtomE, boolean[] trainable, Double rcond) {

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
        Activation.of(activation);
    }

    public int ntypes() { return nets.size(); }

    /** Input width (dim_descrpt). */
    public int dimDescrpt() { return nets.get(0).inDim(); }
}
