package org.dpspark.simulate.dp;

import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.simulate.dp.kernel.DeepPotKernelEvaluator;
import org.dpspark.simulate.dp.kernel.DeviceKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Java reference ({@link DeepPotEvaluator}) and Aparapi kernels give the same energies, forces and virials on real
 * water frames (deepmd/water/data_0, 192 atoms, periodic) and on a molecule, for three models: deeppot_sea,
 * the water-example size with type_one_side = true, and a type_one_side = false model with resnet timesteps
 * (one embedding net per type pair), in the Java thread pool and on the OpenCL CPU device.
 *
 * <p>Tolerance: |Δ| ≤ 1e-10 + 1e-12·|x| per component. The kernels evaluate the reference's arithmetic in the
 * reference's order (nets, gr, D, dgr, per-slot g, and the per-atom gathers follow the serial loop's order), so in
 * the Java thread pool the results are expected bitwise equal (asserted separately); on OpenCL the compiler may
 * contract a·b + c into fma (FP_CONTRACT is on by default in OpenCL C) and tanh/exp/sqrt-based terms may differ by
 * 1–2 ulp, which after sums of ~10⁴ terms of O(1) leaves ≲ 1e-13 relative; 1e-12 relative keeps an order of
 * margin and any indexing or convention error (≥ 1e-6) fails.
 */
class DeepPotKernelConsistencyTest {
    static final double ABS = 1e-10;
    static final double REL = 1e-12;

    static List<DeepPotModel> models() throws Exception {
        DeepPotModels.Spec pairNets = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92},
                new int[] {8, 16, 32}, 4, false, true, new int[] {32, 32, 32}, true, "tanh");
        return List.of(
                DeepPotModel.importDeepmd(GoldenCase.modelPath()),
                DeepPotModels.random(DeepPotModels.Spec.waterExample(), 0.05, 0.08, 0.05, new double[] {-93.6, -187.1}, 2),
                DeepPotModels.random(pairNets, 0.05, 0.08, 0.05, new double[] {-93.6, -187.1}, 3));
    }

    /** max |a−b| / (ABS + REL·|b|); ≤ 1 passes. */
    static double worst(double[] a, double[] b) {
        assertEquals(b.length, a.length, "length");
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / (ABS + REL * Math.abs(b[i])));
        return m;
    }

    static double maxAbs(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    static void compare(String label, DeepPotResult k, DeepPotResult r, boolean bitwise) {
        System.out.printf("%s [%s]: max|Δ| E %.2e  E_i %.2e  F %.2e  virial %.2e  atom virial %.2e%n", label,
                k.executionMode(), Math.abs(k.energy() - r.energy()), maxAbs(k.atomEnergy(), r.atomEnergy()),
                maxAbs(k.forces(), r.forces()), maxAbs(k.virial(), r.virial()), maxAbs(k.atomVirial(), r.atomVirial()));
        assertTrue(worst(new double[] {k.energy()}, new double[] {r.energy()}) <= 1, label + " energy");
        assertTrue(worst(k.atomEnergy(), r.atomEnergy()) <= 1, label + " atom energies");
        assertTrue(worst(k.forces(), r.forces()) <= 1, label + " forces");
        assertTrue(worst(k.virial(), r.virial()) <= 1, label + " virial");
        assertTrue(worst(k.atomVirial(), r.atomVirial()) <= 1, label + " atom virials");
        assertEquals(r.neighboursDropped(), k.neighboursDropped(), label + " dropped neighbours");
        if (bitwise) {
            assertEquals(r.energy(), k.energy(), 0.0, label + " energy bitwise");
            assertArrayEquals(r.atomEnergy(), k.atomEnergy(), 0.0, label + " atom energies bitwise");
            assertArrayEquals(r.forces(), k.forces(), 0.0, label + " forces bitwise");
            assertArrayEquals(r.virial(), k.virial(), 0.0, label + " virial bitwise");
            assertArrayEquals(r.atomVirial(), k.atomVirial(), 0.0, label + " atom virials bitwise");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DeviceKind.class, names = {"JTP", "OPENCL_CPU"})
    void sameAsJavaReferenceOnWaterFrames(DeviceKind kind) throws Exception {
        int m = 0;
        for (DeepPotModel model : models()) {
            DeepPotEvaluator ref = new DeepPotEvaluator(model);
            // a small chunk budget forces several chunks per frame (exercises the chunk offsets)
            try (DeepPotKernelEvaluator ev = KernelModes.open(model, kind);
                    DeepPotKernelEvaluator chunked = new DeepPotKernelEvaluator(model, kind, 3L << 20)) {
                for (int f : new int[] {0, 7}) {
                    WaterFrame w = WaterFrame.load(f);
                    DeepPotResult r = ref.evaluate(w.coord, w.box, w.types);
                    DeepPotResult k = ev.evaluate(w.coord, w.box, w.types);
                    compare("model " + m + " water frame " + f, k, r, kind == DeviceKind.JTP);
                    DeepPotResult c = chunked.evaluate(w.coord, w.box, w.types);
                    assertTrue(chunked.chunkAtoms() < w.types.length, "several chunks");
                    compare("model " + m + " water frame " + f + " in chunks of " + chunked.chunkAtoms(), c, r,
                            kind == DeviceKind.JTP);
                    // the MD engine's in-place path: the same kernels on the same device, so bitwise evaluate's
                    double[] forces = new double[w.coord.length], virial = new double[9], atomE = new double[w.types.length];
                    double e = ev.evaluateInto(w.coord, w.box, w.types, forces, virial, atomE, null);
                    assertEquals(k.energy(), e, 0.0, "in place: energy");
                    assertArrayEquals(k.forces(), forces, 0.0, "in place: forces");
                    assertArrayEquals(k.virial(), virial, 0.0, "in place: virial");
                    assertArrayEquals(k.atomEnergy(), atomE, 0.0, "in place: atomic energies");
                    assertEquals(k.neighboursDropped(), ev.lastNeighboursDropped(), "in place: dropped");
                }
                // a molecule (no cell): the first water molecules of frame 0
                WaterFrame w = WaterFrame.load(0);
                int[] types = {0, 0, 1, 1, 1, 1};
                double[] pos = new double[18];
                int[] pick = {0, 1, 64, 65, 66, 67};
                for (int i = 0; i < 6; i++) System.arraycopy(w.coord, 3 * pick[i], pos, 3 * i, 3);
                compare("model " + m + " molecule", ev.evaluate(pos, null, types), ref.evaluate(pos, null, types),
                        kind == DeviceKind.JTP);
            }
            m++;
        }
    }
}
