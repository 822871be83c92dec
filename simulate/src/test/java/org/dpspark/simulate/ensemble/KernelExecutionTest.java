package org.dpspark.simulate.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.simulate.md.Status;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A Deep Potential trajectory asked to run on the Aparapi kernels (execution = jtp, opencl-cpu) against the Java
 * reference: the frames record where the kernels actually ran, and the dynamics agree — bitwise in Aparapi's Java
 * thread pool (same arithmetic in the same order as the reference), to round-off on OpenCL. Needs the kernels of
 * {@code org.dpspark.simulate.dp.kernel} in the build (skipped otherwise); an OpenCL CPU device is required as in the
 * kernel tests unless {@code DPSPARK_NO_OPENCL=1}.
 */
class KernelExecutionTest {

    static boolean kernelsInBuild() {
        try {
            Class.forName("org.dpspark.simulate.dp.kernel.DeepPotKernelEvaluator");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static List<DumpedFrame> run(String execution) {
        String model = SharedData.path("deepmd-models/deeppot_sea.yaml").toString();
        TrajectorySpec spec = EnsembleConfigs.specs(EnsembleConfigs.settings(
                "simulate.structures=[{water-box{molecules=16}}]",
                "simulate.potentials=[{type=deep-potential,model=\"" + model + "\",execution=" + execution + "}]",
                "simulate.integrator.dt=0.5", "simulate.integrator.steps=20", "simulate.dump-every=10",
                "simulate.guard.min-distance=0.1")).get(0);
        TrajectoryRun run = new TrajectoryRun(spec);
        List<DumpedFrame> frames = TrajectoryRunTest.all(run);
        assertEquals(Status.COMPLETED, run.summary().status(), run.summary().reason());
        assertEquals(3, frames.size());
        return frames;
    }

    @Test
    void javaThreadPoolKernelsGiveTheReferenceTrajectoryBitwise() {
        Assumptions.assumeTrue(kernelsInBuild(), "the Aparapi kernels are not in this build");
        List<DumpedFrame> ref = run("java-reference");
        List<DumpedFrame> jtp = run("jtp");
        for (int k = 0; k < ref.size(); k++) {
            assertEquals(DeepPotResult.JAVA_REFERENCE, ref.get(k).executionMode());
            assertTrue(jtp.get(k).executionMode().startsWith("JTP"), jtp.get(k).executionMode());
            assertArrayEquals(ref.get(k).positions(), jtp.get(k).positions(), "frame " + k);
            assertArrayEquals(ref.get(k).forces(), jtp.get(k).forces(), "frame " + k);
        }
    }

    @Test
    void openClCpuKernelsAgreeToRoundOff() {
        Assumptions.assumeTrue(kernelsInBuild(), "the Aparapi kernels are not in this build");
        Assumptions.assumeFalse("1".equals(System.getenv("DPSPARK_NO_OPENCL")), "DPSPARK_NO_OPENCL=1");
        List<DumpedFrame> ref = run("java-reference");
        List<DumpedFrame> cl = run("opencl-cpu");
        for (int k = 0; k < ref.size(); k++) {
            assertTrue(cl.get(k).executionMode().startsWith("OpenCL CPU"), cl.get(k).executionMode());
            // OpenCL forces differ from the reference by ~1e-14 relative (fma contraction, ulp-level tanh/exp);
            // over 20 steps of 0.5 fs that moves atoms by far less than 1e-9 Å
            double[] a = ref.get(k).positions(), b = cl.get(k).positions();
            for (int q = 0; q < a.length; q++) {
                assertEquals(a[q], b[q], 1e-9, "frame " + k + " coordinate " + q);
            }
        }
    }
}
