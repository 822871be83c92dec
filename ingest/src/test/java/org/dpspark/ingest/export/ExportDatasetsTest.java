package org.dpspark.ingest.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.DataSplit;
import org.dpspark.core.Frame;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.testing.LocalSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export of a dataset the table does not have is a one-line error, not an empty success. */
class ExportDatasetsTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = LocalSpark.get();

    private static Frame frame(String dataset, int i) {
        return Frame.builder().dataset(dataset).sourceFile("f").sourceIndex(i).atomicNumbers(new int[] {8, 1})
                .typeLabels(new String[] {"O", "H"}).positions(new double[] {0, 0, 0, 0, 0, 0.95 + i * 1e-3})
                .pbc(new boolean[] {false, false, false}).energy(-1.0 - i).forces(new double[] {0, 0, 0.1, 0, 0, -0.1})
                .build();
    }

    @Test
    void aMissingDatasetIsNamedWithThoseTheTableHas() {
        String table = tmp.resolve("frames").toString();
        List<Row> rows = List.of(FrameRows.toRow(frame("water", 0), new DataSplit(0.8, 0.1)),
                FrameRows.toRow(frame("ice", 1), new DataSplit(0.8, 0.1)));
        spark.createDataFrame(rows, FramesTable.SCHEMA.struct()).write().format("delta").save(table);
        Path out = tmp.resolve("out");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportJob.run(spark, table,
                out.toString(), ExportFormat.EXTXYZ, List.of("water", "wtaer"), null, List.of(), 0, "test"));
        assertEquals("table " + table + " has no dataset wtaer (its datasets: ice, water)", e.getMessage());
        assertFalse(Files.exists(out.resolve("water.xyz")), "nothing exported");
    }
}
