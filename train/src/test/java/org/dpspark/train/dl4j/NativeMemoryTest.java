package org.dpspark.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J arrays that became garbage hold their native memory until a GC, and glibc keeps it resident after the free:
 * {@link NativeMemory#reclaim} gives it back to the system (the dl4j-spark path's unbounded resident size,
 * docs/stack.md#nd4j-openblas-and-native-memory).
 */
class NativeMemoryTest {
    @Test
    void reclaimReturnsTheMemoryOfGarbageArraysToTheSystem() {
        Nd4j.create(DataType.DOUBLE, 8).addi(1); // load ND4J before the baseline
        // A clean baseline: earlier tests in this JVM leave freed memory in malloc's arenas, which the arrays below
        // would reuse without growing the resident size.
        NativeMemory.reclaim(0);
        long rss0 = Pointer.physicalBytes();
        long bytes = 0;
        for (int i = 0; i < 6000; i++) { // 6000 × 64 KB arrays (malloc's arena sizes, not mmap), dropped at once
            INDArray a = Nd4j.create(DataType.DOUBLE, 8192).addi(i);
            bytes += a.length() * 8;
        }
        long rss1 = Pointer.physicalBytes();
        assertTrue(rss1 > rss0 + bytes / 2, "the garbage arrays are resident: " + rss0 / 1e6 + " → " + rss1 / 1e6 + " MB");
        assertTrue(NativeMemory.reclaim(rss0 + bytes / 4), "above the budget: reclaim acts");
        long rss2 = Pointer.physicalBytes();
        // Other threads of the JVM (JIT, GC) may allocate a little meanwhile: ask that 3/4 of the garbage be returned.
        assertTrue(rss2 < rss1 - 3 * bytes / 4, "resident " + rss0 / 1e6 + " → " + rss1 / 1e6 + " → " + rss2 / 1e6 + " MB");
        assertTrue(!NativeMemory.reclaim(Long.MAX_VALUE), "under the budget: nothing to do");
    }
}
