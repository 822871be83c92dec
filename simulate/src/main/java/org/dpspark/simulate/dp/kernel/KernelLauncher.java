package org.dpspark.simulate.dp.kernel;

import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the kernels of one evaluator on one device and records where each run actually happened, from the
 * kernel's own {@link WitnessKernel witness} (OpenCL or Java) and Aparapi's list of failed devices — never from
 * the requested device alone. A run elsewhere than requested is logged at WARN and, when the device kind is
 * required, is an error.
 */
final class KernelLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(KernelLauncher.class);
    /** Work-group multiple the global sizes are padded to. */
    static final int GROUP = 64;

    private final Device device;
    private final String requested;
    private final DeviceKind required;
    /** Mode per kernel name, in order of first launch; a kernel not launched in the latest evaluation has none. */
    private final Map<String, Observed> observed = new LinkedHashMap<>();
    private final Map<String, String> warned = new LinkedHashMap<>();
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    /** Count of {@link #reset()} calls: which evaluation a kernel's observed mode belongs to. */
    private int evaluation;
    /** {@link #executionMode()}'s string, rebuilt only when a kernel's mode changed (the MD loop asks every step). */
    private String mode = "";
    private boolean modeStale = true;

    /** Where one kernel ran in one evaluation. */
    private static final class Observed {
        String mode;
        int evaluation;
    }

    /** @param required the kind every run must have, or {@link DeviceKind#AUTO} for none */
    KernelLauncher(Device device, DeviceKind required) {
        this.device = device;
        this.requested = KernelDevices.describe(device);
        this.required = required;
    }

    Device device() { return device; }

    String requested() { return requested; }

    /** Starts a new evaluation's record (allocation-free: the MD loop calls it every step). */
    void reset() { evaluation++; }

    /**
     * Executes {@code k} over {@code count} work items (padded to a multiple of {@link #GROUP}) and records the
     * mode that ran.
     */
    void launch(WitnessKernel k, String name, int count) {
        k.witness[0] = Double.NaN;
        k.put(k.witness);
        if (device instanceof OpenCLDevice) {
            // any Aparapi fallback may only go to the Java thread pool, never to another OpenCL device
            KernelManager.instance().setPreferredDevices(k, new LinkedHashSet<>(List.of(device)));
        } else {
            KernelManager.instance().setPreferredDevices(k, new LinkedHashSet<>(List.of(JavaDevice.THREAD_POOL)));
        }
        int global = Math.max(GROUP, (count + GROUP - 1) / GROUP * GROUP);
        Range range = device.createRange(global);
        long t0 = System.nanoTime();
        k.execute(range);
        k.get(k.witness);
        nanos.merge(name, System.nanoTime() - t0, Long::sum);
        String mode = observe(k, name);
        record(name, mode);
        if (!mode.equals(requested)) {
            if (warned.put(name, mode) == null) {
                LOG.warn("Aparapi kernel {} was requested on '{}' but ran as '{}'", name, requested, mode);
            }
            if (required != DeviceKind.AUTO) {
                throw new IllegalStateException("kernel " + name + " must run on " + required + " (" + requested
                        + ") but ran as '" + mode + "'");
            }
        }
    }

    private String observe(WitnessKernel k, String name) {
        double w = k.witness[0];
        if (Double.isNaN(w)) throw new IllegalStateException("kernel " + name + " did not run (witness not written)");
        if (w == WitnessKernel.JAVA_WITNESS) {
            return device == JavaDevice.THREAD_POOL ? KernelDevices.JTP : "Java (Aparapi fell back from " + requested + ")";
        }
        if (w != WitnessKernel.OPENCL_WITNESS) {
            throw new IllegalStateException("kernel " + name + " wrote an unexpected witness " + w);
        }
        if (!(device instanceof OpenCLDevice)) return "OpenCL (unknown device; " + requested + " was requested)";
        if (KernelManager.instance().getPreferences(k).getFailedDevices().contains(device)) {
            return "OpenCL (unknown device; Aparapi marked " + requested + " as failed)";
        }
        return requested;
    }

    /** Records that kernel {@code name} ran as {@code mode} in this evaluation (two modes in one evaluation: "a + b"). */
    private void record(String name, String mode) {
        Observed o = observed.computeIfAbsent(name, n -> new Observed());
        String now = o.evaluation != evaluation || o.mode == null || o.mode.equals(mode) ? mode : o.mode + " + " + mode;
        o.evaluation = evaluation;
        if (!now.equals(o.mode)) {
            o.mode = now;
            modeStale = true;
        }
    }

    /**
     * The execution mode of the latest evaluation: one description when all kernels agree, else per kernel. The
     * same string object while nothing changed; rebuilt when a kernel's mode changes (e.g. a mid-run fallback).
     */
    String executionMode() {
        for (Observed o : observed.values()) {
            if (o.mode != null && o.evaluation != evaluation) { // not launched in the latest evaluation
                o.mode = null;
                modeStale = true;
            }
        }
        if (modeStale) {
            mode = describe();
            modeStale = false;
        }
        return mode;
    }

    private String describe() {
        Map<String, String> now = perKernel();
        LinkedHashSet<String> distinct = new LinkedHashSet<>(now.values());
        if (distinct.size() == 1) return distinct.iterator().next();
        StringBuilder sb = new StringBuilder("mixed:");
        now.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v).append(';'));
        return sb.toString();
    }

    /** Wall time per kernel name spent in execute (incl. the puts it flushes), ns, since construction. */
    Map<String, Long> nanosPerKernel() { return new LinkedHashMap<>(nanos); }

    /** Mode observed per kernel in the last evaluation. */
    Map<String, String> perKernel() {
        Map<String, String> m = new LinkedHashMap<>();
        observed.forEach((k, o) -> {
            if (o.mode != null && o.evaluation == evaluation) m.put(k, o.mode);
        });
        return m;
    }
}
