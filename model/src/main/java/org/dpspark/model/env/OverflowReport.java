package org.dpspark.model.env;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Mergeable account of neighbours beyond {@code sel} (Serializable, for Spark aggregation).
 * Per neighbour type t: frames and atoms that overflowed, neighbours dropped, the largest true
 * neighbour count seen, and the worst frame (largest count; the smallest id among ties) by id.
 */
public final class OverflowReport implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] sel;
    private final long[] frames;
    private final long[] atoms;
    private final long[] dropped;
    private final int[] maxCount;
    private final String[] worstFrame;
    private long framesSeen;

    public OverflowReport(int[] sel) {
        this.sel = sel.clone();
        int t = sel.length;
        frames = new long[t];
        atoms = new long[t];
        dropped = new long[t];
        maxCount = new int[t];
        worstFrame = new String[t];
    }

    /** Adds one frame's environment matrices (computed with the same sel). */
    public OverflowReport add(String frameId, SeAFrame f) {
        framesSeen++;
        for (int t = 0; t < sel.length; t++) {
            int m = f.maxCount(t);
            if (f.atomsOverflowed[t] > 0) {
                frames[t]++;
                atoms[t] += f.atomsOverflowed[t];
                dropped[t] += f.neighboursDropped[t];
            }
            if (worse(m, frameId, t)) {
                maxCount[t] = m;
                worstFrame[t] = frameId;
            }
        }
        return this;
    }

    /** Merges another partial report into this one (returns this). */
    public OverflowReport merge(OverflowReport o) {
        if (!Arrays.equals(sel, o.sel)) {
            throw new IllegalArgumentException("cannot merge reports for sel " + Arrays.toString(sel) + " and " + Arrays.toString(o.sel));
        }
        framesSeen += o.framesSeen;
        for (int t = 0; t < sel.length; t++) {
            frames[t] += o.frames[t];
            atoms[t] += o.atoms[t];
            dropped[t] += o.dropped[t];
            if (o.worstFrame[t] != null && worse(o.maxCount[t], o.worstFrame[t], t)) {
                maxCount[t] = o.maxCount[t];
                worstFrame[t] = o.worstFrame[t];
            }
        }
        return this;
    }

    /**
     * Whether (count, frameId) beats the current worst frame of type t: a larger count, or the same
     * count and a smaller id, so the result does not depend on the order frames or partitions arrive.
     */
    private boolean worse(int count, String frameId, int t) {
        if (worstFrame[t] == null || count > maxCount[t]) return true;
        return count == maxCount[t] && frameId.compareTo(worstFrame[t]) < 0;
    }

    public boolean overflowed() {
        for (long a : atoms) if (a > 0) return true;
        return false;
    }

    public long framesSeen() { return framesSeen; }
    public long framesOverflowed(int t) { return frames[t]; }
    public long atomsOverflowed(int t) { return atoms[t]; }
    public long neighboursDropped(int t) { return dropped[t]; }
    /** Largest number of type-t neighbours of one atom over all frames. */
    public int maxCount(int t) { return maxCount[t]; }
    /** Id of the frame with the largest type-t neighbour count (the worst one when overflowing). */
    public String worstFrame(int t) { return worstFrame[t]; }

    /** One line per overflowing type, or "no neighbour overflow". */
    public String message() {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < sel.length; t++) {
            if (atoms[t] == 0) continue;
            sb.append(String.format("sel[%d]=%d too small: up to %d neighbours of type %d (worst frame %s); "
                    + "%d atoms in %d of %d frames lost %d neighbours%n",
                    t, sel[t], maxCount[t], t, worstFrame[t], atoms[t], frames[t], framesSeen, dropped[t]));
        }
        return sb.length() == 0 ? "no neighbour overflow (sel " + Arrays.toString(sel) + ")" : sb.toString().trim();
    }

    @Override
    public String toString() { return message(); }
}
