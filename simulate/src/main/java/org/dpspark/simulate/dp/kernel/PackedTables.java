package org.dpspark.simulate.dp.kernel;

import java.util.List;
import org.dpspark.model.compress.EmbeddingTable;
import org.dpspark.model.compress.TableGrid;

/**
 * A compressed model's embedding tables ({@link EmbeddingTable}) flattened for the kernels: the coefficients of every
 * net one after another ({@code coef}, each nspline × 6 × M as the table holds them, net k from {@code offset[k]}) and
 * per net its grid ({@link TableGrid}: lower, upper, max, the two strides and interval counts).
 */
final class PackedTables {
    final double[] coef;
    final int[] offset;
    final double[] lower;
    final double[] upper;
    final double[] max;
    final double[] stride0;
    final double[] stride1;
    final int[] n0;
    final int[] n1;
    /** M, output neurons of every table. */
    final int width;

    PackedTables(List<EmbeddingTable> tables) {
        int n = tables.size();
        offset = new int[n];
        lower = new double[n];
        upper = new double[n];
        max = new double[n];
        stride0 = new double[n];
        stride1 = new double[n];
        n0 = new int[n];
        n1 = new int[n];
        width = tables.get(0).width();
        int total = 0;
        for (int k = 0; k < n; k++) {
            EmbeddingTable t = tables.get(k);
            if (t.width() != width) throw new IllegalArgumentException("tables of different widths: " + t.width() + " != " + width);
            TableGrid g = t.grid();
            offset[k] = total;
            total += t.coef().length;
            lower[k] = g.lower();
            upper[k] = g.upper();
            max[k] = g.max();
            stride0[k] = g.stride0();
            stride1[k] = g.stride1();
            n0[k] = g.n0();
            n1[k] = g.n1();
        }
        coef = new double[total];
        for (int k = 0; k < n; k++) {
            double[] c = tables.get(k).coef();
            System.arraycopy(c, 0, coef, offset[k], c.length);
        }
    }
}
