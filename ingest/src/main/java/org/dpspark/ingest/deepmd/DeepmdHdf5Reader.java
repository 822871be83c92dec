package org.dpspark.ingest.deepmd;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.hdf5.Hdf5Arrays;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;

/**
 * {@code deepmd/hdf5}: an HDF5 file holding one or more DeePMD systems as groups (see {@link Hdf5GroupStore}),
 * read with io.jhdf. Splits are per system and set (and frame range, {@code split_frames}); a split's
 * {@code part} is {@code /group/path/set.NNN}. Frames' {@code sourceFile} is {@code file#/group/path}
 * (DeePMD-kit's notation) so that frames of different systems in one file stay distinct, and
 * {@code sourceIndex} counts across the sets of that system.
 */
public final class DeepmdHdf5Reader implements FrameReader {

    public static final String FORMAT = "deepmd/hdf5";
    private static final int MAX_DEPTH = 32;

    @Override
    public String format() {
        return FORMAT;
    }

    /** HDF5 signature and a group (at most 3 levels down) with a {@code type.raw} dataset. */
    @Override
    public boolean recognizes(InputProbe probe) {
        if (probe.isDirectory() || !Hdf5Arrays.isHdf5(probe.head())) {
            return false;
        }
        try (HdfFile f = new HdfFile(probe.path())) {
            List<Group> systems = new ArrayList<>();
            Hdf5GroupStore.findSystems(f, systems, 3);
            return !systems.isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public List<InputSplit> plan(String path, ReadOptions options) throws IOException {
        options.splitFrames();
        List<InputSplit> splits = new ArrayList<>();
        try (HdfFile f = new HdfFile(Path.of(path))) {
            List<Group> systems = new ArrayList<>();
            Hdf5GroupStore.findSystems(f, systems, MAX_DEPTH);
            for (Group g : systems) {
                splits.addAll(StoreReading.plan(new Hdf5GroupStore(path, g), path, FORMAT,
                        Hdf5GroupStore.pathOf(g) + "/", options));
            }
        } catch (RuntimeException e) {
            return List.of(InputSplit.whole(path, FORMAT));
        }
        return splits.isEmpty() ? List.of(InputSplit.whole(path, FORMAT)) : splits;
    }

    @Override
    public RecordStream read(InputSplit split, ReadOptions options) {
        FrameAssembler.Context fileCtx = new FrameAssembler.Context(options.dataset(), split.path(), FORMAT);
        HdfFile f;
        try {
            f = new HdfFile(Path.of(split.path()));
        } catch (RuntimeException e) {
            return RecordStream.of(List.of(fileCtx.reject(-1, null, RejectReason.PARSE_ERROR,
                    split.path() + ": not a readable HDF5 file: " + e.getMessage())));
        }
        try {
            String part = split.part();
            if (part.isEmpty()) {
                return wholeFile(f, split.path(), fileCtx, options);
            }
            int slash = part.lastIndexOf('/');
            String last = part.substring(slash + 1);
            boolean isSet = last.startsWith("set.");
            String groupPath = isSet ? part.substring(0, slash) : part;
            Node n = groupPath.isEmpty() ? f : f.getByPath(groupPath);
            if (!(n instanceof Group g)) {
                f.close();
                return RecordStream.of(List.of(fileCtx.reject(-1, null, RejectReason.IO_ERROR,
                        split.path() + " has no group " + groupPath)));
            }
            Hdf5GroupStore store = new Hdf5GroupStore(split.path(), g);
            FrameAssembler.Context ctx = new FrameAssembler.Context(options.dataset(), store.location(), FORMAT);
            return StoreReading.read(store, isSet ? last : "", split.firstFrame(), split.endFrame(), ctx, options,
                    f::close);
        } catch (RuntimeException e) {
            f.close();
            return RecordStream.of(List.of(fileCtx.reject(-1, null, RejectReason.PARSE_ERROR,
                    split.path() + ": " + e.getMessage())));
        }
    }

    private static RecordStream wholeFile(HdfFile f, String path, FrameAssembler.Context fileCtx,
                                          ReadOptions options) {
        List<Group> systems = new ArrayList<>();
        Hdf5GroupStore.findSystems(f, systems, MAX_DEPTH);
        if (systems.isEmpty()) {
            f.close();
            return RecordStream.of(List.of(fileCtx.reject(-1, null, RejectReason.UNRECOGNIZED_FORMAT,
                    path + ": no group with a type.raw dataset (not a deepmd/hdf5 file)")));
        }
        return RecordStream.generate(new RecordStream.Generator() {
            private int k = -1;
            private RecordStream current;

            @Override
            public ReadRecord next() throws IOException {
                while (current == null || !current.hasNext()) {
                    if (++k >= systems.size()) {
                        return null;
                    }
                    Hdf5GroupStore store = new Hdf5GroupStore(path, systems.get(k));
                    current = StoreReading.read(store, "", 0, -1, new FrameAssembler.Context(options.dataset(),
                            store.location(), FORMAT), options, () -> { });
                }
                return current.next();
            }
        }, f::close);
    }
}
