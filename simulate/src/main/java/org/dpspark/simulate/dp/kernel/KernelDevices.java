package org.dpspark.simulate.dp.kernel;

import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Device discovery and naming for the kernels. */
public final class KernelDevices {
    private static final Logger LOG = LoggerFactory.getLogger(KernelDevices.class);
    /** Name of the Java thread-pool mode in {@code executionMode} strings. */
    public static final String JTP = "JTP: Aparapi Java thread pool";

    private KernelDevices() {}

    /** OpenCL devices of a type; empty when no OpenCL platform (libOpenCL.so.1 + an ICD) is installed. */
    public static List<OpenCLDevice> openCl(Device.TYPE type) {
        try {
            List<OpenCLDevice> l = OpenCLDevice.listDevices(type);
            return l == null ? List.of() : l;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            LOG.warn("listing OpenCL {} devices failed: {}", type, e.toString());
            return List.of();
        }
    }

    /** All OpenCL devices, described (for error messages). */
    public static String inventory() {
        StringBuilder sb = new StringBuilder();
        for (Device.TYPE t : new Device.TYPE[] {Device.TYPE.GPU, Device.TYPE.CPU, Device.TYPE.ACC}) {
            for (OpenCLDevice d : openCl(t)) sb.append(sb.length() == 0 ? "" : "; ").append(describe(d));
        }
        return sb.length() == 0 ? "no OpenCL device" : sb.toString();
    }

    /**
     * The device for a kind.
     *
     * @throws IllegalStateException when a required kind (GPU, OPENCL_CPU) has no device
     */
    public static Device select(DeviceKind kind) {
        switch (kind) {
            case JTP:
                return JavaDevice.THREAD_POOL;
            case GPU: {
                List<OpenCLDevice> g = openCl(Device.TYPE.GPU);
                if (g.isEmpty()) throw new IllegalStateException("DeviceKind.GPU required but there is no OpenCL GPU (" + inventory() + ")");
                return g.get(0);
            }
            case OPENCL_CPU: {
                List<OpenCLDevice> c = openCl(Device.TYPE.CPU);
                if (c.isEmpty()) {
                    throw new IllegalStateException("DeviceKind.OPENCL_CPU required but there is no OpenCL CPU device ("
                            + inventory() + "); on Debian/Ubuntu: apt-get install pocl-opencl-icd ocl-icd-libopencl1");
                }
                return c.get(0);
            }
            default: {
                List<OpenCLDevice> g = openCl(Device.TYPE.GPU);
                if (!g.isEmpty()) return g.get(0);
                List<OpenCLDevice> c = openCl(Device.TYPE.CPU);
                if (!c.isEmpty()) {
                    LOG.warn("no OpenCL GPU: Deep Potential kernels run on the OpenCL CPU device {}", describe(c.get(0)));
                    return c.get(0);
                }
                LOG.warn("no OpenCL device at all: Deep Potential kernels run on Aparapi's Java thread pool");
                return JavaDevice.THREAD_POOL;
            }
        }
    }

    /** E.g. {@code "OpenCL CPU: Portable Computing Language / pthread-skylake-avx512-AMD EPYC"}, or {@link #JTP}. */
    public static String describe(Device d) {
        if (d instanceof OpenCLDevice o) {
            return "OpenCL " + o.getType() + ": " + o.getOpenCLPlatform().getName() + " / " + o.getName();
        }
        if (d == JavaDevice.THREAD_POOL) return JTP;
        return "Java: " + d.getShortDescription();
    }

    /** Whether a described mode is of the given kind. */
    public static boolean isKind(String mode, DeviceKind kind) {
        return switch (kind) {
            case GPU -> mode.startsWith("OpenCL GPU:");
            case OPENCL_CPU -> mode.startsWith("OpenCL CPU:");
            case JTP -> mode.equals(JTP);
            case AUTO -> true;
        };
    }
}
