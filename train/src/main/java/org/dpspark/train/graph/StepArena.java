package org.dpspark.train.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A SameDiff session memory manager that keeps every op output array of a training step and hands the same arrays out
 * again in the next step (the shapes of a step repeat when the batch shape does).
 *
 * <p>Why: allocating fresh, zeroed pages for the op outputs was about half of a SameDiff training step, because
 * SameDiff M2.1's own {@code ArrayCacheMemoryMgr} caches only arrays released during the step; the activations kept
 * for the backward pass (most of them) are dropped at its end and reallocated by the next step
 * (measurements: docs/benchmarks.md#samediff-graph-path).
 *
 * <p>Contract: {@link #endStep()} may be called only once nothing computed in the step is referenced any more (the
 * caller copied the outputs and gradients it needs); then every array this manager handed out becomes reusable.
 * Arrays released by the session during the step are reused at once, as with the default manager. Memory held: the
 * arrays of the last step ({@link #bytes()}; sizes for a water frame in docs/benchmarks.md#samediff-graph-path), which
 * the default manager allocated anew every step.
 * One instance per session (per thread); not thread-safe.
 */
public final class StepArena extends AbstractMemoryMgr {
    private final Map<String, ArrayDeque<INDArray>> free = new HashMap<>();
    private final Map<INDArray, Boolean> out = new IdentityHashMap<>();
    private final Map<INDArray, Boolean> step = new IdentityHashMap<>();

    /**
     * Installs a new arena on {@code sd}'s session for the current thread (creating the session if needed) and
     * returns it.
     */
    public static StepArena install(SameDiff sd) {
        long tid = Thread.currentThread().getId();
        InferenceSession s = sd.getSessions().computeIfAbsent(tid, k -> new InferenceSession(sd));
        if (s.getMmgr() instanceof StepArena a) return a;
        StepArena a = new StepArena();
        s.setMmgr(a);
        return a;
    }

    private static String key(DataType dt, char order, long[] shape) {
        return dt + "/" + order + java.util.Arrays.toString(shape);
    }

    private INDArray take(DataType dt, char order, long[] shape) {
        ArrayDeque<INDArray> q = free.get(key(dt, order, shape));
        INDArray a = q == null ? null : q.poll();
        if (a == null) a = Nd4j.createUninitializedDetached(dt, order, shape);
        out.put(a, Boolean.TRUE);
        step.put(a, Boolean.TRUE);
        return a;
    }

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return take(dataType, 'c', shape);
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor d) {
        if (d.isEmpty()) return Nd4j.create(d);
        return take(d.dataType(), d.getOrder(), d.getShape());
    }

    @Override
    public void release(INDArray a) {
        if (out.remove(a) != null) give(a);
    }

    private void give(INDArray a) {
        free.computeIfAbsent(key(a.dataType(), a.ordering(), a.shape()), k -> new ArrayDeque<>()).add(a);
    }

    /**
     * Makes every array used in the step reusable and drops the arrays the step did not use (so memory stays at one
     * step's arrays when batch shapes change, e.g. systems with other atom counts; they are then freed by the GC).
     */
    public void endStep() {
        List<INDArray> all = new ArrayList<>(step.keySet());
        step.clear();
        out.clear();
        free.clear();
        for (INDArray a : all) give(a);
    }

    /** Bytes held (free and handed out). */
    public long bytes() {
        long b = 0;
        for (ArrayDeque<INDArray> q : free.values()) for (INDArray a : q) b += a.data().length() * a.dataType().width();
        for (INDArray a : out.keySet()) b += a.data().length() * a.dataType().width();
        return b;
    }

    @Override
    public void close() {
        free.clear();
        out.clear();
        step.clear();
    }
}
