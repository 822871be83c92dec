package org.dpspark.featurize.job;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Pass 3 in executors: frames → one row per atom, lazily (one frame's rows in memory at a time), either
 * descriptor rows or (with {@code environments}) environment-matrix rows.
 */
public final class AtomRowsFn implements FlatMapFunction<Iterator<Row>, Row> {
    private final FeaturizeSettings settings;
    private final boolean environments;

    public AtomRowsFn(FeaturizeSettings settings, boolean environments) {
        this.settings = settings;
        this.environments = environments;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Featurizer core = new Featurizer(settings);
        return new Iterator<>() {
            private Iterator<Row> atoms = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!atoms.hasNext() && rows.hasNext()) {
                    atoms = atomsOf(core, FeaturizeRows.frame(rows.next()));
                }
                return atoms.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return atoms.next();
            }
        };
    }

    private Iterator<Row> atomsOf(Featurizer core, FrameInput f) {
        int n = f.natoms();
        if (environments) {
            int[] types = core.types(f);
            var e = core.environments(f, types);
            return new AtomIterator(n, i -> FeaturizeRows.environmentRow(f, i, types[i], e));
        }
        double[] d = core.descriptors(f);
        int dim = core.descriptor().dim();
        return new AtomIterator(n, i -> FeaturizeRows.descriptorRow(f, i, d, dim));
    }

    private static final class AtomIterator implements Iterator<Row> {
        private final int n;
        private final java.util.function.IntFunction<Row> row;
        private int i;

        AtomIterator(int n, java.util.function.IntFunction<Row> row) {
            this.n = n;
            this.row = row;
        }

        @Override public boolean hasNext() { return i < n; }
        @Override public Row next() { return row.apply(i++); }
    }
}
