package org.dpspark.simulate.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DenseNet;
import org.dpspark.model.NetLayer;
import org.dpspark.model.eval.HybridEvaluator;
import org.dpspark.simulate.lattice.WaterBox;
import org.dpspark.simulate.md.MaxwellBoltzmann;
import org.dpspark.simulate.md.MdState;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NVE with a {@code hybrid} descriptor model (se_e2_a at r_c 5 Å + se_e2_r at r_c 4 Å; the model whose values
 * HybridGoldenTest checks against DeePMD-kit's NumPy backend, from the model module's test resources) on a
 * 64-molecule water box, through the calculator MD picks by name ({@code execution = java}: {@link HybridEvaluator}):
 * energy conservation and the O(dt²) error of velocity Verlet. A random model is not a physical potential: as in
 * {@link SeAttenNveTest}, its fitting nets' output layers are scaled by 0.05 (with the golden weights two atoms of this
 * box come within 0.13 Å of each other in 40 fs even at 100 K), and the run is a short window (25 fs at 300 K; nothing
 * binds the H atoms, which fly ballistically, within 0.149 Å of another atom by 40 fs) in which the closest pair stays
 * above 0.15 Å (asserted).
 */
class HybridNveTest {
    static final double T = 300.0;
    static final double WINDOW_FS = 25.0;

    @Test
    void energyIsConservedAndErrorShrinksAsDtSquared(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hybrid.yaml");
        try (InputStream in = HybridNveTest.class.getResourceAsStream("/org/dpspark/model/eval/hybrid.yaml")) {
            Files.copy(in, file);
        }
        DeepPotModel m = weak(DeepPotModel.importDeepmd(file));
        Structure box = WaterBox.build(64, 1.0, 7L);
        MdState st = new MdState(box, 11L);
        MaxwellBoltzmann.assign(st, T, true);
        int n = st.natoms();
        double[] e1 = SeRNveTest.window(st, m, 0.5, WINDOW_FS, HybridEvaluator.class);
        double[] e2 = SeRNveTest.window(st, m, 0.25, WINDOW_FS, HybridEvaluator.class);
        assertEquals(e1[0], e2[0], 0.0, "same start");
        double s1 = DeepPotNveTest.std(e1), s2 = DeepPotNveTest.std(e2);
        double d1 = DeepPotNveTest.slope(e1, 0.5e-3) / n, d2 = DeepPotNveTest.slope(e2, 0.25e-3) / n; // eV/atom/ps
        System.out.printf("hybrid water NVE (192 atoms, 300 K, 25 fs): std E_tot dt=0.5 fs %.3e eV, dt=0.25 fs %.3e eV,"
                + " ratio %.3f; drift %.3e, %.3e eV/atom/ps%n", s1, s2, s1 / s2, d1, d2);
        // bounds and reasons as SeRNveTest: fluctuation ratio 4 (O(dt²)) within 3.5–4.5, above round-off (~1e-11 eV),
        // drift below 1e-5 eV/atom/ps
        assertTrue(s2 > 1e-8, "fluctuation above round-off: " + s2);
        assertTrue(s1 / s2 > 3.5 && s1 / s2 < 4.5, "fluctuation ratio " + s1 / s2);
        assertTrue(Math.abs(d1) < 1e-5, "drift at dt = 0.5 fs: " + d1 + " eV/atom/ps");
        assertTrue(Math.abs(d2) < 1e-5, "drift at dt = 0.25 fs: " + d2 + " eV/atom/ps");
    }

    /** {@code m} with every fitting net's output layer × 0.05 (E_i − bias and forces scaled by 0.05). */
    static DeepPotModel weak(DeepPotModel m) {
        List<DenseNet> nets = new ArrayList<>();
        for (DenseNet f : m.fitting().nets()) {
            List<NetLayer> layers = new ArrayList<>(f.layers());
            NetLayer out = layers.get(layers.size() - 1);
            double[] w = out.w().clone();
            for (int k = 0; k < w.length; k++) w[k] *= 0.05;
            layers.set(layers.size() - 1, new NetLayer(out.nIn(), out.nOut(), w, out.b(), out.idt(), out.activation(),
                    out.resnet(), out.precision()));
            nets.add(new DenseNet(f.kind(), f.inDim(), f.outDim(), f.neuron(), f.activation(), f.resnetDt(), f.precision(),
                    f.bias(), layers));
        }
        return new DeepPotModel(m.typeMap(), m.descriptor(), m.fitting().withNets(nets), m.outBias(), m.outStd(), null,
                m.deepmdOptions(), m.provenance(), null);
    }
}
