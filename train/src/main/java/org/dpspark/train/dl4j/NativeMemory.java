package org.dpspark.train.dl4j;

import java.lang.reflect.Method;
import org.bytedeco.javacpp.Pointer;

/**
 * Keeps a DL4J training process's resident memory bounded. ND4J (1.0.0-M2.1, CPU) allocates every array's buffer with
 * the C library's malloc and frees it only when the Java GC has collected the array's handle; a training step leaves
 * far more such garbage than the Java heap grows by (small handles), so collections are rare. And after a collection
 * glibc keeps most of the freed memory in its per-thread arenas instead of returning it to the system. JavaCPP's
 * {@code maxphysicalbytes} counts that resident size (and it is what the kernel's OOM killer sees), so a process could
 * fail while using a fraction of it (measurements: docs/benchmarks.md#dl4j-spark-engine).
 *
 * <p>{@link #reclaim} checks the resident size (JavaCPP's {@link Pointer#physicalBytes()}, ~µs) and, above a budget,
 * returns the freed memory ({@code malloc_trim}), then if still above collects garbage and trims again. Training
 * workers call it after every step (dl4j-spark: {@link ReclaimHook}; engine rdd: {@code RoundTask}), the dl4j-spark
 * driver after every round.
 *
 * <p>Not fixed by this: with DL4J's own SameDiff vertex, DL4J's network path kept some native memory per training
 * step that no collection or trim returns; with {@link DeepPotGraphVertex} (arena-backed, no memory manager per call)
 * long runs show no trend (measurements: docs/benchmarks.md#dl4j-spark-engine).
 */
public final class NativeMemory {
    private NativeMemory() {}

    /** Fraction of JavaCPP's {@code maxphysicalbytes} kept as the resident budget (headroom for one round's peak). */
    public static final double BUDGET_FRACTION = 0.6;

    private static final Method TRIM = trimMethod();
    /** Headroom above the resident size left by the last collection before the next one (bounds GC frequency). */
    private static final long HEADROOM = 1L << 30;
    private static long collections, trims, afterLast;

    /** The resident budget, bytes: {@link #BUDGET_FRACTION} of JavaCPP's limit (by default 2× the maximum heap). */
    public static long budget() {
        long max = Pointer.maxPhysicalBytes();
        if (max <= 0) max = 2 * Runtime.getRuntime().maxMemory() + (2L << 30);
        return (long) (BUDGET_FRACTION * max);
    }

    /**
     * Brings the resident size under {@code budget} bytes when it is above: malloc_trim, then a full GC, ND4J's
     * deallocator threads' turn (they free collected buffers asynchronously), and malloc_trim again.
     *
     * @return true when it had to act
     */
    public static synchronized boolean reclaim(long budget) {
        // When memory that no collection frees has pushed the floor above the budget (DL4J's network path with its own
        // SameDiff vertex; docs/benchmarks.md#dl4j-spark-engine), collect only once garbage has grown by HEADROOM above
        // that floor.
        long limit = afterLast > budget ? afterLast + HEADROOM : budget;
        if (Pointer.physicalBytes() <= limit) return false;
        trim();
        if (Pointer.physicalBytes() <= limit) return true;
        System.gc();
        collections++;
        for (int i = 0; i < 10; i++) { // up to 0.5 s for ND4J's deallocator threads
            sleep(50);
            trim();
            if (Pointer.physicalBytes() <= budget) break;
        }
        afterLast = Pointer.physicalBytes();
        return true;
    }

    /** Returns the memory the C library holds free to the system (glibc malloc_trim(0)); false when unavailable. */
    public static boolean trim() {
        if (TRIM == null) return false;
        try {
            trims++;
            return (Boolean) TRIM.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Full collections forced by {@link #reclaim} in this JVM so far. */
    public static synchronized long collections() { return collections; }

    private static Method trimMethod() {
        try { // JavaCPP 1.5.7 has malloc_trim as a private native Pointer.trimMemory() (called from its own GC loop)
            Method m = Pointer.class.getDeclaredMethod("trimMemory");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
