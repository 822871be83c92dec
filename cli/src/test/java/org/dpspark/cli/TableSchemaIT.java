package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.table.RejectsTable;
import org.dpspark.core.table.TableSchema;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every run writes the same schema whatever its input: ingests of different formats (a molecule without cell or
 * virial, periodic frames with a virial, a garbage file for the rejects), in either order, leave Delta tables whose
 * schema is the declared one (names, types, nullability), set once by the table's first version (no later schema
 * change, no schema merge), and whose Parquet files all carry one identical Parquet schema.
 */
class TableSchemaIT {
    @TempDir Path dir;

    private static final List<String> NO_CELL = List.of(SharedData.path("deepmd/nopbc-CHO/C4H3O1").toString());
    private static final List<String> PERIODIC = List.of(SharedData.path("extxyz/xyz_unittest.xyz").toString(),
            SharedData.path("vasp/OUTCAR.h2o.md").toString());

    @Test
    void differentInputsWriteOneSchema() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.xyz"), "3\nnot a comment line\nX 1 2\n");
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        ingest(a, NO_CELL);
        ingest(a, PERIODIC);
        ingest(a, List.of(garbage.toString()));
        ingest(b, List.of(garbage.toString()));
        ingest(b, PERIODIC);
        ingest(b, NO_CELL);
        Set<MessageType> frames = new java.util.HashSet<>();
        Set<MessageType> rejects = new java.util.HashSet<>();
        for (Path t : List.of(a, b)) {
            assertDeclared(FramesTable.SCHEMA, t);
            assertDeclared(RejectsTable.SCHEMA, t.resolve(RejectsTable.FOLDER));
            frames.addAll(parquetSchemas(t));
            rejects.addAll(parquetSchemas(t.resolve(RejectsTable.FOLDER)));
        }
        assertEquals(1, frames.size(), "one Parquet schema in every frames file of both tables:\n" + frames);
        assertEquals(1, rejects.size(), "one Parquet schema in every rejects file of both tables:\n" + rejects);
    }

    private static void ingest(Path table, List<String> inputs) {
        List<String> args = new ArrayList<>(List.of("ingest", "-o", table.toString(), "-i"));
        args.addAll(inputs);
        Cli.run(args.toArray(String[]::new));
    }

    /**
     * The Delta schema is the declared one plus the partition column, every column nullable (Delta stores the columns
     * of a table created by a DataFrame write as nullable; the declared not-null columns are guaranteed by ingest's
     * validation, see docs/schema.md), and only version 0 of the log sets table metadata.
     */
    private static void assertDeclared(TableSchema declared, Path table) throws IOException {
        StructType delta = io.delta.tables.DeltaTable.forPath(LocalSpark.get(), table.toString()).toDF().schema();
        List<String> expected = new ArrayList<>();
        for (String c : bare(declared.struct().add(FramesTable.INGEST_RUN, org.apache.spark.sql.types.DataTypes.StringType))) {
            expected.add(c.replace(" not null", " null"));
        }
        assertEquals(expected, bare(delta), table.toString());
        try (Stream<Path> log = Files.list(table.resolve("_delta_log"))) {
            for (Path v : log.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                boolean first = v.getFileName().toString().equals("00000000000000000000.json");
                assertEquals(first, Files.readString(v).contains("\"metaData\""), v + ": metadata only in version 0");
            }
        }
    }

    /** Names, types and nullability (the column documentation is metadata, not schema). */
    private static List<String> bare(StructType s) {
        List<String> out = new ArrayList<>();
        for (StructField f : s.fields()) {
            out.add(f.name() + " " + f.dataType().catalogString() + (f.nullable() ? " null" : " not null"));
        }
        return out;
    }

    /** The distinct Parquet schemas of the table's own data files (footers: nullability as required/optional). */
    private static Set<MessageType> parquetSchemas(Path table) throws IOException {
        Set<MessageType> schemas = new java.util.HashSet<>();
        Configuration conf = new Configuration();
        try (Stream<Path> files = Files.walk(table)) {
            List<Path> parquet = files.filter(p -> p.toString().endsWith(".parquet"))
                    .filter(p -> !table.relativize(p).getName(0).toString().startsWith("_")).toList(); // not _rejects/, _delta_log/
            assertFalse(parquet.isEmpty(), table.toString());
            for (Path p : parquet) {
                try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                        new org.apache.hadoop.fs.Path(p.toUri()), conf))) {
                    schemas.add(r.getFooter().getFileMetaData().getSchema());
                }
            }
        }
        assertTrue(schemas.size() >= 1);
        return schemas;
    }
}
