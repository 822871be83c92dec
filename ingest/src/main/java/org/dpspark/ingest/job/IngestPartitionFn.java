package org.dpspark.ingest.job;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.dpspark.core.DataSplit;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.table.FrameRows;

/**
 * Executor side of ingest: the splits of a partition → frames-table rows, rejects into an accumulator
 * (deduplicated by id on the driver, so a retried task adds nothing twice).
 */
public final class IngestPartitionFn implements FlatMapFunction<Iterator<SplitTask>, Row> {
    private final DataSplit split;
    private final CollectionAccumulator<Reject> rejects;
    private final CollectionAccumulator<String> typeLabels;

    /**
     * @param split      train/valid/test fractions
     * @param rejects    receives every reject
     * @param typeLabels receives the distinct type labels of the frames written (once per partition)
     */
    public IngestPartitionFn(DataSplit split, CollectionAccumulator<Reject> rejects,
                             CollectionAccumulator<String> typeLabels) {
        this.split = split;
        this.rejects = rejects;
        this.typeLabels = typeLabels;
    }

    @Override
    public Iterator<Row> call(Iterator<SplitTask> tasks) {
        SplitRecords frames = new SplitRecords(tasks, rejects::add);
        Set<String> labels = new TreeSet<>();
        return new Iterator<>() {
            private boolean flushed;

            @Override
            public boolean hasNext() {
                boolean more = frames.hasNext();
                if (!more && !flushed) {
                    labels.forEach(typeLabels::add);
                    flushed = true;
                }
                return more;
            }

            @Override
            public Row next() {
                Frame f = frames.next();
                labels.addAll(Arrays.asList(f.typeLabels()));
                return FrameRows.toRow(f, split);
            }
        };
    }
}
