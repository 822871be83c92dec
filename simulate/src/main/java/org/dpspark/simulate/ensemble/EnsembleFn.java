package org.dpspark.simulate.ensemble;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.dpspark.core.DataSplit;

/**
 * The function over partitions of the ensemble job: for each {@link TrajectorySpec} of the partition (one per
 * partition as the job parallelizes them), a lazy iterator of staged rows (see {@link EnsembleRows}): the dumped
 * frames as the trajectory advances, then its summary and RDF. Spark pulls rows one at a time, so a task holds
 * one frame however long its trajectory. A re-run task recomputes the same trajectory bitwise.
 */
public final class EnsembleFn {
    private EnsembleFn() {}

    public static Iterator<Row> call(Iterator<TrajectorySpec> specs) {
        return new Iterator<>() {
            private TrajectoryRun run;
            private DataSplit split;
            private final ArrayDeque<Row> tail = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (true) {
                    if (!tail.isEmpty()) {
                        return true;
                    }
                    if (run != null) {
                        if (run.hasNext()) {
                            return true;
                        }
                        tail.add(EnsembleRows.staged(EnsembleRows.SUMMARY, EnsembleRows.summaryRow(run)));
                        Row rdf = EnsembleRows.rdfRow(run);
                        if (rdf != null) {
                            tail.add(EnsembleRows.staged(EnsembleRows.RDF, rdf));
                        }
                        run = null;
                        continue;
                    }
                    if (!specs.hasNext()) {
                        return false;
                    }
                    TrajectorySpec spec = specs.next();
                    split = spec.settings().split();
                    run = new TrajectoryRun(spec);
                }
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (!tail.isEmpty()) {
                    return tail.poll();
                }
                return EnsembleRows.staged(EnsembleRows.FRAME, EnsembleRows.frameRow(run, run.next(), split));
            }
        };
    }
}
