package org.dpspark.core.table;

import static org.dpspark.core.table.FramesTable.*;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.dpspark.core.DataSplit;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;

/** Conversion between {@link Frame}/{@link Reject} and rows of {@link FramesTable}/{@link RejectsTable}. */
public final class FrameRows {
    private FrameRows() {}

    /** A frames-table row (columns in {@link FramesTable#SCHEMA} order). */
    public static Row toRow(Frame f, DataSplit split) {
        String id = f.id();
        return RowFactory.create(id, f.dataset(), f.sourceFile(), f.sourceIndex(), f.natoms(), f.formula(),
                f.atomicNumbers(), f.typeLabels(), f.positions(), f.cell(), f.pbc(), f.energy(), f.forces(),
                f.virial(), f.fparam(), f.aparam(), split.assign(id));
    }

    /** A frame from a frames-table row (extra columns such as {@code ingest_run} are ignored). */
    public static Frame fromRow(Row r) {
        return Frame.builder()
                .dataset(r.getAs(DATASET))
                .sourceFile(r.getAs(SOURCE_FILE))
                .sourceIndex(r.<Integer>getAs(SOURCE_INDEX))
                .atomicNumbers(ints(r.getList(r.fieldIndex(ATOMIC_NUMBERS))))
                .typeLabels(r.<String>getList(r.fieldIndex(TYPE_LABELS)).toArray(String[]::new))
                .positions(doubles(r, POSITIONS))
                .cell(doubles(r, CELL))
                .pbc(booleans(r.getList(r.fieldIndex(PBC))))
                .energy(r.isNullAt(r.fieldIndex(ENERGY)) ? null : r.<Double>getAs(ENERGY))
                .forces(doubles(r, FORCES))
                .virial(doubles(r, VIRIAL))
                .fparam(doubles(r, FPARAM))
                .aparam(doubles(r, APARAM))
                .build();
    }

    /** A rejects-table row (columns in {@link RejectsTable#SCHEMA} order). */
    public static Row toRow(Reject j) {
        return RowFactory.create(j.id(), j.dataset(), j.sourceFile(), j.sourceIndex(), j.line(), j.format(),
                j.reason().code(), j.message());
    }

    /** A double array column, or null. */
    public static double[] doubles(Row r, String column) {
        int i = r.fieldIndex(column);
        if (r.isNullAt(i)) {
            return null;
        }
        List<Double> list = r.getList(i);
        double[] a = new double[list.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = list.get(k);
        }
        return a;
    }

    private static int[] ints(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = list.get(k);
        }
        return a;
    }

    private static boolean[] booleans(List<Boolean> list) {
        boolean[] a = new boolean[list.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = list.get(k);
        }
        return a;
    }
}
