package org.dpspark.ingest.deepmd;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;

/**
 * Frames {@code [from, to)} of one checked set, read lazily in chunks of a few hundred frames so memory is
 * bounded by a chunk's arrays. If an array cannot be read mid-way, the rest of the range becomes one reject.
 */
final class SetFrameStream implements RecordStream.Generator {
    /** Values per chunk and array, at most (bounds memory for big systems). */
    private static final long CHUNK_VALUES = 1 << 21;

    private final SystemStore store;
    private final DeepmdSystem sys;
    private final SetLayout layout;
    private final long offset;
    private final long to;
    private final FrameAssembler.Context ctx;
    private final long chunkFrames;
    private final Map<String, double[]> chunk = new HashMap<>();
    private long next;
    private long chunkStart;
    private long chunkEnd;
    private boolean failed;

    /**
     * @param offset global index of the set's first frame in the system (frames of earlier sets)
     * @param from   first frame within the set
     * @param to     one past the last frame within the set
     */
    SetFrameStream(SystemStore store, DeepmdSystem sys, SetLayout layout, long offset, long from, long to,
                   FrameAssembler.Context ctx) {
        this.store = store;
        this.sys = sys;
        this.layout = layout;
        this.offset = offset;
        this.next = from;
        this.to = to;
        this.ctx = ctx;
        this.chunkFrames = Math.max(1, Math.min(512, CHUNK_VALUES / Math.max(1, layout.width("coord"))));
        this.chunkStart = from;
        this.chunkEnd = from;
    }

    @Override
    public ReadRecord next() {
        if (failed || next >= to) {
            return null;
        }
        if (next >= chunkEnd) {
            try {
                load(next, Math.min(to, next + chunkFrames));
            } catch (IOException | RuntimeException e) {
                failed = true;
                return ctx.reject(offset + next, null, RejectReason.PARSE_ERROR, layout.set() + " frames " + next
                        + ".." + (to - 1) + " of " + sys.location() + " unreadable: " + e.getMessage());
            }
        }
        long i = next++;
        return FrameAssembler.build(ctx, sys, offset + i, null, row("coord", i), row("box", i),
                energy(i), row("force", i), row("virial", i), row("fparam", i), row("aparam", i));
    }

    private void load(long from, long end) throws IOException {
        chunk.clear();
        for (String name : layout.widths().keySet()) {
            long w = layout.width(name);
            chunk.put(name, store.readFlat(layout.set(), name, from * w, end * w));
        }
        chunkStart = from;
        chunkEnd = end;
    }

    private double[] row(String name, long i) {
        double[] a = chunk.get(name);
        if (a == null) {
            return null;
        }
        int w = (int) layout.width(name);
        int p = (int) (i - chunkStart) * w;
        return Arrays.copyOfRange(a, p, p + w);
    }

    private Double energy(long i) {
        double[] a = chunk.get("energy");
        return a == null ? null : a[(int) (i - chunkStart)];
    }
}
