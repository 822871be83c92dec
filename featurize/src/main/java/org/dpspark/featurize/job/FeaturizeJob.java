package org.dpspark.featurize.job;

import org.dpspark.model.stats.DataStatistics;
import org.dpspark.model.stats.StatsJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.TableFiles;
import org.dpspark.core.plot.Charts;
import org.dpspark.core.table.DeltaReplace;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.DescriptorsTable;
import org.dpspark.core.table.EnvironmentsTable;
import org.dpspark.core.table.FramesTable;
import org.dpspark.model.stats.NeighborStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The featurize job over a whole frames table, as distributed aggregations (no frame reaches the driver):
 * <ol>
 *   <li>neighbour statistics of every frame ({@link NeighborStatsFn}, tree-reduced) → sel auto, histograms;</li>
 *   <li>with the final sel: davg/dstd and energy bias over the statistics split, overflow over every frame
 *       ({@link StatisticsFn}, tree-reduced) → {@code stats.json};</li>
 *   <li>per-atom descriptors → {@code descriptors/}; optionally environment matrices → {@code environments/}
 *       ({@link AtomRowsFn}): Delta tables, each replaced in one commit that carries the run's record
 *       ({@link DeltaReplace}; read it with {@code TableHistory.latestRunRecord}).</li>
 * </ol>
 * Executors hold one partition's current frame at a time, so memory is bounded by the partition, not the table.
 */
public final class FeaturizeJob {
    private static final Logger LOG = LoggerFactory.getLogger(FeaturizeJob.class);
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Name of the statistics file in the output folder. */
    public static final String STATS_FILE = "stats.json";
    public static final String HISTOGRAM_PNG = "neighbor_counts.png";

    private FeaturizeJob() {}

