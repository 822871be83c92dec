package org.dpspark.bench.ingest;

import org.dpspark.bench.WaterDataGenerator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.JobConfig;
import org.dpspark.ingest.job.IngestJob;
import org.dpspark.ingest.job.IngestSettings;
import org.dpspark.ingest.job.IngestSummary;

/**
 * Ingest throughput on a generated water-sized dataset (192 atoms a frame) against the direct-write floor
 * ({@link DirectParquetFloor}), at growing sizes so that the driver's retained heap can be seen to stay flat.
 */
public final class IngestBench {
    private IngestBench() {}

    /** One measured size. */
    public record Result(long frames, long bytes, double floorSeconds, double ingestSeconds, long framesWritten,
                         long retainedHeapBytes, long peakHeapBytes) {
        public double ratio() { return floorSeconds / ingestSeconds; }
    }

    /** @param config the job configuration: the ingest runs use its {@code ingest} section, the floor its split size */
    public static List<Result> run(SparkSession spark, Config config, Path work, List<Long> sizes, int framesPerSystem,
                                   int repeats) throws IOException {
        int splitFrames = config.getInt("ingest.split-frames");
        List<Result> results = new ArrayList<>();
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (long frames : sizes) {
            Path dir = work.resolve("n" + frames);
            deleteTree(dir);
            int systems = (int) Math.max(1, frames / framesPerSystem);
            long bytes = WaterDataGenerator.write(dir.resolve("raw"), systems, framesPerSystem, frames);
            List<Path> systemDirs;
            try (Stream<Path> s = Files.list(dir.resolve("raw"))) {
                systemDirs = s.sorted().toList();
            }
            ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
            // Best of `repeats` alternating runs of each: the machine is shared and the first run pays for JIT warm-up.
            double floor = Double.POSITIVE_INFINITY;
            double ingest = Double.POSITIVE_INFINITY;
            IngestSummary summary = null;
            for (int rep = 0; rep < repeats; rep++) {
                deleteTree(dir.resolve("floor"));
                deleteTree(dir.resolve("frames"));
                floor = Math.min(floor, DirectParquetFloor.run(spark, systemDirs, framesPerSystem, splitFrames,
                        dir.resolve("floor").toString()));
                IngestSettings settings = IngestSettings.fromConfig(config.withValue("ingest.dataset",
                        ConfigValueFactory.fromAnyRef("bench")), List.of(dir.resolve("raw").toString()),
                        dir.resolve("frames").toString(), "dpspark bench ingest", JobConfig.json(config, "ingest"));
                summary = IngestJob.run(spark, settings);
                ingest = Math.min(ingest, summary.seconds());
            }
            System.gc();
            long retained = mem.getHeapMemoryUsage().getUsed();
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            results.add(new Result((long) systems * framesPerSystem, bytes, floor, ingest,
                    summary.framesWritten(), retained, peak));
            deleteTree(dir);
        }
        return results;
    }

    public static String render(List<Result> results, int cores) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "ingest benchmark: deepmd/npy water-sized frames (192 atoms, float64), "
                + "%d Spark cores%n", cores));
        sb.append(String.format(Locale.ROOT, "%9s %9s %10s %10s %11s %9s %9s %12s %10s%n", "frames", "MB",
                "floor s", "ingest s", "frames/s", "MB/s", "ratio", "retained MB", "peak MB"));
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "%9d %9.0f %10.1f %10.1f %11.0f %9.1f %9.2f %12.0f %10.0f%n",
                    r.frames(), r.bytes() / 1e6, r.floorSeconds(), r.ingestSeconds(), r.frames() / r.ingestSeconds(),
                    r.bytes() / 1e6 / r.ingestSeconds(), r.ratio(), r.retainedHeapBytes() / 1e6,
                    r.peakHeapBytes() / 1e6));
        }
        sb.append("ratio = floor time / ingest time (target >= 0.7); floor = Spark writing the same arrays to Parquet "
                + "directly.\nretained = heap in use after the run and a GC (driver and local executors share this "
                + "JVM); it should not grow with the dataset.\n");
        return sb.toString();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
