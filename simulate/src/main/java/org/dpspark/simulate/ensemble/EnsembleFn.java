package org.dpspark.simulate.ensemble;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
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

    /**
     * Test hook (JVM system property of the executors): when {@code true}, the first attempt of every task fails
     * after emitting its first row, so that tests can check that Spark's re-run gives the same output, bitwise and
     * without duplicates. Never set in production.
     */
    public static final String FAIL_FIRST_ATTEMPT = "dpspark.simulate.fail-first-attempt";

    public static Iterator<Row> call(Iterator<TrajectorySpec> specs) {
        return new Iterator<>() {
            private TrajectoryRun run;
            private DataSplit split;
            private final ArrayDeque<Row> tail = new ArrayDeque<>();
            private int emitted;

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
                if (emitted++ == 1 && Boolean.getBoolean(FAIL_FIRST_ATTEMPT)) {
                    TaskContext task = TaskContext.get();
                    if (task != null && task.attemptNumber() == 0) {
                        throw new IllegalStateException("injected failure (" + FAIL_FIRST_ATTEMPT + ") in task "
                                + task.partitionId() + " attempt 0");
                    }
                }
                if (!tail.isEmpty()) {
                    return tail.poll();
                }
                return EnsembleRows.staged(EnsembleRows.FRAME, EnsembleRows.frameRow(run, run.next(), split));
            }
        };
    }
}
