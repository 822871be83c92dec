package org.dpspark.ingest.text;

import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;

/**
 * Names one split (dataset, file, format) so that parsers build frames and rejects with the right
 * provenance in one call.
 *
 * @param dataset    dataset name ({@link ReadOptions#dataset()})
 * @param sourceFile the split's path
 * @param format     reader format name
 */
public record RecordSink(String dataset, String sourceFile, String format) {

    public static RecordSink of(InputSplit split, ReadOptions options, String format) {
        return new RecordSink(options.dataset(), split.path(), format);
    }

    /** A builder with dataset, file and frame index filled in. */
    public Frame.Builder frame(int index) {
        return Frame.builder().dataset(dataset).sourceFile(sourceFile).sourceIndex(index);
    }

    /** A reject record; {@code line} ≤ 0 means unknown. */
    public ReadRecord reject(int index, int line, RejectReason reason, String message) {
        return ReadRecord.reject(new Reject(dataset, sourceFile, index, line > 0 ? line : null, format, reason, message));
    }

    /** A reject record from a parse failure. */
    public ReadRecord reject(int index, ParseFailure f) {
        return reject(index, f.line(), f.reason(), f.getMessage());
    }

    /**
     * Builds a frame, turning a shape error of {@link Frame.Builder#build()} into a SHAPE_MISMATCH reject
     * at {@code line}.
     */
    public ReadRecord build(Frame.Builder b, int index, int line) {
        try {
            return ReadRecord.frame(b.build());
        } catch (IllegalArgumentException e) {
            return reject(index, line, RejectReason.SHAPE_MISMATCH, String.valueOf(e.getMessage()));
        }
    }
}
