package org.dpspark.simulate.dp.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The execution mode is observed from the kernel's witness, and a fallback is an error when the kind is required. */
class KernelLauncherTest {

    static Device openClCpu() {
        if (KernelDevices.openCl(Device.TYPE.CPU).isEmpty()) {
            Assumptions.assumeFalse("1".equals(System.getenv("DPSPARK_NO_OPENCL")), "DPSPARK_NO_OPENCL=1: no OpenCL platform");
            fail("no OpenCL CPU device (" + KernelDevices.inventory() + "); install pocl-opencl-icd ocl-icd-libopencl1"
                    + " or set DPSPARK_NO_OPENCL=1");
        }
        return KernelDevices.select(DeviceKind.OPENCL_CPU);
    }

    @Test
    void witnessTellsJavaFromOpenCl() {
        ForceGatherKernel k = gather();
        KernelLauncher jtp = new KernelLauncher(JavaDevice.THREAD_POOL, DeviceKind.JTP);
        jtp.launch(k, "gather", 1);
        assertEquals(WitnessKernel.JAVA_WITNESS, k.witness[0], 0.0);
        assertEquals(KernelDevices.JTP, jtp.executionMode());

        Device cpu = openClCpu();
        ForceGatherKernel c = new ForceGatherKernel();
        c.setExplicit(true);
        c.slotG = k.slotG;
        c.rij = k.rij;
        c.start = k.start;
        c.entries = k.entries;
        c.forces = k.forces;
        c.atomVirial = k.atomVirial;
        c.count = 1;
        c.put(c.slotG).put(c.rij).put(c.start).put(c.entries).put(c.forces).put(c.atomVirial);
        KernelLauncher cl = new KernelLauncher(cpu, DeviceKind.OPENCL_CPU);
        cl.launch(c, "gather", 1);
        assertEquals(WitnessKernel.OPENCL_WITNESS, c.witness[0], 0.0, "fused fma only on OpenCL");
        assertTrue(cl.executionMode().startsWith("OpenCL CPU: "), cl.executionMode());
        k.dispose();
        c.dispose();
    }

    @Test
    void fallbackFromOpenClIsRecordedAndFailsWhenRequired() {
        Device cpu = openClCpu();
        UntranslatableKernel k = new UntranslatableKernel();
        k.setExplicit(true);
        k.put(k.out);
        KernelLauncher required = new KernelLauncher(cpu, DeviceKind.OPENCL_CPU);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> required.launch(k, "untranslatable", 1));
        assertTrue(e.getMessage().contains("ran as 'Java (Aparapi fell back from OpenCL CPU"), e.getMessage());

        KernelLauncher auto = new KernelLauncher(cpu, DeviceKind.AUTO);
        auto.launch(k, "untranslatable", 1);
        assertTrue(auto.executionMode().startsWith("Java (Aparapi fell back from OpenCL CPU"), auto.executionMode());
        k.dispose();
    }

    /**
     * The mode string is kept while nothing changes (the MD loop asks for it every step) and rebuilt when a kernel
     * falls back mid-run: an evaluation on OpenCL, then one whose kernel of the same name falls back to Java, then
     * OpenCL again.
     */
    @Test
    void modeIsKeptUntilAKernelRunsElsewhere() {
        Device cpu = openClCpu();
        ForceGatherKernel good = gather();
        UntranslatableKernel bad = new UntranslatableKernel();
        bad.setExplicit(true);
        bad.put(bad.out);
        KernelLauncher auto = new KernelLauncher(cpu, DeviceKind.AUTO);
        auto.reset();
        auto.launch(good, "step", 1);
        String first = auto.executionMode();
        assertTrue(first.startsWith("OpenCL CPU: "), first);
        auto.reset();
        auto.launch(good, "step", 1);
        assertSame(first, auto.executionMode(), "unchanged mode: the same string, not rebuilt");

        auto.reset();
        auto.launch(bad, "step", 1);
        assertTrue(auto.executionMode().startsWith("Java (Aparapi fell back from OpenCL CPU"), auto.executionMode());

        auto.reset();
        auto.launch(good, "step", 1);
        auto.launch(bad, "step", 1);
        assertTrue(auto.executionMode().startsWith("OpenCL CPU: ") && auto.executionMode().contains(" + Java (Aparapi fell back"),
                auto.executionMode());

        auto.reset();
        auto.launch(good, "step", 1);
        auto.launch(bad, "other", 1);
        assertTrue(auto.executionMode().startsWith("mixed: step=OpenCL CPU: "), auto.executionMode());
        auto.reset();
        auto.launch(good, "step", 1);
        assertEquals(first, auto.executionMode(), "a kernel not launched in the latest evaluation no longer counts");
        good.dispose();
        bad.dispose();
    }

    private static ForceGatherKernel gather() {
        ForceGatherKernel k = new ForceGatherKernel();
        k.setExplicit(true);
        k.slotG = new double[3];
        k.rij = new double[3];
        k.start = new int[] {0, 0};
        k.entries = new int[1];
        k.forces = new double[3];
        k.atomVirial = new double[9];
        k.count = 1;
        k.put(k.slotG).put(k.rij).put(k.start).put(k.entries).put(k.forces).put(k.atomVirial);
        return k;
    }
}
