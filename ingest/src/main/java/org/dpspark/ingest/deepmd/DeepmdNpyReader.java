package org.dpspark.ingest.deepmd;

import java.nio.file.Path;
import java.util.List;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.RecordStream;

/**
 * {@code deepmd/npy}: a DeePMD-kit system folder ({@code type.raw}, optional {@code type_map.raw} and
 * {@code nopbc}, {@code set.*}/{@code coord.npy, box.npy, energy.npy, force.npy, virial.npy, fparam.npy,
 * aparam.npy}, float32 or float64), as DeePMD-kit and dpdata read it. Values are already Å, eV, eV/Å and
 * virial eV. A split's {@code part} is a set name. A set without {@code energy.npy} or {@code force.npy}
 * yields frames whose energy or forces are null (the ingest validator rejects them), as dpdata treats
 * them as optional labels. See {@link StoreReading} for splitting, numbering and rejects, {@link SetLayout}
 * for array shapes.
 */
public final class DeepmdNpyReader implements FrameReader {

    public static final String FORMAT = "deepmd/npy";

    @Override
    public String format() {
        return FORMAT;
    }

    /** A folder with {@code type.raw} and at least one {@code set.*} entry. */
    @Override
    public boolean recognizes(InputProbe probe) {
        return probe.isDirectory() && probe.children().contains("type.raw")
                && probe.children().stream().anyMatch(n -> n.startsWith("set."));
    }

    @Override
    public List<InputSplit> plan(String path, ReadOptions options) {
        return StoreReading.plan(new NpyDirStore(Path.of(path)), path, FORMAT, "", options);
    }

    @Override
    public RecordStream read(InputSplit split, ReadOptions options) {
        FrameAssembler.Context ctx = new FrameAssembler.Context(options.dataset(), split.path(), FORMAT);
        return StoreReading.read(new NpyDirStore(Path.of(split.path())), split.part(), split.firstFrame(),
                split.endFrame(), ctx, options, () -> { });
    }
}
