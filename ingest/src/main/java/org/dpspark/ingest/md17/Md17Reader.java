package org.dpspark.ingest.md17;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpspark.core.Elements;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.Units;
import org.dpspark.core.UnsupportedUnitException;
import org.dpspark.ingest.npy.NpyHeader;
import org.dpspark.ingest.npy.NpzReader;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;

/**
 * {@code md17}: an MD17 or rMD17 {@code .npz} trajectory of one molecule ({@link Md17Keys}). Positions Å,
 * energies kcal/mol, forces kcal/mol/Å, as both datasets publish them; override with
 * {@link ReadOptions#units()} ({@code length}, {@code energy}, {@code force}). Frames are molecules (no cell).
 * Plan: frame ranges of at most {@code split_frames} (option, default 5000); each split inflates its archive
 * entries and skips the rows before its range, so memory is bounded by the range. Arrays whose frame counts
 * or atom counts disagree reject the split; a missing energy or forces array gives null energy/forces.
 */
public final class Md17Reader implements FrameReader {

    public static final String FORMAT = "md17";

    @Override
    public String format() {
        return FORMAT;
    }

    /** A zip (PK magic) whose entries include an MD17 or rMD17 coordinate and atomic-number array. */
    @Override
    public boolean recognizes(InputProbe probe) {
        if (probe.isDirectory() || !probe.startsWith(new byte[] {'P', 'K', 3, 4})) {
            return false;
        }
        try (NpzReader z = new NpzReader(probe.path())) {
            return Md17Keys.detect(z.keys()) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public List<InputSplit> plan(String path, ReadOptions options) {
        int max = options.splitFrames();
        long n;
        try (NpzReader z = new NpzReader(Path.of(path))) {
            Md17Keys k = Md17Keys.detect(z.keys());
            n = k == null ? 0 : z.header(k.coords()).rows();
        } catch (IOException | RuntimeException e) {
            n = 0;
        }
        if (n <= max) {
            return List.of(InputSplit.whole(path, FORMAT));
        }
        List<InputSplit> splits = new ArrayList<>();
        for (long s = 0; s < n; s += max) {
            splits.add(new InputSplit(path, FORMAT, "", s, Math.min(n, s + max)));
        }
        return splits;
    }


    @Override
    public RecordStream read(InputSplit split, ReadOptions options) {
        List<ReadRecord> out = new ArrayList<>();
        String src = split.path();
        try (NpzReader z = new NpzReader(Path.of(src))) {
            readInto(z, split, options, out);
        } catch (UnsupportedUnitException e) {
            out.add(reject(options, src, -1, RejectReason.UNSUPPORTED_UNIT, e.getMessage()));
        } catch (Problem e) {
            out.add(reject(options, src, split.firstFrame() == 0 ? -1 : split.firstFrame(), e.reason,
                    src + ": " + e.getMessage()));
        } catch (IOException | RuntimeException e) {
            out.add(reject(options, src, split.firstFrame() == 0 ? -1 : split.firstFrame(), RejectReason.PARSE_ERROR,
                    e.getMessage()));
        }
        return RecordStream.of(out);
    }

    private static void readInto(NpzReader z, InputSplit split, ReadOptions o, List<ReadRecord> out)
            throws IOException, Problem {
        double lengthF = Units.lengthToAngstrom(o.unit("length", "A"));
        double energyF = Units.energyToEv(o.unit("energy", "kcal/mol"));
        double forceF = Units.forceToEvPerAngstrom(o.unit("force", "kcal/mol/A"));
        Md17Keys k = Md17Keys.detect(z.keys());
        if (k == null) {
            throw new Problem(RejectReason.UNRECOGNIZED_FORMAT, "no MD17 (R, z) or rMD17 (coords, nuclear_charges) "
                    + "arrays; has " + z.keys());
        }
        int[] zs = atomicNumbers(z.read(k.z()).values());
        int n = zs.length;
        NpyHeader rh = z.header(k.coords());
        long nframes = rh.rows();
        check(rh, nframes, 3L * n, k.coords());
        boolean hasE = z.has(k.energy());
        boolean hasF = z.has(k.forces());
        if (hasE) {
            check(z.header(k.energy()), nframes, 1, k.energy());
        }
        if (hasF) {
            check(z.header(k.forces()), nframes, 3L * n, k.forces());
        }
        long stop = split.endFrame() < 0 ? nframes : Math.min(split.endFrame(), nframes);
        long from = Math.min(split.firstFrame(), stop);
        double[] r = z.readRows(k.coords(), from, stop).values();
        double[] e = hasE ? z.readRows(k.energy(), from, stop).values() : null;
        double[] f = hasF ? z.readRows(k.forces(), from, stop).values() : null;
        for (long i = from; i < stop; i++) {
            int row = (int) (i - from);
            double[] p = Arrays.copyOfRange(r, row * 3 * n, (row + 1) * 3 * n);
            double[] fo = f == null ? null : Arrays.copyOfRange(f, row * 3 * n, (row + 1) * 3 * n);
            for (int j = 0; j < 3 * n; j++) {
                p[j] *= lengthF;
                if (fo != null) {
                    fo[j] *= forceF;
                }
            }
            out.add(ReadRecord.frame(Frame.builder().dataset(o.dataset()).sourceFile(split.path())
                    .sourceIndex((int) i).atomicNumbers(zs).positions(p)
                    .energy(e == null ? null : e[row] * energyF).forces(fo).build()));
        }
    }

    private static int[] atomicNumbers(double[] v) throws Problem {
        int[] z = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || v[i] < 1 || v[i] > Elements.count()) {
                throw new Problem(RejectReason.UNKNOWN_ELEMENT, "atomic number " + v[i] + " of atom " + i);
            }
            z[i] = (int) v[i];
        }
        if (z.length == 0) {
            throw new Problem(RejectReason.EMPTY_FILE, "no atoms");
        }
        return z;
    }

    private static void check(NpyHeader h, long nframes, long width, String key) throws Problem {
        if (h.ndim() == 0 || h.rows() != nframes || h.size() != nframes * width) {
            throw new Problem(RejectReason.SHAPE_MISMATCH, "'" + key + "' has shape " + Arrays.toString(h.shape())
                    + ", expected " + nframes + " frames × " + width + " values");
        }
    }

    private static ReadRecord reject(ReadOptions o, String src, long index, RejectReason r, String msg) {
        return ReadRecord.reject(new Reject(o.dataset(), src, (int) index, null, FORMAT, r, msg));
    }

    /** A file-level problem, one reject. */
    private static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        private final RejectReason reason;

        Problem(RejectReason reason, String message) {
            super(message);
            this.reason = reason;
        }
    }
}
