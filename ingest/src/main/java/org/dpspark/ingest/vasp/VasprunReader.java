package org.dpspark.ingest.vasp;

import org.dpspark.ingest.read.Decompression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.RecordStream;
import org.dpspark.ingest.text.RecordSink;

/**
 * VASP vasprun.xml ({@code vasp/vasprun}): one frame per {@code <calculation>}, streamed with StAX
 * (see {@link VasprunParser}). Units: Å, eV, eV/Å; stress kB → virial eV ({@link VaspStress}).
 */
public final class VasprunReader implements FrameReader {
    public static final String FORMAT = "vasp/vasprun";

    @Override
    public String format() {
        return FORMAT;
    }

    /** A vasprun.xml has the {@code <modeling>} root and a generator naming vasp. */
    @Override
    public boolean recognizes(InputProbe probe) {
        if (probe.isDirectory()) {
            return false;
        }
        String head = probe.headText();
        return head.contains("<modeling>") && head.contains("<generator>") && head.contains("vasp");
    }

    @Override
    public RecordStream read(InputSplit split, ReadOptions options) {
        RecordSink sink = RecordSink.of(split, options, FORMAT);
        InputStream in = null;
        try {
            in = Decompression.open(Path.of(split.path()));
            if (Files.size(Path.of(split.path())) == 0) {
                in.close();
                return RecordStream.of(List.of(sink.reject(-1, 0, RejectReason.EMPTY_FILE, "file is empty")));
            }
            VasprunParser p = new VasprunParser(in, sink);
            InputStream opened = in;
            return RecordStream.generate(p, () -> {
                try {
                    p.close();
                } finally {
                    opened.close();
                }
            });
        } catch (XMLStreamException e) {
            closeQuietly(in);
            return RecordStream.of(List.of(sink.reject(-1, 0, RejectReason.PARSE_ERROR, "not XML: " + e.getMessage())));
        } catch (IOException | RuntimeException e) {
            closeQuietly(in);
            return RecordStream.of(List.of(sink.reject(-1, 0, RejectReason.IO_ERROR, "cannot open: " + e)));
        }
    }

    @Override
    public boolean readsCompressed() {
        return true;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // already failing; the reject names the first error
            }
        }
    }
}
