package org.dpspark.ingest.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.dpspark.core.Frame;
import org.dpspark.core.table.FramesTable;
import org.dpspark.ingest.deepmd.DeepmdNpyWriter;
import org.dpspark.ingest.deepmd.DeepmdSystems;
import org.dpspark.ingest.extxyz.ExtxyzWriter;

/**
 * The formats frames can be exported to, each with how rows group into output units (files or systems)
 * and how one unit is written. Pure Java apart from the grouping column.
 */
public enum ExportFormat {
    /** One extended-XYZ file per dataset, readable by ASE ({@code ase.io.read(f, ':')}). */
    EXTXYZ("extxyz") {
        @Override
        public Column groupColumn() {
            return col(FramesTable.DATASET);
        }

        @Override
        public String unitPath(String dataset, List<String> labels, boolean molecule) {
            return safe(dataset) + ".xyz";
        }

        @Override
        public long write(Iterator<Frame> frames, Path target, List<String> typeMap) throws IOException {
            long n = 0;
            try (ExtxyzWriter w = ExtxyzWriter.create(target)) {
                while (frames.hasNext()) {
                    w.write(frames.next());
                    n++;
                }
            }
            return n;
        }
    },
    /** One deepmd/npy system folder per (dataset, atom type sequence, periodic or not), readable by DeePMD-kit and dpdata. */
    DEEPMD_NPY("deepmd/npy") {
        @Override
        public Column groupColumn() {
            return concat_ws("|", col(FramesTable.DATASET), concat_ws(",", col(FramesTable.TYPE_LABELS)),
                    col(FramesTable.CELL).isNull().cast("string"));
        }

        @Override
        public String unitPath(String dataset, List<String> labels, boolean molecule) {
            return safe(dataset) + "/" + OutputPaths.component(new DeepmdSystems.SystemKey(dataset, labels, molecule).name());
        }

        @Override
        public long write(Iterator<Frame> frames, Path target, List<String> typeMap) throws IOException {
            try (DeepmdNpyWriter w = new DeepmdNpyWriter(target, SET_SIZE.get(), typeMap)) {
                while (frames.hasNext()) {
                    w.add(frames.next());
                }
                w.close();
                return w.summary().frames();
            }
        }
    },
    /**
     * Plain Parquet files of the frames table's columns ({@code frames/part-*.parquet}), for tools that read Parquet but
     * not Delta: written by Spark in one job ({@link ParquetExport}), not unit by unit.
     */
    PARQUET("parquet") {
        @Override
        public Column groupColumn() {
            return org.apache.spark.sql.functions.lit(ParquetExport.FOLDER);
        }

        @Override
        public String unitPath(String dataset, List<String> labels, boolean molecule) {
            return ParquetExport.FOLDER;
        }

        @Override
        public long write(Iterator<Frame> frames, Path target, List<String> typeMap) {
            throw new UnsupportedOperationException("parquet is written by ParquetExport in one Spark job");
        }
    };

    /** Frames per set.NNN of deepmd/npy output, set by the export job from its configuration. */
    static final ThreadLocal<Integer> SET_SIZE = ThreadLocal.withInitial(() -> 5000);

    private final String formatName;

    ExportFormat(String name) {
        this.formatName = name;
    }

    /** Name as given to {@code --format}. */
    public String formatName() {
        return formatName;
    }

    /** Spark expression whose value is the same for all rows of one output unit. */
    public abstract Column groupColumn();

    /** Output path of a unit, relative to the export folder (before disambiguation of equal paths). */
    public abstract String unitPath(String dataset, List<String> labels, boolean molecule);

    /** Writes one unit's frames (in order) to {@code target}; returns the frames written. */
    public abstract long write(Iterator<Frame> frames, Path target, List<String> typeMap) throws IOException;

    public static ExportFormat of(String name) {
        for (ExportFormat f : values()) {
            if (f.formatName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown export format '" + name + "'; known: extxyz, deepmd/npy, parquet");
    }

    /** A dataset name as a relative path: separators kept, anything odd replaced by '_'. */
    static String safe(String dataset) {
        return OutputPaths.relative(dataset);
    }
}
