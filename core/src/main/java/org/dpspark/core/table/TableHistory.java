package org.dpspark.core.table;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The commits of a Delta table, oldest first, as Delta's log records them: version, time, operation, the
 * writer's run record ({@code userMetadata}: for ingest the run id, command line, configuration and sources)
 * and Delta's operation metrics (for a merge, {@code numTargetRowsInserted}: the rows the commit added).
 */
public final class TableHistory {
    private TableHistory() {}

    /** One commit of the table. */
    public record Commit(long version, String timestamp, String operation, String runRecord,
                         Map<String, String> metrics) {
        /** Rows the commit added (inserted by a merge, or written by an append), 0 when none. */
        public long rowsAdded() {
            String n = metrics.getOrDefault("numTargetRowsInserted", metrics.get("numOutputRows"));
            return n == null ? 0 : Long.parseLong(n);
        }
    }

    /** Every commit up to {@code version} (null: all), oldest first. */
    public static List<Commit> commits(SparkSession spark, String table, Long version) {
        List<Commit> out = new ArrayList<>();
        for (Row r : DeltaTable.forPath(spark, table).history()
                .select("version", "timestamp", "operation", "userMetadata", "operationMetrics")
                .orderBy("version").collectAsList()) {
            if (version != null && r.getLong(0) > version) {
                break;
            }
            Map<String, String> metrics = new TreeMap<>();
            if (!r.isNullAt(4)) {
                metrics.putAll(r.getJavaMap(4));
            }
            out.add(new Commit(r.getLong(0), String.valueOf(r.get(1)), r.getString(2),
                    r.isNullAt(3) ? null : r.getString(3), metrics));
        }
        return out;
    }

    /**
     * The run record ({@code userMetadata}) of the table's latest commit, or null when it has none; for a table
     * replaced by {@link DeltaReplace} this is what the run that wrote the current version recorded.
     */
    public static String latestRunRecord(SparkSession spark, String table) {
        Row r = DeltaTable.forPath(spark, table).history(1).select("userMetadata").first();
        return r.isNullAt(0) ? null : r.getString(0);
    }
}
