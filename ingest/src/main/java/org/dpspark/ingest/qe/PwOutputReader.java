package org.dpspark.ingest.qe;

import java.io.IOException;
import java.nio.file.Path;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.RecordStream;
import org.dpspark.ingest.text.ParseFailure;
import org.dpspark.ingest.text.TextRecordParser;

/**
 * Quantum ESPRESSO pw.x output ({@code qe/pw}): one frame per converged SCF (see {@link PwParser}).
 * Units converted: Ry → eV, Ry/Bohr → eV/Å, Bohr/alat → Å, stress kbar → virial eV (= +σ·V).
 * Reader option {@code qe_input}: the input file to take the structure from when the output lacks it
 * (default: the output's name with "out" replaced by "in", as dpdata pairs them).
 */
public final class PwOutputReader implements FrameReader {
    public static final String FORMAT = "qe/pw";

    @Override
    public String format() {
        return FORMAT;
    }

    /** pw.x prints {@code Program PWSCF} in its banner. */
    @Override
    public boolean recognizes(InputProbe probe) {
        return !probe.isDirectory() && probe.headText().contains("Program PWSCF");
    }

    /** A gzip file ({@code OUTCAR.gz}, {@code run.log.gz}) is read through {@link org.dpspark.ingest.read.Decompression}. */
    @Override
    public boolean readsCompressed() {
        return true;
    }

    @Override
    public RecordStream read(InputSplit split, ReadOptions options) {
        String explicit = options.option("qe_input", null);
        Path input;
        try {
            input = explicit != null ? Path.of(explicit) : PwInput.besides(Path.of(split.path()));
        } catch (RuntimeException e) {
            input = null; // an unusable path: the output is opened (and fails) below, or the fallback reports it
        }
        Path pairedInput = input;
        return TextRecordParser.stream(split, options, FORMAT, (in, sink) -> new PwParser(in, sink, () -> {
            try {
                return PwInput.read(pairedInput);
            } catch (IOException e) {
                throw new ParseFailure(org.dpspark.core.RejectReason.IO_ERROR, 0, "cannot read input " + pairedInput + ": " + e);
            }
        }));
    }
}
