package org.dpspark.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.job.IngestJob;
import org.dpspark.ingest.job.IngestSettings;
import org.dpspark.ingest.job.IngestSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingests started together into one table (the lost-frames scenario): every run lands, the table
 * ends with exactly the distinct frames of all inputs, each once, equal to one clean sequential ingest.
 */
class IngestConcurrencyIT {
    private final SparkSession spark = LocalSpark.get();

    private static String water(String system) {
        return SharedData.path("deepmd/water/" + system).toString();
    }

    private Set<String> ids(Path table) {
        return new TreeSet<>(DeltaTables.read(spark, table.toString()).select(FramesTable.FRAME_ID)
                .as(Encoders.STRING()).collectAsList());
    }

    /** Runs the ingests at the same moment (one thread each); returns their summaries. */
    private static List<IngestSummary> together(Path table, List<List<String>> inputs) throws Exception {
        CyclicBarrier start = new CyclicBarrier(inputs.size());
        ExecutorService pool = Executors.newFixedThreadPool(inputs.size());
        try {
            List<Future<IngestSummary>> runs = new ArrayList<>();
            for (List<String> in : inputs) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return IngestJob.run(LocalSpark.get(),
                            IngestSettings.defaults(in, table.toString(), "", "IngestConcurrencyIT"));
                }));
            }
            List<IngestSummary> out = new ArrayList<>();
            for (Future<IngestSummary> f : runs) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    private void assertExactly(Path table, Set<String> expected, List<IngestSummary> runs, String what) {
        long rows = DeltaTables.read(spark, table.toString()).count();
        long written = runs.stream().mapToLong(IngestSummary::framesWritten).sum();
        System.out.printf("%s: %d rows in the table, %d distinct ids expected, runs wrote %d%n", what, rows,
                expected.size(), written);
        assertEquals(expected.size(), rows, what + ": rows");
        assertEquals(expected, ids(table), what + ": exactly the distinct frames");
        assertEquals(expected.size(), written, what + ": frames the runs report written");
        assertEquals(0, DeltaTables.read(spark, table.toString()).groupBy(FramesTable.FRAME_ID).count()
                .filter(col("count").gt(1)).count(), what + ": no id twice");
    }

    @Test
    void threeOverlappingWritersEndWithExactlyTheDistinctFrames(@TempDir Path tmp) throws Exception {
        Path clean = tmp.resolve("clean");
        IngestJob.run(spark, IngestSettings.defaults(List.of(water("data_0"), water("data_2"), water("data_3")),
                clean.toString(), "", "clean"));
        Set<String> expected = ids(clean);

        Path table = tmp.resolve("frames");
        // A+B, B+C, C started together.
        List<IngestSummary> runs = together(table, List.of(List.of(water("data_0"), water("data_2")),
                List.of(water("data_2"), water("data_3")), List.of(water("data_3"))));
        assertExactly(table, expected, runs, "three overlapping writers");

        List<IngestSummary> again = together(table, List.of(List.of(water("data_0")), List.of(water("data_3"))));
        assertEquals(0, again.stream().mapToLong(IngestSummary::framesWritten).sum(), "re-runs add nothing");
        assertEquals(expected, ids(table));
    }

    @Test
    void twoConcurrentIngestsOfDifferentDataBothLand(@TempDir Path tmp) throws Exception {
        String vasp = SharedData.path("vasp/OUTCAR.h2o.md").toString();
        Path clean = tmp.resolve("clean");
        IngestJob.run(spark, IngestSettings.defaults(List.of(water("data_3"), vasp), clean.toString(), "", "clean"));
        Set<String> expected = ids(clean);
        Path table = tmp.resolve("frames");
        List<IngestSummary> runs = together(table, List.of(List.of(water("data_3")), List.of(vasp)));
        assertExactly(table, expected, runs, "two concurrent writers");
    }
}
