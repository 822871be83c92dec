package org.dpspark.ingest.deepmd;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dpspark.core.RejectReason;

/**
 * The checked layout of one {@code set.*}: its frame count (rows of {@code coord}) and, per array present,
 * the values per frame. DeePMD-kit reshapes every array to {@code (nframes, -1)}, so only the total size
 * matters, not the stored shape: {@code energy} may be {@code (nframes,)} or {@code (nframes, 1)}, and an
 * {@code aparam} stored as {@code (1, nframes*natoms*k)} (Be-multiset) is read as {@code k} values per atom.
 *
 * <p>Widths: coord 3n, box 9, energy 1, force 3n, virial 9, fparam k ≥ 1, aparam n·k (k ≥ 1).
 * A {@code box} is ignored in a {@code nopbc} system; other files (e.g. {@code atomic_dipole.npy}) are ignored.
 *
 * @param set    set name, e.g. {@code set.001}
 * @param frames frames in the set
 * @param widths values per frame by array name ({@code coord}, {@code box}, …), only arrays present
 */
record SetLayout(String set, long frames, Map<String, Long> widths) {

    boolean has(String name) {
        return widths.containsKey(name);
    }

    long width(String name) {
        return widths.get(name);
    }

    /** Checks the arrays of a set against the system's atom count and each other. */
    static SetLayout of(SystemStore store, DeepmdSystem sys, String set) throws SystemProblem {
        long n = sys.natoms();
        Map<String, Long> w = new LinkedHashMap<>();
        long[] coord = shape(store, set, "coord");
        if (coord == null) {
            throw new SystemProblem(RejectReason.PARSE_ERROR, set + " has no coord.npy");
        }
        if (coord.length == 0) {
            throw new SystemProblem(RejectReason.SHAPE_MISMATCH, set + "/coord.npy is a scalar, expected (nframes, "
                    + 3 * n + ")");
        }
        long frames = coord[0];
        long coordWidth = frames == 0 ? 3 * n : size(coord) / frames;
        if (coordWidth != 3 * n) {
            throw new SystemProblem(RejectReason.SHAPE_MISMATCH, set + "/coord.npy has shape " + Arrays.toString(coord)
                    + ": " + coordWidth + " values per frame, expected " + 3 * n + " (3 × " + n
                    + " atoms of type.raw)");
        }
        w.put("coord", coordWidth);
        if (!sys.nopbc()) {
            if (shape(store, set, "box") == null) {
                throw new SystemProblem(RejectReason.SHAPE_MISMATCH, set
                        + " has no box.npy and the system has no nopbc marker");
            }
            fixed(store, set, "box", frames, 9, w);
        }
        fixed(store, set, "energy", frames, 1, w);
        fixed(store, set, "force", frames, 3 * n, w);
        fixed(store, set, "virial", frames, 9, w);
        free(store, set, "fparam", frames, 1, w);
        free(store, set, "aparam", frames, n, w);
        return new SetLayout(set, frames, w);
    }

    private static void fixed(SystemStore store, String set, String name, long frames, long width,
                              Map<String, Long> w) throws SystemProblem {
        long[] s = shape(store, set, name);
        if (s == null) {
            return;
        }
        long size = size(s);
        if (size != frames * width) {
            String rows = s.length == 0 ? "a scalar" : s[0] + " rows";
            throw new SystemProblem(RejectReason.SHAPE_MISMATCH, set + "/" + name + ".npy has shape "
                    + Arrays.toString(s) + " (" + rows + ", " + size + " values) but coord.npy has " + frames
                    + " frames: expected " + frames + " × " + width + " values");
        }
        w.put(name, width);
    }

    private static void free(SystemStore store, String set, String name, long frames, long unit,
                             Map<String, Long> w) throws SystemProblem {
        long[] s = shape(store, set, name);
        if (s == null) {
            return;
        }
        long size = size(s);
        if (frames == 0) {
            w.put(name, unit);
            return;
        }
        if (size == 0 || size % (frames * unit) != 0) {
            throw new SystemProblem(RejectReason.SHAPE_MISMATCH, set + "/" + name + ".npy has shape "
                    + Arrays.toString(s) + " (" + size + " values), not a multiple of " + frames + " frames"
                    + (unit > 1 ? " × " + unit + " atoms" : ""));
        }
        w.put(name, size / frames);
    }

    private static long[] shape(SystemStore store, String set, String name) throws SystemProblem {
        try {
            return store.shape(set, name);
        } catch (IOException | RuntimeException e) {
            throw new SystemProblem(RejectReason.PARSE_ERROR, e.getMessage());
        }
    }

    private static long size(long[] shape) {
        long s = 1;
        for (long d : shape) {
            s *= d;
        }
        return s;
    }
}
