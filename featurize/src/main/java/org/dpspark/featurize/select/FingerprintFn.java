package org.dpspark.featurize.select;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.dpspark.model.descriptor.BehlerParrinello;
import org.dpspark.featurize.job.FeaturizeRows;
import org.dpspark.featurize.job.FeaturizeSettings;
import org.dpspark.featurize.job.FrameInput;
import org.dpspark.model.TypeMap;

/** Executors: the frames of a partition → one {@link FingerprintBlock} (n × d doubles, the partition's frames only). */
public final class FingerprintFn implements FlatMapFunction<Iterator<Row>, FingerprintBlock> {
    private final FeaturizeSettings settings;

    public FingerprintFn(FeaturizeSettings settings) {
        this.settings = settings;
    }

    /** The fingerprinter of the settings (type map resolved). */
    public static Fingerprinter fingerprinter(FeaturizeSettings s) {
        TypeMap tm = new TypeMap(s.model().typeMap());
        return new Fingerprinter(tm, new BehlerParrinello(s.symmetry().set(s.model().rcut()), tm.names()));
    }

    @Override
    public Iterator<FingerprintBlock> call(Iterator<Row> rows) {
        Fingerprinter fp = fingerprinter(settings);
        List<String> ids = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        while (rows.hasNext()) {
            FrameInput f = FeaturizeRows.frame(rows.next());
            ids.add(f.frameId());
            x.add(fp.of(f));
        }
        return List.of(FingerprintBlock.of(ids, x, fp.dim())).iterator();
    }
}
