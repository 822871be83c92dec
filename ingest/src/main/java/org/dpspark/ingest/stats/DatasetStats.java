package org.dpspark.ingest.stats;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.Elements;
import org.dpspark.core.plot.Histogram;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.FramesTable;

/**
 * Dataset statistics of a frames table, computed as Spark aggregations (no frames on the driver):
 * frames and atoms per dataset, atoms per element, and the distributions of energy per atom (eV/atom)
 * and force magnitude |F| (eV/Å) as mergeable histograms.
 */
public final class DatasetStats {
    private static final org.apache.spark.sql.Column EPA = col(FramesTable.ENERGY).divide(col(FramesTable.NATOMS));

    /** Per dataset: frames, atoms, splits, and energy per atom (eV/atom) mean, std, min, max. */
    public record DatasetRow(String dataset, long frames, long atoms, long train, long valid, long test,
                             double epaMean, double epaStd, double epaMin, double epaMax) {}

    public final List<DatasetRow> datasets = new ArrayList<>();
    public final Map<String, Long> atomsByElement = new LinkedHashMap<>();
    public final Map<String, Long> framesWithElement = new LinkedHashMap<>();
    public Histogram energyPerAtom;
    public Histogram forceMagnitude;
    public long frames;
    public long framesWithVirial;
    /** The table version the statistics are of (null: a plain-Parquet table, which has none). */
    public Long version;

    private DatasetStats() {}

    /** Computes the statistics of the table at {@code path} with {@code bins} histogram bins. */
    public static DatasetStats compute(SparkSession spark, String path, int bins) {
        return compute(spark, path, null, bins);
    }

    /** Computes the statistics of the table at {@code path} as of {@code version} (null: the current one). */
    public static DatasetStats compute(SparkSession spark, String path, Long version, int bins) {
        Dataset<Row> t = DeltaTables.read(spark, path, version);
        DatasetStats s = new DatasetStats();
        s.version = version != null ? version : DeltaTables.versionOrNull(spark, path);
        for (Row r : t.groupBy(FramesTable.DATASET)
                .agg(count("*"), sum(FramesTable.NATOMS),
                        sum(col(FramesTable.SPLIT).equalTo("train").cast("long")),
                        sum(col(FramesTable.SPLIT).equalTo("valid").cast("long")),
                        sum(col(FramesTable.SPLIT).equalTo("test").cast("long")),
                        avg(EPA), stddev_pop(EPA), min(EPA), max(EPA))
                .orderBy(FramesTable.DATASET).collectAsList()) {
            s.datasets.add(new DatasetRow(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
                    r.getLong(5), r.getDouble(6), r.getDouble(7), r.getDouble(8), r.getDouble(9)));
            s.frames += r.getLong(1);
        }
        s.framesWithVirial = t.filter(col(FramesTable.VIRIAL).isNotNull()).count();
        for (Row r : t.select(explode(col(FramesTable.ATOMIC_NUMBERS)).as("z")).groupBy("z").count()
                .orderBy("z").collectAsList()) {
            s.atomsByElement.put(Elements.symbol(r.getInt(0)), r.getLong(1));
        }
        for (Row r : t.select(col(FramesTable.FRAME_ID), explode(org.apache.spark.sql.functions.array_distinct(
                        col(FramesTable.ATOMIC_NUMBERS))).as("z")).groupBy("z").count().orderBy("z").collectAsList()) {
            s.framesWithElement.put(Elements.symbol(r.getInt(0)), r.getLong(1));
        }
        // Energy per atom relative to its dataset's mean: datasets of different chemistry share one axis.
        Dataset<Row> centred = t.groupBy(FramesTable.DATASET).agg(avg(EPA).as("mean_epa"))
                .join(t, FramesTable.DATASET).select(EPA.minus(col("mean_epa")).as("d"));
        Row range = centred.selectExpr("min(d)", "max(d)").first();
        double lo = range.isNullAt(0) ? 0 : range.getDouble(0);
        double hi = range.isNullAt(1) ? 1 : range.getDouble(1);
        s.energyPerAtom = centred.javaRDD()
                .mapPartitions((Iterator<Row> it) -> {
                    Histogram h = new Histogram(lo, hi > lo ? hi : lo + 1, bins);
                    it.forEachRemaining(r -> h.add(r.getDouble(0)));
                    return List.of(h).iterator();
                }).reduce(Histogram::merge);
        double fmax = t.selectExpr("max(aggregate(forces, 0D, (acc, x) -> greatest(acc, abs(x))))").first()
                .getDouble(0) * Math.sqrt(3.0);
        s.forceMagnitude = t.select(FramesTable.FORCES).javaRDD()
                .mapPartitions((Iterator<Row> it) -> {
                    Histogram h = new Histogram(0, fmax > 0 ? fmax : 1, bins);
                    it.forEachRemaining(r -> {
                        List<Double> f = r.getList(0);
                        for (int i = 0; i < f.size(); i += 3) {
                            double x = f.get(i), y = f.get(i + 1), z = f.get(i + 2);
                            h.add(Math.sqrt(x * x + y * y + z * z));
                        }
                    });
                    return List.of(h).iterator();
                }).reduce(Histogram::merge);
        return s;
    }

    /** The printed report. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        if (version != null) {
            sb.append("table version ").append(version).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%-40s %8s %10s %7s %6s %6s %13s %10s%n", "dataset", "frames", "atoms",
                "train", "valid", "test", "E/N mean eV", "E/N std"));
        long atoms = 0;
        for (DatasetRow d : datasets) {
            sb.append(String.format(Locale.ROOT, "%-40s %8d %10d %7d %6d %6d %13.6f %10.6f%n", d.dataset(), d.frames(),
                    d.atoms(), d.train(), d.valid(), d.test(), d.epaMean(), d.epaStd()));
            atoms += d.atoms();
        }
        sb.append(String.format(Locale.ROOT, "%-40s %8d %10d%n", "total", frames, atoms));
        sb.append(String.format(Locale.ROOT, "frames with virial: %d%n", framesWithVirial));
        sb.append("element   atoms      frames containing it\n");
        atomsByElement.forEach((el, n) -> sb.append(String.format(Locale.ROOT, "%-8s %10d %10d%n", el, n,
                framesWithElement.getOrDefault(el, 0L))));
        sb.append(String.format(Locale.ROOT,
                "energy per atom minus its dataset's mean (eV/atom): std %.6f min %.6f max %.6f%n",
                energyPerAtom.std(), energyPerAtom.min(), energyPerAtom.max()));
        sb.append(String.format(Locale.ROOT,
                "force magnitude |F| (eV/Å): mean %.6f std %.6f min %.6f max %.6f over %d atoms%n",
                forceMagnitude.mean(), forceMagnitude.std(), forceMagnitude.min(), forceMagnitude.max(),
                forceMagnitude.count()));
        return sb.toString();
    }
}
