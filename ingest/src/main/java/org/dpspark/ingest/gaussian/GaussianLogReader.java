package org.dpspark.ingest.gaussian;

import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.RecordStream;
import org.dpspark.ingest.text.TextRecordParser;

/**
 * Gaussian log ({@code gaussian/log}): one frame per geometry with an SCF energy (see
 * {@link GaussianParser}). Units converted: Hartree → eV, Hartree/Bohr → eV/Å; coordinates are Å.
 */
public final class GaussianLogReader implements FrameReader {
    public static final String FORMAT = "gaussian/log";

    @Override
    public String format() {
        return FORMAT;
    }

    /** A Gaussian log starts with {@code Entering Gaussian System} and names {@code Gaussian, Inc.}. */
    @Override
    public boolean recognizes(InputProbe probe) {
        if (probe.isDirectory()) {
            return false;
        }
        String head = probe.headText();
        return head.contains("Entering Gaussian System") || (head.contains("Gaussian, Inc.") && head.contains("Entering Link 1"));
    }

    /** A gzip file ({@code OUTCAR.gz}, {@code run.log.gz}) is read through {@link org.dpspark.ingest.read.Decompression}. */
    @Override
    public boolean readsCompressed() {
        return true;
    }

    @Override
    public RecordStream read(InputSplit split, ReadOptions options) {
        return TextRecordParser.stream(split, options, FORMAT, GaussianParser::new);
    }
}
