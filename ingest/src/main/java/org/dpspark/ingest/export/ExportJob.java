package org.dpspark.ingest.export;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.TableFiles;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.table.FramesTableInfo;

/**
 * The export job: a frames table (optionally one dataset or split) → extxyz files or deepmd/npy systems,
 * written by the executors, one output unit per group, frames in source order; or plain Parquet files of its rows.
 */
public final class ExportJob {
    private ExportJob() {}

    /** Name of the grouping column added to the rows. */
    static final String GROUP = "_export_group";

    /**
     * @param table    frames table
     * @param output   new folder (must not exist or be empty)
     * @param format   output format
     * @param datasets datasets to export (empty: all)
     * @param split    split to export (null: all)
     * @param typeMap  deepmd type map shared by all systems (empty: the table's type map)
     * @param setSize  frames per set.NNN (deepmd/npy)
     * @return output path (relative) → frames written
     */
    public static Map<String, Long> run(SparkSession spark, String table, String output, ExportFormat format,
                                        List<String> datasets, String split, List<String> typeMap, int setSize,
                                        String commandLine) {
        return run(spark, table, null, output, format, datasets, split, typeMap, setSize, commandLine);
    }

    /**
     * As {@link #run(SparkSession, String, String, ExportFormat, List, String, List, int, String)}, of the table as
     * of {@code version} (null: the current version).
     */
    public static Map<String, Long> run(SparkSession spark, String table, Long version, String output,
                                        ExportFormat format, List<String> datasets, String split,
                                        List<String> typeMap, int setSize, String commandLine) {
        Path out = Path.of(output);
        requireEmpty(out);
        Dataset<Row> all = DeltaTables.read(spark, table, version);
        Dataset<Row> rows = all;
        if (!datasets.isEmpty()) {
            requireDatasets(all, datasets, table);
            rows = rows.filter(col(FramesTable.DATASET).isin(datasets.toArray()));
        }
        if (split != null) {
            rows = rows.filter(col(FramesTable.SPLIT).equalTo(split));
        }
        List<String> types0 = typeMap.isEmpty() ? null : typeMap;
        if (format == ExportFormat.PARQUET) {
            Map<String, Long> written = ParquetExport.write(spark, rows, out);
            writeSidecar(out, table, version != null ? version : DeltaTables.versionOrNull(spark, table), format,
                    types0 != null ? types0 : FramesTableInfo.typeMap(all), written, commandLine);
            return written;
        }
        rows = rows.withColumn(GROUP, format.groupColumn());
        List<String> types = typeMap.isEmpty() ? FramesTableInfo.typeMap(all) : typeMap;
        Map<String, String> paths = unitPaths(format, rows);
        StructType unitSchema = new StructType().add("group", DataTypes.StringType).add("path", DataTypes.StringType)
                .add("frames", DataTypes.LongType);
        List<Row> units = rows.repartition(col(GROUP))
                .sortWithinPartitions(col(GROUP), col(FramesTable.SOURCE_FILE), col(FramesTable.SOURCE_INDEX))
                .mapPartitions(new ExportPartitionFn(format, out.toAbsolutePath().toString(), paths, types, setSize),
                        org.apache.spark.sql.Encoders.row(unitSchema))
                .collectAsList();
        Map<String, Long> written = new LinkedHashMap<>();
        units.stream().sorted((a, b) -> a.getString(1).compareTo(b.getString(1)))
                .forEach(r -> written.put(r.getString(1), r.getLong(2)));
        writeSidecar(out, table, version != null ? version : DeltaTables.versionOrNull(spark, table), format, types,
                written, commandLine);
        return written;
    }

    /** Relative output path of every group; equal paths get {@code .1}, {@code .2}, … in group order. */
    private static Map<String, String> unitPaths(ExportFormat format, Dataset<Row> rows) {
        List<Row> groups = rows.select(col(GROUP), col(FramesTable.DATASET), col(FramesTable.TYPE_LABELS),
                col(FramesTable.CELL).isNull()).dropDuplicates(GROUP).orderBy(GROUP).collectAsList();
        Map<String, String> paths = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (Row g : groups) {
            String base = format.unitPath(g.getString(1), g.getList(2), g.getBoolean(3));
            String path = base;
            for (int k = 1; !used.add(path); k++) {
                path = base + "." + k;
            }
            paths.put(g.getString(0), path);
        }
        return paths;
    }

    /** One line naming the datasets asked for that the table does not have, and those it has. */
    static void requireDatasets(Dataset<Row> all, List<String> datasets, String table) {
        Set<String> present = new java.util.TreeSet<>(all.select(FramesTable.DATASET).distinct()
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        List<String> missing = datasets.stream().filter(d -> !present.contains(d)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("table " + table + " has no dataset " + String.join(", ", missing)
                    + " (its datasets: " + String.join(", ", present) + ")");
        }
    }

    private static void requireEmpty(Path out) {
        if (!Files.exists(out)) {
            return;
        }
        try (Stream<Path> s = Files.list(out)) {
            if (s.findAny().isPresent()) {
                throw new IllegalArgumentException("export folder " + out + " exists and is not empty");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSidecar(Path out, String table, Long version, ExportFormat format, List<String> types,
                                     Map<String, Long> written, String commandLine) {
        DatasetSidecar car = DatasetSidecar.create("export", 1);
        ObjectNode root = car.root();
        root.put("format", format.formatName());
        root.put("source_table", table);
        if (version != null) {
            root.put("source_table_version", version);
        }
        ArrayNode tm = root.putArray("type_map");
        types.forEach(tm::add);
        ObjectNode units = root.putObject("frames_per_output");
        written.forEach(units::put);
        root.put("frames", written.values().stream().mapToLong(Long::longValue).sum());
        car.addRun("export", commandLine, DatasetSidecar.json().createObjectNode());
        car.write(new TableFiles(new org.apache.hadoop.conf.Configuration()), out.toAbsolutePath().toString());
    }
}
