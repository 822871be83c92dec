package org.dpspark.ingest.cp2k;

import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.RecordStream;
import org.dpspark.ingest.text.TextRecordParser;

/**
 * CP2K output ({@code cp2k/output}), CP2K 6.1 to 2025 line formats (see {@link Cp2kParser},
 * {@link Cp2kBlocks}). Units converted: Hartree → eV, Ha/Bohr → eV/Å, stress GPa (or bar) → virial eV.
 */
public final class Cp2kOutputReader implements FrameReader {
    public static final String FORMAT = "cp2k/output";

    @Override
    public String format() {
        return FORMAT;
    }

    /** CP2K's banner lines start with {@code CP2K|}. */
    @Override
    public boolean recognizes(InputProbe probe) {
        return !probe.isDirectory() && probe.headText().contains(" CP2K| version string:");
    }

    /** A gzip file ({@code OUTCAR.gz}, {@code run.log.gz}) is read through {@link org.dpspark.ingest.read.Decompression}. */
    @Override
    public boolean readsCompressed() {
        return true;
    }

    @Override
    public RecordStream read(InputSplit split, ReadOptions options) {
        return TextRecordParser.stream(split, options, FORMAT, Cp2kParser::new);
    }
}
