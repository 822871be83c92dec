package org.dpspark.ingest.job;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.Formula;
import org.dpspark.core.KillPoint;
import org.dpspark.core.PhaseTimes;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.TableFiles;
import org.dpspark.core.Version;
import org.dpspark.core.table.DeltaAppend;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.table.RejectsTable;
import org.dpspark.core.table.Staging;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest job: discover inputs, plan splits on the driver, read and validate them in executors, write
 * good frames and bad records to a staging folder, then add them to the frames table and its rejects table,
 * each in one Delta commit that skips content ids already present and records the run (see
 * {@link DeltaAppend}). Concurrent ingests into one table all land, each frame once; a killed ingest leaves
 * nothing visible, and one killed between its two commits is repaired by a re-run. The staging folders of killed
 * runs are removed by the next run ({@link Staging}); {@link KillPoint}s let reliability tests kill it at each phase.
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
        TableFiles files = new TableFiles(spark.sparkContext().hadoopConfiguration());
        String table = files.qualify(s.output());
        if (files.exists(table) && !files.isDirectory(table)) {
            throw new IllegalArgumentException("output " + s.output() + " is a file, not a table folder");
        }
        DeltaAppend frames = new DeltaAppend(spark, table, FramesTable.SCHEMA, FramesTable.FRAME_ID,
                List.of(FramesTable.SOURCE_FILE, FramesTable.SOURCE_INDEX));
        DeltaAppend rejectsTable = new DeltaAppend(spark, table + "/" + RejectsTable.FOLDER, RejectsTable.SCHEMA,
                RejectsTable.REJECT_ID, List.of(RejectsTable.SOURCE_FILE));

        InputDiscovery.Discovery found = InputDiscovery.discover(s.inputs(), s.format());
        List<Reject> driverRejects = new ArrayList<>();
        List<SplitTask> tasks = plan(s, found, driverRejects);
        KillPoint.reach("ingest.planned");
        long bytesIn = found.inputs().stream().mapToLong(i -> size(i.path())).sum();

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        CollectionAccumulator<Reject> executorRejects = spark.sparkContext().collectionAccumulator("ingest rejects");
        long framesRead = 0;
        long written = 0;
        Map<String, Long> byDataset = new TreeMap<>();
        Map<String, Long> byElement = new TreeMap<>();
        Map<String, Long> bySplit = new TreeMap<>();
        Staging staging = Staging.open(files, table, runId);
        try {
            String staged = staging.path() + "/frames";
            if (!tasks.isEmpty()) {
                JavaRDD<Row> rows = jsc.parallelize(tasks, tasks.size())
                        .mapPartitions(new IngestPartitionFn(s.split(), executorRejects,
                                spark.sparkContext().collectionAccumulator("ingest type labels")));
                PhaseTimes times = new PhaseTimes();
                spark.createDataFrame(rows, FramesTable.SCHEMA.struct()).write().parquet(staged);
                times.mark("read+validate+stage");
                framesRead = spark.read().parquet(staged).count();
                times.mark("count");
                KillPoint.reach("ingest.staged");
                List<Reject> all = new ArrayList<>(driverRejects);
                all.addAll(executorRejects.value());
                written = frames.insertNew(staged, runId, runRecord(s, found, runId, framesRead, all.size()));
                KillPoint.reach("ingest.frames-committed");
                times.mark("dedup+commit");
                if (written > 0) {
                    tally(DeltaTables.read(spark, table).filter(col(FramesTable.INGEST_RUN).equalTo(runId)),
                            byDataset, byElement, bySplit);
                }
                times.mark("tally");
                LOG.info("ingest run {}: {}", runId, times);
            } else {
                frames.ensureTable();
            }
            List<Reject> rejects = new ArrayList<>(driverRejects);
            rejects.addAll(executorRejects.value());
            Map<String, Reject> unique = new LinkedHashMap<>();
            rejects.forEach(r -> unique.putIfAbsent(r.id(), r));
            PhaseTimes rejectTimes = new PhaseTimes();
            List<Reject> newRejects = commitRejects(spark, rejectsTable, unique, staging.path() + "/rejects", runId,
                    runRecord(s, found, runId, framesRead, rejects.size()));
            rejectTimes.mark("rejects commit");
            LOG.info("ingest run {}: {}", runId, rejectTimes);
            return new IngestSummary(runId, found.inputs().size() + found.unrecognized().size(),
                    found.skipped(), bytesIn, framesRead, written, framesRead - written, byDataset, byElement,
                    newRejects, unique.size() - newRejects.size(), (System.nanoTime() - t0) / 1e9);
        } finally {
            staging.close();
        }
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

    /**
     * Adds the rejects (by content id) not yet in the rejects table, in one commit; returns them. Keyed by content
     * id, the commit is idempotent: a run killed after its frames commit and before this one is repaired by
     * running it again (its frames are all there already, its rejects are added now, nothing twice).
     */
    private static List<Reject> commitRejects(SparkSession spark, DeltaAppend commit, Map<String, Reject> unique,
                                              String staged, String runId, String runRecord) {
        if (unique.isEmpty()) {
            return List.of();
        }
        List<Row> rows = unique.values().stream().map(FrameRows::toRow).toList();
        spark.createDataFrame(rows, RejectsTable.SCHEMA.struct()).coalesce(1).write().parquet(staged);
        long kept = commit.insertNew(staged, runId, runRecord);
        if (kept == unique.size()) {
            return new ArrayList<>(unique.values());
        }
        if (kept == 0) {
            return List.of();
        }
        List<String> ids = DeltaTables.read(spark, commit.table()).filter(col(FramesTable.INGEST_RUN).equalTo(runId))
                .select(RejectsTable.REJECT_ID).as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
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

    /**
     * The run's record, committed with its rows as the Delta commit's {@code userMetadata}: run id, command line,
     * configuration, code version, split fractions, sources, skipped files, frames read, rejects.
     */
    static String runRecord(IngestSettings s, InputDiscovery.Discovery found, String runId, long framesRead,
                            int rejects) {
        ObjectNode run = DatasetSidecar.json().createObjectNode();
        run.put("run_id", runId);
        run.put("command_line", s.commandLine());
        try {
            run.set("config", DatasetSidecar.json().readTree(s.configJson()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run.put("code_version", Version.get());
        ObjectNode split = run.putObject("split");
        split.put("train", s.split().train());
        split.put("valid", s.split().valid());
        split.put("test", 1.0 - s.split().train() - s.split().valid());
        ArrayNode sources = run.putArray("sources");
        for (InputDiscovery.Input in : found.inputs()) {
            ObjectNode src = sources.addObject();
            src.put("path", in.path().toString());
            src.put("format", in.reader().format());
            src.put("dataset", s.dataset() == null || s.dataset().isBlank() ? in.dataset() : s.dataset());
        }
        ArrayNode skipped = run.putArray("skipped_files");
        found.skipped().forEach(p -> skipped.add(p.toString()));
        run.put("frames_read", framesRead);
        run.put("rejects", rejects);
        try {
            return DatasetSidecar.json().writer().without(
                    com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
