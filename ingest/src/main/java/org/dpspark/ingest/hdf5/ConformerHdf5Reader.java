package org.dpspark.ingest.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.Elements;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.Units;
import org.dpspark.core.UnsupportedUnitException;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;

/**
 * Reads an HDF5 collection of molecules with conformers (ANI-1x, SPICE; see {@link ConformerLayout}) with
 * io.jhdf. One split per top-level group, and groups of more than {@code split_frames} (option, default 5000)
 * conformers cut into ranges. Frames are molecules (no cell); {@code sourceFile} is {@code file#/group}
 * and {@code sourceIndex} the conformer index in the group. Units: the layout's defaults, overridden by
 * {@link ReadOptions#units()} ({@code length}, {@code energy}, {@code force}); converted with {@link Units}.
 * A missing energy or forces dataset gives null energy/forces (the ingest validator rejects those frames);
 * NaN values (ANI-1x marks missing labels with NaN) pass through. A group whose datasets disagree in shape is
 * one reject for the split.
 */
public class ConformerHdf5Reader implements FrameReader {

    private final ConformerLayout layout;

    public ConformerHdf5Reader(ConformerLayout layout) {
        this.layout = layout;
    }

    @Override
    public String format() {
        return layout.format();
    }

    /** HDF5 signature and a first top-level group holding the layout's atomic-number and coordinate datasets. */
    @Override
    public boolean recognizes(InputProbe probe) {
        if (probe.isDirectory() || !Hdf5Arrays.isHdf5(probe.head())) {
            return false;
        }
        try (HdfFile f = new HdfFile(probe.path())) {
            for (Node n : f.getChildren().values()) {
                if (n instanceof Group g) {
                    return g.getChildren().containsKey(layout.zKey()) && g.getChildren().containsKey(layout.coordKey());
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public List<InputSplit> plan(String path, ReadOptions options) throws IOException {
        int max = options.splitFrames();
        List<InputSplit> splits = new ArrayList<>();
        try (HdfFile f = new HdfFile(Path.of(path))) {
            List<String> names = new ArrayList<>(f.getChildren().keySet());
            names.sort(null);
            for (String name : names) {
                if (!(f.getChildren().get(name) instanceof Group g)) {
                    continue;
                }
                long n = conformers(g);
                if (n <= max) {
                    splits.add(new InputSplit(path, format(), "/" + name, 0, -1));
                } else {
                    for (long s = 0; s < n; s += max) {
                        splits.add(new InputSplit(path, format(), "/" + name, s, Math.min(n, s + max)));
                    }
                }
            }
        } catch (RuntimeException e) {
            return List.of(InputSplit.whole(path, format()));
        }
        return splits.isEmpty() ? List.of(InputSplit.whole(path, format())) : splits;
    }

    private long conformers(Group g) {
        try {
            Dataset c = Hdf5Arrays.dataset(g, layout.coordKey());
            return c == null ? 0 : Hdf5Arrays.shape(c)[0];
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }


    @Override
    public RecordStream read(InputSplit split, ReadOptions options) {
        String group = split.part();
        String source = group.isEmpty() ? split.path() : split.path() + "#" + group;
        List<ReadRecord> out = new ArrayList<>();
        HdfFile f = null;
        try {
            f = new HdfFile(Path.of(split.path()));
            List<String> groups = new ArrayList<>();
            if (group.isEmpty()) {
                f.getChildren().forEach((k, v) -> {
                    if (v instanceof Group) {
                        groups.add("/" + k);
                    }
                });
                groups.sort(null);
            } else {
                groups.add(group);
            }
            for (String g : groups) {
                String src = split.path() + "#" + g;
                try {
                    Node n = f.getByPath(g);
                    if (!(n instanceof Group grp)) {
                        throw new Problem(RejectReason.IO_ERROR, "no group " + g);
                    }
                    readGroup(grp, src, group.isEmpty() ? 0 : split.firstFrame(),
                            group.isEmpty() ? -1 : split.endFrame(), options, out);
                } catch (Problem e) {
                    out.add(reject(options, src, -1, e.reason, src + ": " + e.getMessage()));
                } catch (IOException | RuntimeException e) {
                    out.add(reject(options, src, -1, RejectReason.PARSE_ERROR, src + ": " + e.getMessage()));
                }
            }
        } catch (RuntimeException e) {
            out.add(reject(options, source, -1, RejectReason.PARSE_ERROR,
                    split.path() + ": not a readable HDF5 file: " + e.getMessage()));
        } finally {
            if (f != null) {
                f.close();
            }
        }
        return RecordStream.of(out);
    }

    private ReadRecord reject(ReadOptions o, String src, long index, RejectReason r, String msg) {
        return ReadRecord.reject(new Reject(o.dataset(), src, (int) index, null, format(), r, msg));
    }

    private void readGroup(Group g, String src, long first, long end, ReadOptions o, List<ReadRecord> out)
            throws Problem, IOException {
        double lengthF;
        double energyF;
        double forceF;
        try {
            lengthF = Units.lengthToAngstrom(o.unit("length", layout.lengthUnit()));
            energyF = Units.energyToEv(o.unit("energy", layout.energyUnit()));
            forceF = Units.forceToEvPerAngstrom(o.unit("force", layout.forceUnit()));
        } catch (UnsupportedUnitException e) {
            throw new Problem(RejectReason.UNSUPPORTED_UNIT, e.getMessage());
        }
        Dataset zd = Hdf5Arrays.dataset(g, layout.zKey());
        Dataset cd = Hdf5Arrays.dataset(g, layout.coordKey());
        if (zd == null || cd == null) {
            throw new Problem(RejectReason.PARSE_ERROR, "group lacks '" + layout.zKey() + "' or '"
                    + layout.coordKey() + "'");
        }
        int[] z = atomicNumbers(zd);
        int natoms = z.length;
        long[] cs = Hdf5Arrays.shape(cd);
        long nconf = cs.length == 0 ? 0 : cs[0];
        expect(cs, nconf, 3L * natoms, layout.coordKey());
        String eKey = o.option("energy_key", layout.energyKey());
        String fKey = o.option("forces_key", layout.forcesKey());
        Dataset ed = Hdf5Arrays.dataset(g, eKey);
        Dataset fd = Hdf5Arrays.dataset(g, fKey);
        if (ed != null) {
            expect(Hdf5Arrays.shape(ed), nconf, 1, eKey);
        }
        if (fd != null) {
            expect(Hdf5Arrays.shape(fd), nconf, 3L * natoms, fKey);
        }
        long stop = end < 0 ? nconf : Math.min(end, nconf);
        long from = Math.min(first, stop);
        double[] pos = Hdf5Arrays.rows(cd, from, stop);
        double[] energy = ed == null ? null : Hdf5Arrays.rows(ed, from, stop);
        double[] forces = fd == null ? null : Hdf5Arrays.rows(fd, from, stop);
        double fSign = layout.gradient() ? -forceF : forceF;
        for (long i = from; i < stop; i++) {
            int k = (int) (i - from);
            double[] p = new double[3 * natoms];
            double[] fo = forces == null ? null : new double[3 * natoms];
            for (int j = 0; j < 3 * natoms; j++) {
                p[j] = pos[k * 3 * natoms + j] * lengthF;
                if (fo != null) {
                    fo[j] = forces[k * 3 * natoms + j] * fSign;
                }
            }
            out.add(ReadRecord.frame(Frame.builder().dataset(o.dataset()).sourceFile(src).sourceIndex((int) i)
                    .atomicNumbers(z).positions(p).energy(energy == null ? null : energy[k] * energyF)
                    .forces(fo).build()));
        }
    }

    private static int[] atomicNumbers(Dataset zd) throws IOException, Problem {
        long[] zl = Hdf5Arrays.longs(zd);
        int[] z = new int[zl.length];
        for (int i = 0; i < z.length; i++) {
            if (zl[i] < 1 || zl[i] > Elements.count()) {
                throw new Problem(RejectReason.UNKNOWN_ELEMENT, "atomic number " + zl[i] + " of atom " + i);
            }
            z[i] = (int) zl[i];
        }
        if (z.length == 0) {
            throw new Problem(RejectReason.EMPTY_FILE, "no atoms");
        }
        return z;
    }

    private static void expect(long[] shape, long nconf, long width, String name) throws Problem {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        if (shape.length == 0 || shape[0] != nconf || size != nconf * width) {
            throw new Problem(RejectReason.SHAPE_MISMATCH, "'" + name + "' has shape " + java.util.Arrays.toString(shape)
                    + ", expected " + nconf + " conformers × " + width + " values");
        }
    }

    /** A group-level problem, one reject. */
    private static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        private final RejectReason reason;

        Problem(RejectReason reason, String message) {
            super(message);
            this.reason = reason;
        }
    }
}
