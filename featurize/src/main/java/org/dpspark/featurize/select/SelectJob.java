package org.dpspark.featurize.select;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.TableFiles;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.table.Staging;
import org.dpspark.core.table.DeltaAppend;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.featurize.job.FeaturizeJob;
import org.dpspark.featurize.job.FeaturizeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dpspark select}: the N most diverse frames of a frames table by farthest-point sampling (or k-means),
 * written as a new frames table with the same schema and frame ids. Fingerprints ({@link Fingerprinter}) are
 * computed in executors, standardised with distributed moments and cached as one block per partition; the
 * selection loops of {@link Selection} run over the cache. The chosen rows are added to the output frames table
 * with ingest's commit protocol ({@link DeltaAppend}: one Delta commit, ids already there skipped), the selection
 * (source table and version, method, seed, chosen ids in pick order) in the commit's run record.
 */
public final class SelectJob {
    private static final Logger LOG = LoggerFactory.getLogger(SelectJob.class);
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SelectJob() {}

    public static SelectSummary run(SparkSession spark, SelectSettings given) {
        long t0 = System.nanoTime();
        String runId = RUN_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        TableFiles files = new TableFiles(spark.sparkContext().hadoopConfiguration());
        String table = files.qualify(given.frames());
        String out = files.qualify(given.output());
        // one version of the source for the fingerprints and the copied rows, recorded with the selection
        Long version = DeltaTables.versionOrNull(spark, table);
        Dataset<Row> frames = DeltaTables.read(spark, table, version);
        Dataset<Row> pruned = frames.select(org.dpspark.featurize.job.FeaturizeRows.COLUMNS.stream()
                .map(functions::col).toArray(org.apache.spark.sql.Column[]::new));
        FeaturizeSettings fs = given.featurize().withTypeMap(
                FeaturizeJob.resolveTypeMap(files, table, pruned, given.featurize().model().typeMap()));
        SelectSettings s = given.withFeaturize(fs);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());

        JavaRDD<FingerprintBlock> raw = FeaturizeJob.partitioned(spark, pruned, fs.partitions())
                .mapPartitions(new FingerprintFn(fs)).persist(StorageLevel.MEMORY_AND_DISK());
        int dim = FingerprintFn.fingerprinter(fs).dim();
        Moments m = raw.map(b -> b.moments(new Moments(dim))).treeReduce(Moments::merge);
        long n = m.count();
        if (n == 0) {
            throw new IllegalArgumentException("frames table " + table + " has no frames");
        }
        double[] mean = m.mean();
        double[] inv = m.inverseStd();
        JavaRDD<FingerprintBlock> blocks = raw.map(b -> b.standardized(mean, inv)).persist(StorageLevel.MEMORY_AND_DISK());
        blocks.count();
        raw.unpersist(false);
        int count = s.count();
        if (count > n) {
            LOG.warn("select.count {} exceeds the {} frames of the table: all frames are chosen", count, n);
            count = (int) n;
        }
        List<Candidate> chosen = s.method() == SelectMethod.FPS
                ? Selection.farthestPoints(blocks, count, s.seed())
                : Selection.kmeans(jsc, blocks, count, s.seed(), s.iterations());
        blocks.unpersist(false);
        List<String> ids = chosen.stream().map(Candidate::id).toList();
        double minPair = minPairDistance(chosen);

        long written = write(spark, files, frames, ids, out, runId,
                runRecord(table, version, s, ids, minPair, runId));
        return new SelectSummary(s.method().configName(), n, ids, written, minPair, dim, out,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Smallest pairwise Euclidean distance of the chosen fingerprints (driver: N×N/2 distances of N ≤ thousands). */
    public static double minPairDistance(List<Candidate> chosen) {
        double best = Double.POSITIVE_INFINITY;
        for (int a = 0; a < chosen.size(); a++) {
            double[] x = chosen.get(a).x();
            for (int b = a + 1; b < chosen.size(); b++) {
                double[] y = chosen.get(b).x();
                double s = 0;
                for (int k = 0; k < x.length; k++) s += (x[k] - y[k]) * (x[k] - y[k]);
                best = Math.min(best, s);
            }
        }
        return Math.sqrt(best);
    }

    /**
     * Adds the chosen rows to the frames table {@code out} in one Delta commit ({@link DeltaAppend}: frame ids
     * already there are skipped) whose run record holds the selection; the rows are staged under
     * {@code <out>/_staging/<run>/}, which is removed afterwards.
     */
    private static long write(SparkSession spark, TableFiles files, Dataset<Row> frames, List<String> ids, String out,
                              String runId, String record) {
        List<org.apache.spark.sql.Column> cols = new ArrayList<>();
        FramesTable.SCHEMA.columns().forEach(c -> cols.add(functions.col(c.name())));
        Dataset<Row> rows = frames.filter(functions.col(FramesTable.FRAME_ID).isin(ids.toArray()))
                .select(cols.toArray(org.apache.spark.sql.Column[]::new));
        Staging staging = Staging.open(files, out, runId);
        try {
            String staged = staging.path() + "/frames";
            spark.createDataFrame(rows.javaRDD(), FramesTable.SCHEMA.struct()).write().parquet(staged);
            return new DeltaAppend(spark, out, FramesTable.SCHEMA, FramesTable.FRAME_ID,
                    List.of(FramesTable.SOURCE_FILE, FramesTable.SOURCE_INDEX)).insertNew(staged, runId, record);
        } finally {
            staging.close();
        }
    }

    /** The run's record (committed with the rows): run id, command line, configuration and the selection. */
    static String runRecord(String source, Long sourceVersion, SelectSettings s, List<String> ids, double minPair,
                            String runId) {
        ObjectNode root = DatasetSidecar.json().createObjectNode();
        root.put("run_id", runId);
        root.put("command_line", s.featurize().commandLine());
        try {
            root.set("config", DatasetSidecar.json().readTree(s.featurize().configJson()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode sel = root.putObject("selection");
        sel.put("source_table", source);
        if (sourceVersion != null) {
            sel.put("source_table_version", sourceVersion);
        }
        sel.put("method", s.method().configName());
        sel.put("count", ids.size());
        sel.put("seed", s.seed());
        sel.put("fingerprint", "per type of " + s.featurize().model().typeMap()
                + ": mean and std over the frame's atoms of"
                + " the G2/G4 descriptors (featurize.symmetry-functions, rcut " + s.featurize().model().rcut()
                + " Å), standardised over the source table");
        sel.put("min_pair_distance", minPair);
        ArrayNode chosen = sel.putArray("frame_ids");
        ids.forEach(chosen::add);
        try {
            return DatasetSidecar.json().writer().without(
                    com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
