package org.dpspark.core.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * What used to be written beside the frames table in {@code _dataset.json}, now derived from the table itself
 * so it can never disagree with it: the type map (every type label in the rows, sorted), and the frame ids'
 * digest that names exactly which frames a job read. Run records live in the Delta log (see
 * {@link TableHistory}).
 */
public final class FramesTableInfo {
    private FramesTableInfo() {}

    /** The sorted distinct type labels of the rows (the default deepmd type map). */
    public static List<String> typeMap(Dataset<Row> frames) {
        return new ArrayList<>(new TreeSet<>(frames.select(explode(col(FramesTable.TYPE_LABELS)))
                .distinct().as(Encoders.STRING()).collectAsList()));
    }

    /**
     * SHA-256 (hex) of the rows' distinct frame ids in sorted order, one per line: equal digests mean the same
     * set of frames whatever the order or partitioning of the rows. The ids stream to the driver a partition
     * at a time.
     */
    public static String frameIdDigest(Dataset<Row> frames) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Iterator<String> ids = frames.select(FramesTable.FRAME_ID).distinct().orderBy(FramesTable.FRAME_ID)
                .as(Encoders.STRING()).toLocalIterator();
        while (ids.hasNext()) {
            md.update((ids.next() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
