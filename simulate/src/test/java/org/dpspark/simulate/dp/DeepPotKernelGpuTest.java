package org.dpspark.simulate.dp;

import org.dpspark.model.eval.DeepPotEvaluator;

import org.dpspark.model.eval.DeepPotResult;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.dpspark.model.DeepPotModel;
import org.dpspark.simulate.dp.kernel.DeepPotKernelEvaluator;
import org.dpspark.simulate.dp.kernel.DeviceKind;
import org.dpspark.simulate.dp.kernel.KernelDevices;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * GPU test (tag {@code gpu}, excluded from the default build): the kernels must run on an OpenCL GPU and reproduce
 * DeePMD-kit's reference and the Java reference. It FAILS (never skips) when there is no GPU or when any kernel ran
 * elsewhere (the evaluator requires {@link DeviceKind#GPU}, and the recorded mode is checked here too).
 * Run: {@code mvn -pl simulate test -Dgroups=gpu -DexcludedGroups=}.
 */
@Tag("gpu")
class DeepPotKernelGpuTest {

    @Test
    void runsOnGpuAndMatches() throws Exception {
        DeepPotModel model = DeepPotModel.importDeepmd(GoldenCase.modelPath());
        DeepPotKernelEvaluator ev;
        try {
            ev = new DeepPotKernelEvaluator(model, DeviceKind.GPU);
        } catch (IllegalStateException e) {
            fail("GPU test without an OpenCL GPU: " + e.getMessage());
            return;
        }
        try (ev) {
            GoldenCase g = GoldenCase.load();
            DeepPotResult r = ev.evaluate(g.coord, g.box, g.atype, true);
            assertTrue(r.executionMode().startsWith("OpenCL GPU: "), "kernels did not run on a GPU: " + r.executionMode()
                    + " (requested " + ev.requestedDevice() + "; devices: " + KernelDevices.inventory() + ")");
            // tolerance and reason as DeepPotKernelGoldenTest
            double tol = 1e-10;
            assertTrue(DeepPotGoldenTest.maxAbsDiff(r.atomEnergy(), g.atomicEnergy) < tol, "atomic energies");
            assertTrue(DeepPotGoldenTest.maxAbsDiff(r.forces(), g.force) < tol, "forces");
            assertTrue(DeepPotGoldenTest.maxAbsDiff(r.atomVirial(), g.atomicVirial) < tol, "atomic virials");
            WaterFrame w = WaterFrame.load(0);
            DeepPotKernelConsistencyTest.compare("GPU water frame 0", ev.evaluate(w.coord, w.box, w.types),
                    new DeepPotEvaluator(model).evaluate(w.coord, w.box, w.types), false);
            System.out.println("GPU test ran on " + r.executionMode());
        }
    }
}
