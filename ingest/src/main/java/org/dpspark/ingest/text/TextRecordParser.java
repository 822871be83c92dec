package org.dpspark.ingest.text;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;

/**
 * Base of the line-oriented QM output parsers: a lazy generator of records over one file.
 *
 * <p>A subclass implements {@link #advance()}, which reads lines and {@link #emit emits} zero or more
 * records, returning false at the end of the file. This class guarantees the reader contract: nothing
 * thrown by {@code advance()} escapes {@link #next()}. A {@link ParseFailure} or an unexpected runtime
 * error that {@code advance()} did not handle itself becomes one reject for the rest of the file (index
 * {@link #restIndex()}), an {@link IOException} one IO_ERROR reject; an empty file one EMPTY_FILE reject;
 * a file that yielded no record at all one PARSE_ERROR reject saying so.
 */
public abstract class TextRecordParser implements RecordStream.Generator {
    protected final LineSource in;
    protected final RecordSink sink;
    private final ArrayDeque<ReadRecord> queue = new ArrayDeque<>();
    private boolean finished;
    private int emitted;

    protected TextRecordParser(LineSource in, RecordSink sink) {
        this.in = in;
        this.sink = sink;
    }

    /** Reads on and emits records; returns false when the file is exhausted (after emitting what is left). */
    protected abstract boolean advance() throws IOException;

    /** Index to give a reject covering the rest of the file after a fatal error (default -1, whole file). */
    protected int restIndex() {
        return -1;
    }

    /** What the file should contain, for the "no record" message (e.g. "VASP ionic step"). */
    protected abstract String recordName();

    protected final void emit(ReadRecord r) {
        queue.add(r);
        emitted++;
    }

    @Override
    public final ReadRecord next() {
        while (queue.isEmpty() && !finished) {
            try {
                if (in.lineNumber() == 0 && in.peek() == null) {
                    emit(sink.reject(-1, 0, RejectReason.EMPTY_FILE, "file is empty"));
                    finished = true;
                    break;
                }
                if (!advance()) {
                    finished = true;
                    if (emitted == 0) {
                        emit(sink.reject(-1, in.lineNumber(), RejectReason.PARSE_ERROR,
                                "no complete " + recordName() + " found in " + in.lineNumber() + " lines"));
                    }
                }
            } catch (ParseFailure f) {
                emit(sink.reject(restIndex(), f.line() > 0 ? f.line() : in.lineNumber(), f.reason(),
                        f.getMessage() + "; rest of file skipped"));
                finished = true;
            } catch (IOException e) {
                emit(sink.reject(restIndex(), in.lineNumber(), RejectReason.IO_ERROR,
                        "read failed after line " + in.lineNumber() + ": " + e));
                finished = true;
            } catch (RuntimeException e) {
                emit(sink.reject(restIndex(), in.lineNumber(), RejectReason.PARSE_ERROR,
                        "unexpected content near line " + in.lineNumber() + ": " + e + "; rest of file skipped"));
                finished = true;
            }
        }
        return queue.poll();
    }

    /**
     * A record stream over a file parsed by the parser {@code factory} makes; a file that cannot be opened
     * becomes one IO_ERROR reject instead of an exception.
     */
    public static RecordStream stream(InputSplit split, ReadOptions options, String format,
                                      java.util.function.BiFunction<LineSource, RecordSink, TextRecordParser> factory) {
        RecordSink sink = RecordSink.of(split, options, format);
        LineSource src;
        try {
            src = LineSource.open(Path.of(split.path()));
        } catch (NoSuchFileException e) {
            return RecordStream.of(java.util.List.of(sink.reject(-1, 0, RejectReason.IO_ERROR, "no such file: " + split.path())));
        } catch (IOException | RuntimeException e) {
            return RecordStream.of(java.util.List.of(sink.reject(-1, 0, RejectReason.IO_ERROR, "cannot open: " + e)));
        }
        TextRecordParser p = factory.apply(src, sink);
        return RecordStream.generate(p, src);
    }
}
