package org.dpspark.core.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dpspark.core.DatasetSidecar;

/**
 * Which frames a job read (train, test, the loop's steps), so "which data made this result" has an answer: the
 * frames table, its Delta version (null for a plain-Parquet table from before Delta, which has none), the digest of
 * the frame ids read ({@link FramesTableInfo#frameIdDigest}) and their number. Written as {@value #FILE_NAME} beside
 * the job's results.
 *
 * @param table   frames table folder
 * @param version Delta version read (time travel: {@code --version N}), null when the table has none
 * @param digest  SHA-256 (hex) of the sorted distinct frame ids read
 * @param frames  distinct frames read
 */
public record FramesUsed(String table, Long version, String digest, long frames) {
    /** File name of the record beside a job's results. */
    public static final String FILE_NAME = "frames_used.json";

    /** The record of {@code rows}, read from {@code table} as of {@code version}. */
    public static FramesUsed of(String table, Long version, Dataset<Row> rows) {
        return new FramesUsed(table, version, FramesTableInfo.frameIdDigest(rows),
                rows.select(FramesTable.FRAME_ID).distinct().count());
    }

    /** The record as JSON fields {@code frames_table, frames_version, frames_id_digest, frames_read}. */
    public ObjectNode json() {
        ObjectNode n = DatasetSidecar.json().createObjectNode();
        n.put("frames_table", table);
        if (version == null) {
            n.putNull("frames_version");
        } else {
            n.put("frames_version", version);
        }
        n.put("frames_id_digest", digest);
        n.put("frames_read", frames);
        return n;
    }

    /** Writes {@code dir/frames_used.json}; returns its path. */
    public Path write(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            DatasetSidecar.json().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One line for a job's report. */
    public String describe() {
        return "frames table " + table + " version " + (version == null ? "(plain Parquet, none)" : version) + ", "
                + frames + " frames, id digest (SHA-256) " + digest;
    }
}
