package org.dpspark.ingest.deepmd;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;

/**
 * Planning and reading of set-based systems (deepmd/npy folders and deepmd/hdf5 groups).
 *
 * <p>Plan: one split per {@code set.*}, and sets of more than {@code split_frames} frames (option, default
 * 5000) cut into ranges of at most that many frames. A system that cannot be resolved (no type.raw, no type
 * map, no sets) is planned as one split whose read yields one reject.
 *
 * <p>Numbering: {@code sourceIndex} is a frame's index across all sets of the system in sorted order (the
 * frames of set.000 first). A set-level problem (mismatched frame counts, wrong widths, damaged array) is
 * one reject for the split's frame range, {@code sourceIndex} = its first frame; a system-level problem is
 * one reject with {@code sourceIndex} -1.
 */
final class StoreReading {
    private StoreReading() {}

    /** Default of the {@code split_frames} option. */

    /**
     * @param partPrefix prepended to set names in {@link InputSplit#part()} (an HDF5 group path + "/", or "")
     */
    static List<InputSplit> plan(SystemStore store, String path, String format, String partPrefix,
                                 ReadOptions options) {
        int max = options.splitFrames();
        String whole = partPrefix.isEmpty() ? "" : partPrefix.substring(0, partPrefix.length() - 1);
        List<String> sets;
        try {
            store.system(options);
            sets = store.sets();
        } catch (SystemProblem | IOException | RuntimeException e) {
            return List.of(new InputSplit(path, format, whole, 0, -1));
        }
        if (sets.isEmpty()) {
            return List.of(new InputSplit(path, format, whole, 0, -1));
        }
        List<InputSplit> splits = new ArrayList<>();
        for (String set : sets) {
            long n = store.frameCountForNumbering(set);
            if (n <= max) {
                splits.add(new InputSplit(path, format, partPrefix + set, 0, -1));
            } else {
                for (long s = 0; s < n; s += max) {
                    splits.add(new InputSplit(path, format, partPrefix + set, s, Math.min(n, s + max)));
                }
            }
        }
        return splits;
    }


    /**
     * Reads one set's range, or all sets when {@code set} is empty; never throws for bad content.
     *
     * @param end one past the last frame within the set, or -1 for the set's end
     */
    static RecordStream read(SystemStore store, String set, long first, long end, FrameAssembler.Context ctx,
                             ReadOptions options, Closeable onClose) {
        DeepmdSystem sys;
        List<String> sets;
        try {
            sys = store.system(options);
            sets = store.sets();
        } catch (SystemProblem e) {
            return single(ctx.reject(-1, null, e.reason(), e.getMessage()), onClose);
        } catch (IOException | RuntimeException e) {
            return single(ctx.reject(-1, null, RejectReason.IO_ERROR, store.location() + ": " + e.getMessage()),
                    onClose);
        }
        if (sets.isEmpty()) {
            return single(ctx.reject(-1, null, RejectReason.EMPTY_FILE, store.location()
                    + ": the system has no set.* parts"), onClose);
        }
        if (!set.isEmpty() && !sets.contains(set)) {
            return single(ctx.reject(-1, null, RejectReason.IO_ERROR, store.location() + " has no " + set), onClose);
        }
        List<String> todo = set.isEmpty() ? sets : List.of(set);
        long[] offsets = new long[sets.size()];
        for (int i = 1; i < sets.size(); i++) {
            offsets[i] = offsets[i - 1] + store.frameCountForNumbering(sets.get(i - 1));
        }
        return RecordStream.generate(new RecordStream.Generator() {
            private int k = -1;
            private RecordStream.Generator current;

            @Override
            public ReadRecord next() throws IOException {
                while (true) {
                    if (current != null) {
                        ReadRecord r = current.next();
                        if (r != null) {
                            return r;
                        }
                    }
                    if (++k >= todo.size()) {
                        return null;
                    }
                    String s = todo.get(k);
                    current = openSet(store, sys, s, offsets[sets.indexOf(s)],
                            set.isEmpty() ? 0 : first, set.isEmpty() ? -1 : end, ctx);
                }
            }
        }, onClose);
    }

    private static RecordStream.Generator openSet(SystemStore store, DeepmdSystem sys, String set, long offset,
                                                  long first, long end, FrameAssembler.Context ctx) {
        SetLayout layout;
        try {
            layout = SetLayout.of(store, sys, set);
        } catch (SystemProblem e) {
            String range = end < 0 ? (first == 0 ? "" : " (frames from " + first + ")")
                    : " (frames " + first + ".." + (end - 1) + ")";
            ReadRecord[] one = {ctx.reject(offset + first, null, e.reason(), sys.location() + ": " + e.getMessage()
                    + range)};
            return () -> {
                ReadRecord r = one[0];
                one[0] = null;
                return r;
            };
        }
        long stop = end < 0 ? layout.frames() : Math.min(end, layout.frames());
        return new SetFrameStream(store, sys, layout, offset, Math.min(first, stop), stop, ctx);
    }

    private static RecordStream single(ReadRecord r, Closeable onClose) {
        ReadRecord[] one = {r};
        return RecordStream.generate(() -> {
            ReadRecord x = one[0];
            one[0] = null;
            return x;
        }, onClose);
    }
}
