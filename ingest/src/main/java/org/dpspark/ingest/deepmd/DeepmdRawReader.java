package org.dpspark.ingest.deepmd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;

/**
 * {@code deepmd/raw}: a folder of text files, one frame per line ({@code coord.raw} natoms×3 Å,
 * {@code box.raw} 9 Å, {@code energy.raw} eV, {@code force.raw} natoms×3 eV/Å, {@code virial.raw} 9 eV,
 * {@code fparam.raw}, {@code aparam.raw}) plus {@code type.raw}, {@code type_map.raw} and {@code nopbc} as in
 * deepmd/npy (dpdata's {@code to_deepmd_raw}). The whole folder is one split (raw systems are small; the files
 * are parsed into memory). A line that is not numbers or has the wrong count of values rejects that frame
 * (with its line number); files with different frame counts reject the system. A missing
 * {@code energy.raw}/{@code force.raw} gives frames with null energy/forces.
 */
public final class DeepmdRawReader implements FrameReader {

    public static final String FORMAT = "deepmd/raw";

    private static final List<String> FILES = List.of("coord", "box", "energy", "force", "virial", "fparam", "aparam");

    @Override
    public String format() {
        return FORMAT;
    }

    /** A folder with {@code coord.raw} (and no {@code set.*}, which deepmd/npy claims first). */
    @Override
    public boolean recognizes(InputProbe probe) {
        return probe.isDirectory() && probe.children().contains("coord.raw");
    }

    @Override
    public RecordStream read(InputSplit split, ReadOptions options) {
        FrameAssembler.Context ctx = new FrameAssembler.Context(options.dataset(), split.path(), FORMAT);
        Path dir = Path.of(split.path());
        List<ReadRecord> out = new ArrayList<>();
        try {
            DeepmdSystem sys = NpyDirStore.systemOf(dir, options);
            Map<String, List<RawText.Row>> rows = new LinkedHashMap<>();
            for (String name : FILES) {
                Path p = dir.resolve(name + ".raw");
                if (Files.isRegularFile(p) && !(name.equals("box") && sys.nopbc())) {
                    rows.put(name, RawText.rows(p));
                }
            }
            checkCounts(dir, sys, rows);
            int n = rows.get("coord").size();
            for (int i = 0; i < n; i++) {
                out.add(frame(ctx, sys, rows, i));
            }
        } catch (SystemProblem e) {
            out.add(ctx.reject(-1, null, e.reason(), e.getMessage()));
        } catch (IOException | RuntimeException e) {
            out.add(ctx.reject(-1, null, RejectReason.IO_ERROR, dir + ": " + e.getMessage()));
        }
        return RecordStream.of(out);
    }

    private static void checkCounts(Path dir, DeepmdSystem sys, Map<String, List<RawText.Row>> rows)
            throws SystemProblem {
        if (!rows.containsKey("coord")) {
            throw new SystemProblem(RejectReason.PARSE_ERROR, dir + " has no coord.raw");
        }
        if (!sys.nopbc() && !rows.containsKey("box")) {
            throw new SystemProblem(RejectReason.SHAPE_MISMATCH, dir + " has no box.raw and no nopbc marker");
        }
        int n = rows.get("coord").size();
        if (n == 0) {
            throw new SystemProblem(RejectReason.EMPTY_FILE, dir + "/coord.raw has no frames");
        }
        for (Map.Entry<String, List<RawText.Row>> e : rows.entrySet()) {
            if (e.getValue().size() != n) {
                throw new SystemProblem(RejectReason.SHAPE_MISMATCH, dir + ": " + e.getKey() + ".raw has "
                        + e.getValue().size() + " frames (lines) but coord.raw has " + n);
            }
        }
    }

    private static ReadRecord frame(FrameAssembler.Context ctx, DeepmdSystem sys,
                                    Map<String, List<RawText.Row>> rows, int i) {
        long n = sys.natoms();
        Map<String, double[]> v = new LinkedHashMap<>();
        for (Map.Entry<String, List<RawText.Row>> e : rows.entrySet()) {
            RawText.Row r = e.getValue().get(i);
            String where = e.getKey() + ".raw line " + r.line();
            if (r.error() != null) {
                return ctx.reject(i, r.line(), RejectReason.PARSE_ERROR, where + ": " + r.error());
            }
            long expected = switch (e.getKey()) {
                case "coord", "force" -> 3 * n;
                case "box", "virial" -> 9;
                case "energy" -> 1;
                case "aparam" -> r.values().length % n == 0 && r.values().length > 0 ? r.values().length : -n;
                default -> r.values().length > 0 ? r.values().length : -1;
            };
            if (r.values().length != expected) {
                return ctx.reject(i, r.line(), RejectReason.SHAPE_MISMATCH, where + ": " + r.values().length
                        + " values, expected " + (expected < 0 ? "a positive multiple of " + (-expected) : expected)
                        + " for " + n + " atoms");
            }
            v.put(e.getKey(), r.values());
        }
        return FrameAssembler.build(ctx, sys, i, null, v.get("coord"), v.get("box"),
                v.containsKey("energy") ? v.get("energy")[0] : null, v.get("force"), v.get("virial"),
                v.get("fparam"), v.get("aparam"));
    }
}
