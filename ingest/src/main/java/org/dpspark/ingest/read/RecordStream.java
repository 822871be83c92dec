package org.dpspark.ingest.read;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A lazy stream of records from one split, to be closed by the caller. Memory is bounded by one
 * frame (or one split's arrays for binary formats), never by the file.
 */
public interface RecordStream extends Iterator<ReadRecord>, Closeable {

    /** A stream over records already in memory (for small files). */
    static RecordStream of(List<ReadRecord> records) {
        Iterator<ReadRecord> it = records.iterator();
        return new RecordStream() {
            @Override public boolean hasNext() { return it.hasNext(); }
            @Override public ReadRecord next() { return it.next(); }
            @Override public void close() {}
        };
    }

    /**
     * A stream driven by a generator that returns the next record or null at the end; {@code onClose}
     * releases resources.
     */
    static RecordStream generate(Generator next, Closeable onClose) {
        return new RecordStream() {
            private ReadRecord pending;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (pending == null && !done) {
                    try {
                        pending = next.next();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    done = pending == null;
                }
                return pending != null;
            }

            @Override
            public ReadRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ReadRecord r = pending;
                pending = null;
                return r;
            }

            @Override
            public void close() throws IOException {
                onClose.close();
            }
        };
    }

    /** Produces the next record, or null at the end. */
    @FunctionalInterface
    interface Generator {
        ReadRecord next() throws IOException;
    }
}
