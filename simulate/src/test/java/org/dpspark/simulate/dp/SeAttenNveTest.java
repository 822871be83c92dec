package org.dpspark.simulate.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.DenseNet;
import org.dpspark.model.NetLayer;
import org.dpspark.model.eval.SeAttenEvaluator;
import org.dpspark.simulate.lattice.WaterBox;
import org.dpspark.simulate.md.MaxwellBoltzmann;
import org.dpspark.simulate.md.MdState;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

/**
 * NVE with a DPA-1 model (se_atten: type embedding, two attention layers, smooth, one fitting net for all types; random
 * weights, type map O H C so that the type embedding, not the data, decides which elements exist) on a 64-molecule
 * water box, through the calculator MD picks by name ({@code execution = java}: the se_atten reference, the batched
 * evaluator being se_e2_a-only): energy conservation and the O(dt²) error of velocity Verlet.
 *
 * <p>A random model is not a physical potential: the run is a short window (25 fs at 300 K; two atoms of this box
 * approach ballistically to 0.16 Å by then) in which the closest pair stays above 0.15 Å (asserted), as the NVE tests
 * of DeePMD-kit's inference test models.
 */
class SeAttenNveTest {
    static final double T = 300.0;
    static final double WINDOW_FS = 25.0;

    static DeepPotModel model() {
        DeepPotModels.SeAttenSpec spec = new DeepPotModels.SeAttenSpec(List.of("O", "H", "C"), 4.0, 0.5, 64,
                new int[] {8, 16}, 4, 8, 16, 2, false, false, true, new int[] {16, 16});
        // davg = 0, DeePMD-kit's default (set_davg_zero) for se_atten: its padding slots take atom 0's type, so with
        // davg ≠ 0 a neighbour of another type crossing r_c makes the energy jump (E_tot then drifts at any dt)
        DeepPotModel m = DeepPotModels.randomSeAtten(spec, 0.0, 0.3, 0.2, new double[] {-93.0, -187.0, -150.0}, 5);
        // the fitting net's output layer × 0.05: forces ~1e-2 eV/Å, as DeePMD-kit's inference test models, so that a
        // 300 K window stays out of the (untrained, random) short range
        DenseNet f = m.fitting().nets().get(0);
        List<NetLayer> layers = new ArrayList<>(f.layers());
        NetLayer out = layers.get(layers.size() - 1);
        double[] w = out.w().clone();
        for (int k = 0; k < w.length; k++) w[k] *= 0.05;
        layers.set(layers.size() - 1, new NetLayer(out.nIn(), out.nOut(), w, out.b(), out.idt(), out.activation(), out.resnet(),
                out.precision()));
        DenseNet weak = new DenseNet(f.kind(), f.inDim(), f.outDim(), f.neuron(), f.activation(), f.resnetDt(), f.precision(),
                f.bias(), layers);
        return new DeepPotModel(m.typeMap(), m.descriptor(), m.fitting().withNets(Collections.nCopies(m.ntypes(), weak)),
                m.outBias(), m.outStd(), null, m.deepmdOptions(), m.provenance(), null);
    }

    static double[] nve(MdState start, DeepPotModel m, double dt) {
        return SeRNveTest.window(start, m, dt, WINDOW_FS, SeAttenEvaluator.class);
    }

    @Test
    void energyIsConservedAndErrorShrinksAsDtSquared() {
        DeepPotModel m = model();
        Structure box = WaterBox.build(64, 1.0, 7L);
        MdState st = new MdState(box, 11L);
        MaxwellBoltzmann.assign(st, T, true);
        int n = st.natoms();
        double[] e1 = nve(st, m, 0.5);
        double[] e2 = nve(st, m, 0.25);
        assertEquals(e1[0], e2[0], 0.0, "same start");
        double s1 = DeepPotNveTest.std(e1), s2 = DeepPotNveTest.std(e2);
        double d1 = DeepPotNveTest.slope(e1, 0.5e-3) / n, d2 = DeepPotNveTest.slope(e2, 0.25e-3) / n; // eV/atom/ps
        System.out.printf("se_atten water NVE (%d atoms, 300 K, 25 fs): std E_tot dt=0.5 fs %.3e eV, dt=0.25 fs %.3e eV,"
                + " ratio %.3f; drift %.3e, %.3e eV/atom/ps%n", n, s1, s2, s1 / s2, d1, d2);
        // Velocity Verlet's energy error is the O(dt²) shadow-Hamiltonian difference: halving dt divides the
        // fluctuation of E_tot by 4; accepted 3.5–4.5 for higher-order terms. Round-off of E ≈ −3·10⁴ eV summed over
        // 192 atoms is ~1e-11 eV, far below the fluctuation (asserted > 1e-8 eV so that the ratio is not noise).
        assertTrue(s2 > 1e-8, "fluctuation above round-off: " + s2);
        assertTrue(s1 / s2 > 3.5 && s1 / s2 < 4.5, "fluctuation ratio " + s1 / s2);
        // Drift bound as for se_e2_a: 1e-5 eV/atom/ps at dt = 0.5 fs; a wrong force (not −∇E) or a stale one drifts at
        // O(dt) or worse.
        assertTrue(Math.abs(d1) < 1e-5, "drift at dt = 0.5 fs: " + d1 + " eV/atom/ps");
        assertTrue(Math.abs(d2) < 1e-5, "drift at dt = 0.25 fs: " + d2 + " eV/atom/ps");
    }
}
