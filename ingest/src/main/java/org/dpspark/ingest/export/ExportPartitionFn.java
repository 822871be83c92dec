package org.dpspark.ingest.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.dpspark.core.Frame;
import org.dpspark.core.table.FrameRows;

/**
 * Executor side of export: rows sorted by group (then source and index) → one output unit per group,
 * streamed (one frame, or one deepmd set, in memory at a time). Emits (group, path, frames) per unit.
 */
public final class ExportPartitionFn implements MapPartitionsFunction<Row, Row> {
    private final ExportFormat format;
    private final String outputDir;
    private final Map<String, String> paths;
    private final List<String> typeMap;
    private final int setSize;

    /** @param paths output path (relative to {@code outputDir}) of every group */
    public ExportPartitionFn(ExportFormat format, String outputDir, Map<String, String> paths, List<String> typeMap,
                             int setSize) {
        this.format = format;
        this.outputDir = outputDir;
        this.paths = Map.copyOf(paths);
        this.typeMap = List.copyOf(typeMap);
        this.setSize = setSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws IOException {
        ExportFormat.SET_SIZE.set(setSize);
        List<Row> units = new ArrayList<>();
        PeekingRows in = new PeekingRows(rows);
        while (in.hasNext()) {
            String group = in.peek().getString(in.peek().fieldIndex(ExportJob.GROUP));
            String rel = paths.get(group);
            Path target = OutputPaths.confine(Path.of(outputDir), rel);
            Files.createDirectories(target.getParent());
            Iterator<Frame> frames = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return in.hasNext() && in.peek().getString(in.peek().fieldIndex(ExportJob.GROUP)).equals(group);
                }

                @Override
                public Frame next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return FrameRows.fromRow(in.next());
                }
            };
            try {
                long n = format.write(frames, target, typeMap);
                units.add(RowFactory.create(group, rel, n));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return units.iterator();
    }

    /** An iterator with one row of look-ahead. */
    private static final class PeekingRows implements Iterator<Row> {
        private final Iterator<Row> it;
        private Row next;

        PeekingRows(Iterator<Row> it) {
            this.it = it;
            this.next = it.hasNext() ? it.next() : null;
        }

        Row peek() {
            return next;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Row next() {
            Row r = next;
            next = it.hasNext() ? it.next() : null;
            return r;
        }
    }
}
