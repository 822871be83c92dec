package org.dpspark.train.kernel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One {@link DeepPotKernel} per training thread and model architecture, reused across the networks and graphs a
 * worker builds (dl4j-spark rebuilds a worker's network every averaging round; a kernel's buffers, ~0.1 GB for a
 * 192-atom water frame with the water-example net, would otherwise be allocated again every round and freed only by
 * the GC). At most two architectures per thread are kept (training and an ensemble member, say).
 */
public final class KernelCache {
    private KernelCache() {}

    private static final ThreadLocal<Map<String, DeepPotKernel>> CACHE = ThreadLocal.withInitial(() -> new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DeepPotKernel> e) {
            if (size() <= 2) return false;
            e.getValue().close();
            return true;
        }
    });

    /** The current thread's kernel for {@code key} (a model's architecture), created by {@code make} when absent. */
    public static DeepPotKernel get(String key, Supplier<DeepPotKernel> make) {
        return CACHE.get().computeIfAbsent(key, k -> make.get());
    }
}
