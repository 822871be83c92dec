package org.dpspark.train.data;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.HashMap;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.dpspark.core.Elements;
import org.dpspark.core.Frame;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.FramesTable;

/** Frames of the frames table for training and testing: selection by dataset globs and split, mapping to type indices. */
public final class FrameSource {
    private FrameSource() {}

    /** Rows of {@code table} whose dataset matches one of {@code datasetGlobs} (empty: all) and split is in {@code splits} (empty: all). */
    public static Dataset<Row> select(SparkSession spark, String table, List<String> datasetGlobs, List<String> splits) {
        return select(spark, table, null, datasetGlobs, splits);
    }

    /** As {@link #select(SparkSession, String, List, List)}, of the table as of {@code version} (null: the current one). */
    public static Dataset<Row> select(SparkSession spark, String table, Long version, List<String> datasetGlobs,
                                      List<String> splits) {
        Dataset<Row> df = DeltaTables.read(spark, table, version);
        if (!splits.isEmpty()) df = df.filter(functions.col(FramesTable.SPLIT).isin(splits.toArray()));
        if (!datasetGlobs.isEmpty()) {
            List<String> names = df.select(FramesTable.DATASET).distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
            List<String> keep = new ArrayList<>();
            for (String n : names) {
                if (matches(n, datasetGlobs)) keep.add(n);
            }
            df = df.filter(functions.col(FramesTable.DATASET).isin(keep.toArray()));
        }
        return df;
    }

    /** Glob match of a dataset name (java.nio glob syntax: {@code data_[012]}, {@code vasp/*}). */
    public static boolean matches(String name, List<String> globs) {
        for (String g : globs) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + g);
            if (g.equals(name) || m.matches(Path.of(name))) return true;
        }
        return false;
    }

    /** Element symbols present in the rows, by increasing atomic number (the default type map). */
    public static List<String> elements(Dataset<Row> rows) {
        List<Row> zs = rows.select(functions.explode(functions.col(FramesTable.ATOMIC_NUMBERS))).distinct().collectAsList();
        TreeSet<Integer> set = new TreeSet<>();
        for (Row r : zs) set.add(r.getInt(0));
        List<String> out = new ArrayList<>();
        for (int z : set) out.add(Elements.symbol(z));
        return out;
    }

    /** Rows → training frames (atoms typed by element symbol through {@code typeMap}). */
    public static JavaRDD<TrainFrame> frames(Dataset<Row> rows, List<String> typeMap) {
        List<String> tm = List.copyOf(typeMap);
        return rows.javaRDD().map(r -> toTrainFrame(FrameRows.fromRow(r), r.getAs(FramesTable.FRAME_ID), tm));
    }

    /**
     * The frames in an order that depends only on their content: frame {@code f} goes to partition
     * {@code hash(f.id) mod partitions} ({@link HashPartitioner}), and each partition is sorted by frame id (then
     * dataset and system). The order in which a Delta table lists its files, the scan splits and a shuffle's fetch
     * order vary from run to run; training picks batches by index into its partition's list, sums the energy-bias fit
     * and samples statistics over it, so without this the same table and seed trained different models (issue 18:
     * the silicon loop's iteration-1 accurate fraction came out 0.535, 0.600 and 0.580 in three runs).
     *
     * @param partitions the number of partitions (training: one per worker)
     */
    public static JavaRDD<TrainFrame> canonical(JavaRDD<TrainFrame> frames, int partitions) {
        return frames.keyBy(TrainFrame::id).partitionBy(new HashPartitioner(partitions)).values()
                .mapPartitions(it -> {
                    List<TrainFrame> l = new ArrayList<>();
                    it.forEachRemaining(l::add);
                    l.sort(CONTENT_ORDER);
                    return l.iterator();
                }, true);
    }

    /** Frame id, then dataset and system (the same frame may sit in two datasets). */
    private static final java.util.Comparator<TrainFrame> CONTENT_ORDER = java.util.Comparator.comparing(TrainFrame::id)
            .thenComparing(TrainFrame::dataset).thenComparing(TrainFrame::system);

    /** One frame typed through {@code typeMap}; an element missing from it is an error naming the frame. */
    public static TrainFrame toTrainFrame(Frame f, String id, List<String> typeMap) {
        Map<Integer, Integer> byZ = new HashMap<>();
        for (int t = 0; t < typeMap.size(); t++) byZ.put(Elements.atomicNumber(typeMap.get(t)), t);
        int[] z = f.atomicNumbers();
        int[] types = new int[z.length];
        StringBuilder key = new StringBuilder(f.dataset()).append('|').append(f.sourceFile()).append('|');
        for (int i = 0; i < z.length; i++) {
            Integer t = byZ.get(z[i]);
            if (t == null) {
                throw new IllegalArgumentException("frame " + id + " (" + f.dataset() + ", " + f.sourceFile() + " #" + f.sourceIndex()
                        + ") has element " + Elements.symbol(z[i]) + " which is not in the type map " + typeMap);
            }
            types[i] = t;
        }
        key.append(z.length).append('|').append(java.util.Arrays.hashCode(types));
        boolean[] pbc = f.cell() == null ? null : f.pbc();
        return new TrainFrame(f.dataset(), key.toString(), types, f.positions(), f.cell(), pbc,
                f.energy() == null ? Double.NaN : f.energy(), f.forces(), f.virial(), id, f.fparam(), f.aparam());
    }
}
