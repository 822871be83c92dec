package org.dpspark.ingest.vasp;

import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.RecordStream;
import org.dpspark.ingest.text.TextRecordParser;

/**
 * VASP OUTCAR ({@code vasp/outcar}): one frame per ionic step (single point, relaxation or MD).
 * Units as printed: Å, eV, eV/Å; the stress "in kB" becomes the virial in eV. Parsing rules in
 * {@link OutcarParser}, species in {@link VaspSpecies} (header, else a POSCAR beside the file, else the
 * type map of the read options), virial sign in {@link VaspStress}.
 */
public final class OutcarReader implements FrameReader {
    public static final String FORMAT = "vasp/outcar";

    @Override
    public String format() {
        return FORMAT;
    }

    /** An OUTCAR starts with the {@code vasp.X.Y.Z} version line and lists {@code POTCAR:} lines. */
    @Override
    public boolean recognizes(InputProbe probe) {
        if (probe.isDirectory()) {
            return false;
        }
        String head = probe.headText();
        return head.stripLeading().startsWith("vasp.") && head.contains("POTCAR:");
    }

    /** A gzip file ({@code OUTCAR.gz}, {@code run.log.gz}) is read through {@link org.dpspark.ingest.read.Decompression}. */
    @Override
    public boolean readsCompressed() {
        return true;
    }

    @Override
    public RecordStream read(InputSplit split, ReadOptions options) {
        return TextRecordParser.stream(split, options, FORMAT,
                (in, sink) -> new OutcarParser(in, sink, options.typeMap()));
    }
}
