package org.dpspark.model;

import java.util.ArrayList;
import java.util.List;

/** Conversion between NumPy-style nested lists ({@code ndarray.tolist()}) and flat row-major arrays. */
final class NestedLists {
    private NestedLists() {}

    /** Flattens a rectangular nested list of numbers (or a bare number, a 0-d array). */
    static NdArray toArray(Object value, String dtype, String path) {
        List<Integer> shape = new ArrayList<>();
        Object v = value;
        while (v instanceof List) {
            List<?> l = (List<?>) v;
            shape.add(l.size());
            if (l.isEmpty()) break;
            v = l.get(0);
        }
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        long n = 1;
        for (int d : dims) n *= d;
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("array too large at " + path);
        double[] out = new double[(int) n];
        int[] pos = {0};
        fill(value, dims, 0, out, pos, path);
        return new NdArray(dtype, dims, out);
    }

    private static void fill(Object v, int[] dims, int depth, double[] out, int[] pos, String path) {
        if (depth == dims.length) {
            if (!(v instanceof Number)) throw new IllegalArgumentException("expected a number in the array at " + path + ", got " + v);
            out[pos[0]++] = ((Number) v).doubleValue();
            return;
        }
        if (!(v instanceof List) || ((List<?>) v).size() != dims[depth]) {
            throw new IllegalArgumentException("ragged array at " + path + " (dimension " + depth + ")");
        }
        for (Object x : (List<?>) v) fill(x, dims, depth + 1, out, pos, path);
    }
}
