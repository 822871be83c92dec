package org.dpspark.ingest.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.Formula;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.table.RejectsTable;
import org.dpspark.core.table.TableCommit;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest job: discover inputs, plan splits on the driver, read and validate them in executors, write
 * good frames to the frames table and bad records to its rejects table, then publish the run atomically
 * (see {@link TableCommit}) and update the sidecar.
 */
public final class IngestJob {
    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private IngestJob() {}

    /** Runs one ingest; returns what it did. */
    public static IngestSummary run(SparkSession spark, IngestSettings s) {
        long t0 = System.nanoTime();
        String runId = RUN_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        String table = new org.dpspark.core.TableFiles(spark.sparkContext().hadoopConfiguration()).qualify(s.output());
        TableCommit frames = new TableCommit(spark, table, runId);
        TableCommit rejectsTable = new TableCommit(spark, table + "/" + RejectsTable.FOLDER, runId);
        for (String stale : frames.clearStaleStaging()) {
            LOG.warn("removed staging folder of an unfinished earlier run: {}", stale);
        }
        rejectsTable.clearStaleStaging();

        InputDiscovery.Discovery found = InputDiscovery.discover(s.inputs(), s.format());
        List<Reject> driverRejects = new ArrayList<>();
        List<SplitTask> tasks = plan(s, found, driverRejects);
        long bytesIn = found.inputs().stream().mapToLong(i -> size(i.path())).sum();

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        CollectionAccumulator<Reject> executorRejects = spark.sparkContext().collectionAccumulator("ingest rejects");
        CollectionAccumulator<String> labels = spark.sparkContext().collectionAccumulator("ingest type labels");
        long framesRead = 0;
        long written = 0;
        Map<String, Long> byDataset = new TreeMap<>();
        Map<String, Long> byElement = new TreeMap<>();
        Map<String, Long> bySplit = new TreeMap<>();
        if (!tasks.isEmpty()) {
            JavaRDD<Row> rows = jsc.parallelize(tasks, tasks.size())
                    .mapPartitions(new IngestPartitionFn(s.split(), executorRejects, labels));
            String staged = frames.stagingPath("frames");
            long t1 = System.nanoTime();
            spark.createDataFrame(rows, FramesTable.SCHEMA.struct()).write().parquet(staged);
            long t2 = System.nanoTime();
            framesRead = spark.read().parquet(staged).count();
            written = frames.publish(staged, FramesTable.FRAME_ID,
                    List.of(FramesTable.SOURCE_FILE, FramesTable.SOURCE_INDEX));
            long t3 = System.nanoTime();
            if (written > 0) {
                tally(spark.read().parquet(frames.runFolder()), byDataset, byElement, bySplit);
            }
            LOG.info("read+validate+write {} s, dedup+publish {} s, tally {} s", (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                    (System.nanoTime() - t3) / 1e9);
        }
        frames.cleanUp();

        List<Reject> rejects = new ArrayList<>(driverRejects);
        rejects.addAll(executorRejects.value());
        List<Reject> newRejects = commitRejects(spark, rejectsTable, rejects);
        rejectsTable.cleanUp();

        IngestSummary summary = new IngestSummary(runId, found.inputs().size() + found.unrecognized().size(),
                found.skipped(), bytesIn, framesRead, written, framesRead - written, byDataset, byElement,
                newRejects, (System.nanoTime() - t0) / 1e9);
        long t4 = System.nanoTime();
        writeSidecars(frames, table, s, found, summary, bySplit, written > 0 ? labels.value() : List.of());
        LOG.info("sidecars {} s", (System.nanoTime() - t4) / 1e9);
        return summary;
    }

    /** Splits of every recognised input; unrecognised or unplannable inputs become rejects. */
    static List<SplitTask> plan(IngestSettings s, InputDiscovery.Discovery found, List<Reject> rejects) {
        List<SplitTask> tasks = new ArrayList<>();
        for (InputDiscovery.Input in : found.inputs()) {
            String dataset = s.dataset() == null || s.dataset().isBlank() ? in.dataset() : s.dataset();
            IngestSettings.ReadSettings rs = s.forDataset(dataset);
            Map<String, String> options = new LinkedHashMap<>(rs.options());
            options.putIfAbsent(ReadOptions.SPLIT_FRAMES, Integer.toString(s.splitFrames()));
            ReadOptions ro = new ReadOptions(dataset, rs.typeMap(), rs.units(), options);
            String path = in.path().toString();
            if (size(in.path()) == 0 && !Files.isDirectory(in.path())) {
                rejects.add(new Reject(dataset, path, -1, null, in.reader().format(), RejectReason.EMPTY_FILE,
                        "file is empty"));
                continue;
            }
            try {
                for (InputSplit split : in.reader().plan(path, ro)) {
                    tasks.add(new SplitTask(split, ro));
                }
            } catch (IOException | RuntimeException e) {
                rejects.add(new Reject(dataset, path, -1, null, in.reader().format(), RejectReason.PARSE_ERROR,
                        "cannot plan the input: " + e.getMessage()));
            }
        }
        for (InputDiscovery.Input in : found.unrecognized()) {
            boolean empty = size(in.path()) == 0;
            rejects.add(new Reject(s.dataset() == null || s.dataset().isBlank() ? in.dataset() : s.dataset(),
                    in.path().toString(), -1, null, "unknown",
                    empty ? RejectReason.EMPTY_FILE : RejectReason.UNRECOGNIZED_FORMAT,
                    empty ? "file is empty" : "no reader recognises this file (formats: "
                            + String.join(", ", org.dpspark.ingest.read.ReaderRegistry.formats()) + ")"));
        }
        return tasks;
    }

    /** Writes the rejects not yet in the rejects table; returns them. */
    private static List<Reject> commitRejects(SparkSession spark, TableCommit commit, List<Reject> rejects) {
        Map<String, Reject> unique = new LinkedHashMap<>();
        rejects.forEach(r -> unique.putIfAbsent(r.id(), r));
        if (unique.isEmpty()) {
            return List.of();
        }
        List<Row> rows = unique.values().stream().map(FrameRows::toRow).toList();
        String staged = commit.stagingPath("rejects");
        spark.createDataFrame(rows, RejectsTable.SCHEMA.struct()).coalesce(1).write().parquet(staged);
        long kept = commit.publish(staged, RejectsTable.REJECT_ID, List.of(RejectsTable.SOURCE_FILE));
        if (kept == unique.size()) {
            return new ArrayList<>(unique.values());
        }
        if (kept == 0) {
            return List.of();
        }
        List<String> ids = spark.read().parquet(commit.runFolder()).select(RejectsTable.REJECT_ID)
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        return ids.stream().map(unique::get).toList();
    }

    /** Frames per dataset and split, atoms per element, of one run's rows (one pass over three small columns). */
    private static void tally(Dataset<Row> run, Map<String, Long> byDataset, Map<String, Long> byElement,
                              Map<String, Long> bySplit) {
        for (Row r : run.groupBy(FramesTable.DATASET, FramesTable.FORMULA, FramesTable.SPLIT).count().collectAsList()) {
            long frames = r.getLong(3);
            byDataset.merge(r.getString(0), frames, Long::sum);
            bySplit.merge(r.getString(2), frames, Long::sum);
            Formula.counts(r.getString(1)).forEach((el, n) -> byElement.merge(el, n * frames, Long::sum));
        }
    }

    private static void addAll(ObjectNode counts, String name, Map<String, Long> add) {
        ObjectNode node = counts.has(name) ? (ObjectNode) counts.get(name) : counts.putObject(name);
        add.forEach((k, v) -> node.put(k, node.path(k).asLong(0) + v));
    }

    private static void writeSidecars(TableCommit frames, String table, IngestSettings s,
                                      InputDiscovery.Discovery found, IngestSummary summary,
                                      Map<String, Long> bySplit, List<String> typeLabels) {
        DatasetSidecar car = DatasetSidecar.readOrNull(frames.files(), table);
        if (car == null) {
            car = DatasetSidecar.create(FramesTable.SCHEMA.table(), FramesTable.SCHEMA.version());
        }
        ObjectNode root = car.root();
        // Counts are kept additively (previous sidecar + this run), so no run rescans the whole table.
        ObjectNode counts = root.has("counts") ? (ObjectNode) root.get("counts") : root.putObject("counts");
        counts.put("frames", counts.path("frames").asLong(0) + summary.framesWritten());
        addAll(counts, "frames_per_dataset", summary.framesByDataset());
        addAll(counts, "frames_per_split", bySplit);
        addAll(counts, "atoms_per_element", summary.atomsByElement());
        TreeSet<String> types = new TreeSet<>(typeLabels);
        root.path("type_map").forEach(n -> types.add(n.asText()));
        ArrayNode typeMap = root.putArray("type_map");
        types.forEach(typeMap::add);
        ObjectNode split = root.putObject("split");
        split.put("train", s.split().train());
        split.put("valid", s.split().valid());
        split.put("test", 1.0 - s.split().train() - s.split().valid());
        ArrayNode sources = root.has("sources") ? (ArrayNode) root.get("sources") : root.putArray("sources");
        for (InputDiscovery.Input in : found.inputs()) {
            ObjectNode src = sources.addObject();
            src.put("path", in.path().toString());
            src.put("format", in.reader().format());
            src.put("dataset", s.dataset() == null || s.dataset().isBlank() ? in.dataset() : s.dataset());
            src.put("ingest_run", summary.runId());
        }
        ObjectNode run;
        try {
            run = car.addRun(summary.runId(), s.commandLine(), DatasetSidecar.json().readTree(s.configJson()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        run.put("frames_written", summary.framesWritten());
        run.put("duplicates_skipped", summary.duplicates());
        run.put("rejects", summary.rejects().size());
        ArrayNode skipped = run.putArray("skipped_files");
        summary.skipped().forEach(p -> skipped.add(p.toString()));
        run.put("seconds", summary.seconds());
        car.write(frames.files(), table);

        DatasetSidecar rej = DatasetSidecar.readOrNull(frames.files(), table + "/" + RejectsTable.FOLDER);
        if (rej == null) {
            rej = DatasetSidecar.create(RejectsTable.SCHEMA.table(), RejectsTable.SCHEMA.version());
        }
        ObjectNode byReason = rej.root().putObject("rejects_by_reason_last_run");
        summary.rejectsByReason().forEach(byReason::put);
        try {
            rej.addRun(summary.runId(), s.commandLine(), DatasetSidecar.json().readTree(s.configJson()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        rej.write(frames.files(), table + "/" + RejectsTable.FOLDER);
    }

    private static long size(Path p) {
        try {
            if (Files.isDirectory(p)) {
                try (var s = Files.walk(p)) {
                    return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
            }
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
