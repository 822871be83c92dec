package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Encoders;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same jar on a real Spark standalone cluster (a Master and two Workers on loopback) through
 * bin/dpspark-submit: the outputs agree exactly with the local-mode run.
 */
class ClusterIT {
    @Test
    void ingestOnAStandaloneClusterEqualsTheLocalRun(@TempDir Path tmp) throws Exception {
        Path root = Path.of(System.getProperty("dpspark.root")).toAbsolutePath();
        String[] inputs = {SharedData.path("deepmd/water").toString(), SharedData.path("vasp/OUTCAR.h2o.md").toString(),
            SharedData.path("extxyz/TiAl_tutorial_DB_tenth.xyz").toString()};
        Path clusterTable = tmp.resolve("cluster-frames");
        String out;
        try (StandaloneCluster cluster = new StandaloneCluster(root, tmp, 2, 1, "1g")) {
            out = cluster.submit(tmp.resolve("submit-ingest.log"), List.of("--executor-memory", "768m"),
                    concat(new String[] {"ingest", "-o", clusterTable.toString(), "-i"}, inputs));
        }
        assertTrue(out.contains("frames written: 436"), out);
        Path localTable = tmp.resolve("local-frames");
        Cli.run(concat(new String[] {"ingest", "-o", localTable.toString(), "-i"}, inputs));
        assertEquals(ids(localTable), ids(clusterTable), "same frames, same ids");
        assertEquals(LocalSpark.get().read().parquet(localTable.toString()).select("frame_id", "split").except(
                LocalSpark.get().read().parquet(clusterTable.toString()).select("frame_id", "split")).count(), 0);
    }

    private static Set<String> ids(Path table) {
        return new TreeSet<>(LocalSpark.get().read().parquet(table.toString()).select("frame_id")
                .as(Encoders.STRING()).collectAsList());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = new String[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
