package org.dpspark.ingest.label;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpspark.core.Frame;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.ReaderRegistry;
import org.dpspark.ingest.read.RecordStream;

/** Reading a QM program's output with the ingest reader of its format: the last frame, labelled, or a failure. */
final class QmOutputs {
    private QmOutputs() {}

    /**
     * The last record of {@code out} read as {@code format}; it must be a frame with energy and forces.
     *
     * @param options reader options (e.g. {@code qe_input})
     * @throws LabelFailure PARSE_ERROR, MISSING_ENERGY, MISSING_FORCES or the reader's reject reason (e.g. UNCONVERGED)
     */
    static Frame last(Path out, String format, String dataset, Map<String, String> options) throws LabelFailure, IOException {
        ReadRecord last = null;
        try (RecordStream records = ReaderRegistry.get(format).read(InputSplit.whole(out.toString(), format),
                new ReadOptions(dataset, List.of(), Map.of(), options))) {
            while (records.hasNext()) last = records.next();
        } catch (RuntimeException e) {
            throw new LabelFailure(RejectReason.PARSE_ERROR, "cannot read " + out + " as " + format + ": " + e.getMessage());
        }
        if (last == null) throw new LabelFailure(RejectReason.PARSE_ERROR, out + " holds no frame (" + format + ")");
        if (!last.isFrame()) throw new LabelFailure(last.reject().reason(), out + ": " + last.reject().message());
        if (last.frame().energy() == null || last.frame().forces() == null) {
            throw new LabelFailure(last.frame().energy() == null ? RejectReason.MISSING_ENERGY : RejectReason.MISSING_FORCES,
                    out + " has no " + (last.frame().energy() == null ? "energy" : "forces"));
        }
        return last.frame();
    }
}
