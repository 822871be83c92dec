package org.dpspark.ingest.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every reader dpspark knows, by format name. Adding a format is one class plus one line here.
 * Detection ({@code --format auto}) asks the readers in this order; more specific formats come first.
 */
public final class ReaderRegistry {
    private ReaderRegistry() {}

    private static final Map<String, FrameReader> READERS = new LinkedHashMap<>();

    static {
        // Register readers here, most specific first: binary containers by magic bytes, then folders,
        // then the QM codes' text outputs by their banners, then extxyz (an atom count on the first line).
        register(new org.dpspark.ingest.deepmd.DeepmdHdf5Reader());
        register(new org.dpspark.ingest.hdf5.Ani1xReader());
        register(new org.dpspark.ingest.hdf5.SpiceReader());
        register(new org.dpspark.ingest.md17.Md17Reader());
        register(new org.dpspark.ingest.deepmd.DeepmdNpyReader());
        register(new org.dpspark.ingest.deepmd.DeepmdRawReader());
        register(new org.dpspark.ingest.vasp.OutcarReader());
        register(new org.dpspark.ingest.vasp.VasprunReader());
        register(new org.dpspark.ingest.qe.PwOutputReader());
        register(new org.dpspark.ingest.cp2k.Cp2kOutputReader());
        register(new org.dpspark.ingest.gaussian.GaussianLogReader());
        register(new org.dpspark.ingest.extxyz.ExtxyzReader());
    }

    private static void register(FrameReader r) {
        READERS.put(r.format(), r);
    }

    /** All format names, in detection order. */
    public static List<String> formats() {
        return new ArrayList<>(READERS.keySet());
    }

    /** The reader of a format name; throws naming the known formats when unknown. */
    public static FrameReader get(String format) {
        FrameReader r = READERS.get(format);
        if (r == null) {
            throw new IllegalArgumentException("unknown format '" + format + "'; known: " + String.join(", ", formats()));
        }
        return r;
    }

    /** The first reader that recognises the input by content, if any (a gzip file only by readers that read gzip). */
    public static Optional<FrameReader> detect(InputProbe probe) {
        for (FrameReader r : READERS.values()) {
            if (probe.compressed() && !r.readsCompressed()) {
                continue;
            }
            try {
                if (r.recognizes(probe)) {
                    return Optional.of(r);
                }
            } catch (RuntimeException e) {
                // A detector must not throw; treat it as "not mine" and let the others try.
            }
        }
        return Optional.empty();
    }
}
