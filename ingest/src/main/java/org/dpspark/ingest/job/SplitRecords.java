package org.dpspark.ingest.job;

import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.ReaderRegistry;
import org.dpspark.ingest.read.RecordStream;

/**
 * The good frames of a sequence of splits, read lazily one after the other; every reject (from the
 * reader or from {@link FrameValidator}) goes to {@code rejects}. A reader that fails (I/O error, or an
 * exception out of its iterator, which is a reader bug) ends its split with one reject that says so;
 * the frames it returned before are kept. Pure Java: used by the Spark job and by tests directly.
 */
public final class SplitRecords implements Iterator<Frame> {
    private final Iterator<SplitTask> tasks;
    private final Consumer<Reject> rejects;
    private SplitTask task;
    private RecordStream stream;
    private int lastIndex;
    private Frame pending;

    public SplitRecords(Iterator<SplitTask> tasks, Consumer<Reject> rejects) {
        this.tasks = tasks;
        this.rejects = rejects;
    }

    @Override
    public boolean hasNext() {
        while (pending == null) {
            if (stream == null && !openNext()) {
                return false;
            }
            pending = pull();
        }
        return true;
    }

    @Override
    public Frame next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Frame f = pending;
        pending = null;
        return f;
    }

    private boolean openNext() {
        while (tasks.hasNext()) {
            task = tasks.next();
            lastIndex = -1;
            FrameReader reader = ReaderRegistry.get(task.split().format());
            try {
                stream = reader.read(task.split(), task.options());
                return true;
            } catch (IOException | RuntimeException e) {
                rejects.accept(splitReject(RejectReason.IO_ERROR, "cannot read: " + describe(e)));
            }
        }
        return false;
    }

    /** The next good frame of the open stream, or null (closing the stream) when it ends. */
    private Frame pull() {
        try {
            while (stream.hasNext()) {
                ReadRecord r = stream.next();
                if (!r.isFrame()) {
                    rejects.accept(r.reject());
                    continue;
                }
                Frame f = r.frame();
                lastIndex = f.sourceIndex();
                Optional<Reject> bad = FrameValidator.check(f, task.split().format());
                if (bad.isPresent()) {
                    rejects.accept(bad.get());
                    continue;
                }
                return f;
            }
        } catch (RuntimeException e) {
            rejects.accept(splitReject(RejectReason.PARSE_ERROR,
                    "reader stopped after frame " + lastIndex + ": " + describe(e)));
        }
        closeStream();
        return null;
    }

    private void closeStream() {
        try {
            stream.close();
        } catch (IOException e) {
            rejects.accept(splitReject(RejectReason.IO_ERROR, "close failed: " + describe(e)));
        }
        stream = null;
    }

    private Reject splitReject(RejectReason reason, String message) {
        String part = task.split().part().isEmpty() ? "" : " [" + task.split().part() + "]";
        return new Reject(task.options().dataset(), task.split().path(), lastIndex < 0 ? -1 : lastIndex + 1, null,
                task.split().format(), reason, message + part);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
