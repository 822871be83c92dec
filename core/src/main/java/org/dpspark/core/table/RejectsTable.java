package org.dpspark.core.table;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;

/**
 * The rejects (quarantine) table: one row per record that could not become a frame, with the reason.
 * A Delta table in {@code <frames table>/_rejects/}, partitioned like the frames table by {@code ingest_run}.
 */
public final class RejectsTable {
    private RejectsTable() {}

    public static final String REJECT_ID = "reject_id";
    public static final String DATASET = "dataset";
    public static final String SOURCE_FILE = "source_file";
    public static final String SOURCE_INDEX = "source_index";
    public static final String LINE = "line";
    public static final String FORMAT = "format";
    public static final String REASON = "reason";
    public static final String MESSAGE = "message";

    /** Folder of the rejects table inside a frames table. */
    public static final String FOLDER = "_rejects";

    public static final TableSchema SCHEMA = new TableSchema("rejects", 1,
            "One row per record that did not become a frame. A Delta Lake table in `<frames>/_rejects/`.",
            List.of(
                    new Column(REJECT_ID, StringType, false, "-", "-",
                            "hash of source, index, reason and message; a re-run adds no duplicate"),
                    new Column(DATASET, StringType, false, "-", "-", "dataset name given at ingest"),
                    new Column(SOURCE_FILE, StringType, false, "-", "-", "file or system folder"),
                    new Column(SOURCE_INDEX, IntegerType, false, "-", "-",
                            "0-based frame index within the source; -1 when the whole file failed"),
                    new Column(LINE, IntegerType, true, "-", "-", "1-based line of a parse error, when known"),
                    new Column(FORMAT, StringType, false, "-", "-", "reader format, or `unknown`"),
                    new Column(REASON, StringType, false, "-", "-",
                            "reason code: " + String.join(", ", org.dpspark.core.RejectReason.codes())),
                    new Column(MESSAGE, StringType, false, "-", "-", "human-readable explanation")));
}
