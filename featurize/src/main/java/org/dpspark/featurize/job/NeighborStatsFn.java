package org.dpspark.featurize.job;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.dpspark.model.stats.NeighborStatistics;

/** Pass 1 in executors: the frames of a partition → one partial {@link NeighborStatistics}. */
public final class NeighborStatsFn implements FlatMapFunction<Iterator<Row>, NeighborStatistics> {
    private final FeaturizeSettings settings;

    public NeighborStatsFn(FeaturizeSettings settings) {
        this.settings = settings;
    }

    @Override
    public Iterator<NeighborStatistics> call(Iterator<Row> rows) {
        Featurizer core = new Featurizer(settings);
        NeighborStatistics acc = new NeighborStatistics(core.typeMap().ntypes(), settings.model().rcut());
        while (rows.hasNext()) {
            core.addNeighborStatistics(FeaturizeRows.frame(rows.next()), acc);
        }
        return List.of(acc).iterator();
    }
}
