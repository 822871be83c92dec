package org.dpspark.ingest.job;

import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.dpspark.core.DataSplit;
import org.dpspark.core.Reject;
import org.dpspark.core.table.FrameRows;

/**
 * Executor side of ingest: the splits of a partition → frames-table rows, rejects into an accumulator
 * (deduplicated by id on the driver, so a retried task adds nothing twice).
 */
public final class IngestPartitionFn implements FlatMapFunction<Iterator<SplitTask>, Row> {
    private final DataSplit split;
    private final CollectionAccumulator<Reject> rejects;

    public IngestPartitionFn(DataSplit split, CollectionAccumulator<Reject> rejects) {
        this.split = split;
        this.rejects = rejects;
    }

    @Override
    public Iterator<Row> call(Iterator<SplitTask> tasks) {
        SplitRecords frames = new SplitRecords(tasks, rejects::add);
        return new Iterator<>() {
            @Override public boolean hasNext() { return frames.hasNext(); }
            @Override public Row next() { return FrameRows.toRow(frames.next(), split); }
        };
    }
}
