package org.dpspark.featurize.job;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.dpspark.core.Elements;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.FramesTable;
import org.dpspark.model.env.SeAFrame;

/** Conversions between Spark rows and the featurize core: frames-table rows in, descriptor/environment rows out. */
public final class FeaturizeRows {
    private FeaturizeRows() {}

    /** The frames-table columns featurize reads (column pruning: forces and virials stay on disk). */
    public static final List<String> COLUMNS = List.of(FramesTable.FRAME_ID, FramesTable.DATASET, FramesTable.SPLIT,
            FramesTable.ATOMIC_NUMBERS, FramesTable.TYPE_LABELS, FramesTable.POSITIONS, FramesTable.CELL,
            FramesTable.PBC, FramesTable.ENERGY);

    /** A frame's featurize input from a frames-table row (with at least {@link #COLUMNS}). */
    public static FrameInput frame(Row r) {
        List<Integer> z = r.getList(r.fieldIndex(FramesTable.ATOMIC_NUMBERS));
        int[] zs = new int[z.size()];
        for (int k = 0; k < zs.length; k++) zs[k] = z.get(k);
        List<Boolean> p = r.getList(r.fieldIndex(FramesTable.PBC));
        boolean[] pbc = {p.get(0), p.get(1), p.get(2)};
        int e = r.fieldIndex(FramesTable.ENERGY);
        return new FrameInput(r.getAs(FramesTable.FRAME_ID), r.getAs(FramesTable.DATASET), r.getAs(FramesTable.SPLIT),
                zs, r.<String>getList(r.fieldIndex(FramesTable.TYPE_LABELS)).toArray(String[]::new),
                FrameRows.doubles(r, FramesTable.POSITIONS), FrameRows.doubles(r, FramesTable.CELL), pbc,
                r.isNullAt(e) ? null : r.getDouble(e));
    }

    /** A descriptors-table row of atom i ({@code DescriptorsTable.SCHEMA} order); {@code d} is natoms×dim. */
    public static Row descriptorRow(FrameInput f, int i, double[] d, int dim) {
        return RowFactory.create(f.frameId(), f.dataset(), i, Elements.symbol(f.atomicNumbers()[i]),
                f.typeLabels()[i], Arrays.copyOfRange(d, i * dim, (i + 1) * dim));
    }

    /** An environments-table row of atom i ({@code EnvironmentsTable.SCHEMA} order). */
    public static Row environmentRow(FrameInput f, int i, int type, SeAFrame e) {
        int n = e.nnei();
        return RowFactory.create(f.frameId(), i, type,
                Arrays.copyOfRange(e.env(), 4 * n * i, 4 * n * (i + 1)),
                Arrays.copyOfRange(e.deriv(), 12 * n * i, 12 * n * (i + 1)),
                Arrays.copyOfRange(e.rij(), 3 * n * i, 3 * n * (i + 1)),
                Arrays.copyOfRange(e.nlist(), n * i, n * (i + 1)));
    }
}
