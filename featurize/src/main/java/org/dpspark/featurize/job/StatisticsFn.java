package org.dpspark.featurize.job;

import org.dpspark.model.stats.DataStatistics;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/** Pass 2 in executors: the frames of a partition → one partial {@link DataStatistics} (settings with final sel). */
public final class StatisticsFn implements FlatMapFunction<Iterator<Row>, DataStatistics> {
    private final FeaturizeSettings settings;

    public StatisticsFn(FeaturizeSettings settings) {
        this.settings = settings;
    }

    @Override
    public Iterator<DataStatistics> call(Iterator<Row> rows) {
        Featurizer core = new Featurizer(settings);
        DataStatistics acc = new DataStatistics(settings.model().sel().slots());
        while (rows.hasNext()) {
            core.addStatistics(FeaturizeRows.frame(rows.next()), acc);
        }
        return List.of(acc).iterator();
    }
}