    public static FeaturizeSummary run(SparkSession spark, FeaturizeSettings given) {
        long t0 = System.nanoTime();
        String runId = RUN_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        TableFiles files = new TableFiles(spark.sparkContext().hadoopConfiguration());
        String table = files.qualify(given.frames());
        String out = files.qualify(given.output());
        Dataset<Row> frames = readFrames(spark, table);
        FeaturizeSettings s = given.withTypeMap(resolveTypeMap(files, table, frames, given.model().typeMap()));
        JavaRDD<Row> rows = partitioned(spark, frames, s.partitions());

        NeighborStatistics ns = rows.mapPartitions(new NeighborStatsFn(s)).treeReduce(NeighborStatistics::merge);
        if (ns.frames() == 0) {
            throw new IllegalArgumentException("frames table " + table + " has no frames");
        }
        String selSource = s.model().sel().source();
        if (s.model().sel().auto()) {
            s = s.withSel(ns.selAuto(s.model().sel().autoRatio()));
        } else if (s.model().sel().slots().length != s.model().typeMap().size()) {
            throw new IllegalArgumentException("model.sel has " + s.model().sel().slots().length + " entries for the "
                    + s.model().typeMap().size() + " types of the type map " + s.model().typeMap());
        }
        DataStatistics st = rows.mapPartitions(new StatisticsFn(s)).treeReduce(DataStatistics::merge);
        if (st.overflow().overflowed()) {
            LOG.warn("neighbour overflow: {}", st.overflow().message());
        }
        long t1 = System.nanoTime();
        long descriptorRows = 0;
        long environmentRows = 0;
        if (s.descriptors()) {
            List<String> names = new Featurizer(s).descriptor().featureNames();
            descriptorRows = writeAtomTable(spark, rows.mapPartitions(new AtomRowsFn(s, false)),
                    DescriptorsTable.struct(names), out, DescriptorsTable.FOLDER,
                    runRecord(s, table, runId, DescriptorsTable.SCHEMA.table(), DescriptorsTable.SCHEMA.version(), names));
        }
        if (s.environments()) {
            LOG.warn("writing environment matrices: ~{} doubles per atom",
                    19 * java.util.Arrays.stream(s.model().sel().slots()).sum());
            environmentRows = writeAtomTable(spark, rows.mapPartitions(new AtomRowsFn(s, true)),
                    EnvironmentsTable.SCHEMA.struct(), out, EnvironmentsTable.FOLDER,
                    runRecord(s, table, runId, EnvironmentsTable.SCHEMA.table(), EnvironmentsTable.SCHEMA.version(), null));
        }
        LOG.info("statistics {} s, atom tables {} s", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        ObjectNode json = StatsJson.build(s.statsInputs(), s.model().typeMap(), selSource, ns, st, table, runId);
        try {
            files.writeStringAtomically(out + "/" + STATS_FILE, DatasetSidecar.json().writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        plotHistograms(out, s.model().typeMap(), ns);
        return new FeaturizeSummary(s, selSource, ns, st, out, descriptorRows, environmentRows,
                (System.nanoTime() - t0) / 1e9);
    }

    /** The frames table, pruned to the columns featurize reads. */
    static Dataset<Row> readFrames(SparkSession spark, String table) {
        return DeltaTables.read(spark, table).select(FeaturizeRows.COLUMNS.stream().map(functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
    }

    /**
     * The type map: the given one, else the frames table sidecar's {@code type_map} (the sorted distinct type
     * labels ingest recorded), else a distinct over the {@code type_labels} column.
     */
    public static List<String> resolveTypeMap(TableFiles files, String table, Dataset<Row> frames, List<String> given) {
        if (!given.isEmpty()) {
            return given;
        }
        DatasetSidecar car = DatasetSidecar.readOrNull(files, table);
        if (car != null && car.root().path("type_map").size() > 0) {
            List<String> types = new ArrayList<>();
            car.root().get("type_map").forEach(n -> types.add(n.asText()));
            return types;
        }
        return new ArrayList<>(new TreeSet<>(frames.select(functions.explode(functions.col(FramesTable.TYPE_LABELS)))
                .distinct().as(Encoders.STRING()).collectAsList()));
    }

    /** Rows in at least 2 partitions per core (small tables are read as few partitions). */
    public static JavaRDD<Row> partitioned(SparkSession spark, Dataset<Row> frames, int partitions) {
        JavaRDD<Row> rows = frames.javaRDD();
        int want = partitions > 0 ? partitions : 2 * spark.sparkContext().defaultParallelism();
        if (partitions > 0 ? rows.getNumPartitions() != want : rows.getNumPartitions() < want) {
            rows = rows.repartition(want);
        }
        return rows;
    }

    private static ObjectNode runRecord(FeaturizeSettings s, String table, String runId, String name, int version,
                                      List<String> featureNames) {
        DatasetSidecar car = DatasetSidecar.create(name, version);
        ObjectNode root = car.root();
        root.put("frames_table", table);
        root.putArray("type_map").addAll(s.model().typeMap().stream().map(t -> root.textNode(t)).toList());
        root.put("rcut", s.model().rcut());
        root.put("rcut_smth", s.model().rcutSmth());
        var sel = root.putArray("sel");
        for (int v : s.model().sel().slots()) sel.add(v);
        if (featureNames != null) {
            root.put("descriptor", s.descriptor().configName());
            root.put("dim", featureNames.size());
            var names = root.putArray("feature_names");
            featureNames.forEach(names::add);
        }
        JsonNode config;
        try {
            config = DatasetSidecar.json().readTree(s.configJson());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        car.addRun(runId, s.commandLine(), config);
        return root;
    }

    /**
     * Replaces {@code <out>/<folder>} by the rows in one Delta commit that records the run ({@code record}, what
     * {@code _dataset.json} held before Delta); returns the rows of the committed version.
     */
    private static long writeAtomTable(SparkSession spark, JavaRDD<Row> rows,
                                       org.apache.spark.sql.types.StructType schema, String out, String folder,
                                       ObjectNode record) {
        String table = out + "/" + folder;
        String json;
        try {
            json = DatasetSidecar.json().writer().without(
                    com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(record);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        long version = DeltaReplace.replace(spark, spark.createDataFrame(rows, schema), table, json);
        return DeltaTables.read(spark, table, version).count();
    }

    private static void plotHistograms(String out, List<String> tm, NeighborStatistics ns) {
        if (!out.startsWith("file:")) {
            return; // charts are written with java.nio; on a cluster file system only stats.json is written
        }
        int nt = tm.size();
        List<String> names = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int c = 0; c < nt; c++) {
            for (int t = 0; t < nt; t++) {
                long[] h = ns.histogram(c, t);
                if (h.length <= 1) {
                    continue; // no centre of type c ever has a type-t neighbour: nothing to plot
                }
                names.add(tm.get(c) + " centre, " + tm.get(t) + " neighbours");
                double[] x = new double[h.length], y = new double[h.length];
                for (int n = 0; n < h.length; n++) {
                    x[n] = n;
                    y[n] = h[n];
                }
                xs.add(x);
                ys.add(y);
            }
        }
        if (names.isEmpty()) {
            return;
        }
        Charts.lines(Path.of(java.net.URI.create(out)).resolve(HISTOGRAM_PNG),
                "Neighbour counts within rcut per (centre, neighbour) type", "neighbours within rcut", "atoms",
                names.toArray(String[]::new), xs.toArray(double[][]::new), ys.toArray(double[][]::new));
    }
}
