package org.dpspark.simulate.dp;

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
        SeRNveTest.checkDtSquared("hybrid water NVE (192 atoms, 300 K, 25 fs)", e1, e2, n);
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
