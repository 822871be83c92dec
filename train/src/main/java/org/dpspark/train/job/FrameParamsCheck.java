package org.dpspark.train.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dpspark.core.table.FramesTable;
import org.dpspark.model.EnerFitting;

/**
 * Before a model with frame or atomic parameters (DeePMD-kit's numb_fparam / numb_aparam) is run on frames of the
 * frames table: every selected frame must carry them in the shape the model takes (fparam: numb_fparam values, unless
 * the model has a default_fparam; aparam: natoms × numb_aparam values). The first dataset that does not is named in a
 * one-line error, with the number of its frames at fault, before any prediction starts.
 */
final class FrameParamsCheck {
    private FrameParamsCheck() {}

    /**
     * @param rows the selected rows of the frames table
     * @param fitting the model's fitting
     * @throws IllegalArgumentException naming the first dataset with frames the model cannot take
     */
    static void check(Dataset<Row> rows, EnerFitting fitting) {
        check(rows, fitting.numbFparam(), fitting.numbAparam(), fitting.defaultFparam() != null);
    }

    /**
     * @param rows the selected rows of the frames table
     * @param nfp frame parameters per frame (numb_fparam), 0 for none
     * @param nap atomic parameters per atom (numb_aparam), 0 for none
     * @param hasDefault whether frames without fparam take a default_fparam
     * @throws IllegalArgumentException naming the first dataset with frames that do not carry them in that shape
     */
    static void check(Dataset<Row> rows, int nfp, int nap, boolean hasDefault) {
        if (nfp > 0) {
            Column fp = col(FramesTable.FPARAM);
            if (!hasDefault) {
                refuse(rows, fp.isNull(), "without fparam: the model takes numb_fparam = " + nfp
                        + " frame parameters and has no default_fparam");
            }
            firstBadShape(rows, fp.isNotNull().and(size(fp).notEqual(lit(nfp))), FramesTable.FPARAM,
                    "values of fparam, the model takes numb_fparam = " + nfp);
        }
        if (nap > 0) {
            Column ap = col(FramesTable.APARAM);
            refuse(rows, ap.isNull(), "without aparam: the model takes numb_aparam = " + nap + " atomic parameters per atom");
            firstBadShape(rows, ap.isNotNull().and(size(ap).notEqual(size(col(FramesTable.ATOMIC_NUMBERS)).multiply(nap))),
                    FramesTable.APARAM, "values of aparam for " + nap + " per atom (numb_aparam = " + nap + ")");
        }
    }

    private static void refuse(Dataset<Row> rows, Column bad, String what) {
        List<Row> r = rows.filter(bad).groupBy(FramesTable.DATASET).agg(count(lit(1))).orderBy(FramesTable.DATASET)
                .limit(1).collectAsList();
        if (!r.isEmpty()) {
            throw new IllegalArgumentException("dataset " + r.get(0).getString(0) + ": " + r.get(0).getLong(1)
                    + " frames " + what);
        }
    }

    private static void firstBadShape(Dataset<Row> rows, Column bad, String column, String what) {
        List<Row> r = rows.filter(bad).groupBy(FramesTable.DATASET)
                .agg(count(lit(1)), first(size(col(column))), first(size(col(FramesTable.ATOMIC_NUMBERS))))
                .orderBy(FramesTable.DATASET).limit(1).collectAsList();
        if (!r.isEmpty()) {
            Row x = r.get(0);
            throw new IllegalArgumentException("dataset " + x.getString(0) + ": " + x.getLong(1) + " frames with the wrong"
                    + " number of " + column + " values (e.g. " + x.getInt(2) + " for " + x.getInt(3) + " atoms); "
                    + "expected " + what);
        }
    }
}
