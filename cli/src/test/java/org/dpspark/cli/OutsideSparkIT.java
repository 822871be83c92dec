package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frames table read without Spark, as a user outside Spark would: with Delta Kernel (Delta's own Java reader,
 * {@code io.delta:delta-kernel-defaults}, no SparkSession) and, after {@code export --format parquet}, with a plain
 * Parquet reader (parquet-hadoop). Both see exactly the rows Spark reads (two ingests: two commits), frame id by
 * frame id with their energies.
 */
class OutsideSparkIT {
    @TempDir Path dir;

    @Test
    void kernelAndParquetReadersSeeWhatSparkSees() throws Exception {
        Path table = dir.resolve("frames");
        Cli.run("ingest", "-i", SharedData.path("vasp/OUTCAR.h2o.md").toString(), "-o", table.toString());
        Cli.run("ingest", "-i", SharedData.path("extxyz/xyz_unittest.xyz").toString(),
                SharedData.path("deepmd/nopbc-CHO/C4H3O1").toString(), "-o", table.toString());
        Map<String, Double> spark = new TreeMap<>();
        for (org.apache.spark.sql.Row r : DeltaTables.read(LocalSpark.get(), table.toString())
                .select(FramesTable.FRAME_ID, FramesTable.ENERGY).collectAsList()) {
            spark.put(r.getString(0), r.getDouble(1));
        }
        assertEquals(3 + 3 + 15, spark.size());

        Map<String, Double> kernel = kernelRead(table);
        assertEquals(spark, kernel, "Delta Kernel reads the rows Spark reads");

        Path export = dir.resolve("export");
        String printed = Cli.run("export", "--frames", table.toString(), "--format", "parquet", "-o", export.toString());
        assertTrue(printed.contains("exported 21 frames as parquet"), printed);
        assertEquals(spark, parquetRead(export.resolve("frames")), "the Parquet export holds the rows Spark reads");
    }

    /** frame id → energy of the latest version, through Delta Kernel's default engine. */
    private static Map<String, Double> kernelRead(Path table) throws Exception {
        Engine engine = DefaultEngine.create(new Configuration());
        Snapshot snapshot = Table.forPath(engine, table.toString()).getLatestSnapshot(engine);
        assertEquals(1, snapshot.getVersion(engine), "two ingests: versions 0 and 1");
        Scan scan = snapshot.getScanBuilder(engine).withReadSchema(engine, new io.delta.kernel.types.StructType()
                .add(FramesTable.FRAME_ID, io.delta.kernel.types.StringType.STRING)
                .add(FramesTable.ENERGY, io.delta.kernel.types.DoubleType.DOUBLE)).build();
        Row state = scan.getScanState(engine);
        Map<String, Double> rows = new TreeMap<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> fileRows = files.next().getRows()) {
                    while (fileRows.hasNext()) {
                        Row fileRow = fileRows.next();
                        FileStatus file = InternalScanFileUtils.getAddFileStatus(fileRow);
                        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler().readParquetFiles(
                                io.delta.kernel.internal.util.Utils.singletonCloseableIterator(file),
                                ScanStateRow.getPhysicalDataReadSchema(engine, state), Optional.empty());
                        try (CloseableIterator<FilteredColumnarBatch> data = Scan.transformPhysicalData(engine, state,
                                fileRow, physical)) {
                            while (data.hasNext()) {
                                collect(data.next(), rows);
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    private static void collect(FilteredColumnarBatch b, Map<String, Double> rows) {
        ColumnarBatch data = b.getData();
        ColumnVector ids = data.getColumnVector(0);
        ColumnVector energies = data.getColumnVector(1);
        Optional<ColumnVector> selected = b.getSelectionVector();
        for (int i = 0; i < data.getSize(); i++) {
            if (selected.isPresent() && (selected.get().isNullAt(i) || !selected.get().getBoolean(i))) {
                continue;
            }
            rows.put(ids.getString(i), energies.getDouble(i));
        }
    }

    /** frame id → energy of every Parquet file in a folder, with parquet-hadoop's example reader. */
    private static Map<String, Double> parquetRead(Path folder) throws Exception {
        Map<String, Double> rows = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".parquet")).toList());
        }
        for (Path f : files) {
            try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(),
                    new org.apache.hadoop.fs.Path(f.toUri())).build()) {
                for (Group g = r.read(); g != null; g = r.read()) {
                    rows.put(g.getString(FramesTable.FRAME_ID, 0), g.getDouble(FramesTable.ENERGY, 0));
                }
            }
        }
        return rows;
    }
}
