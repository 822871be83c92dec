package org.dpspark.ingest.npy;

import java.util.Arrays;

/**
 * An array read from a {@code .npy}: its shape and its values as doubles in C (row-major) order, whatever
 * the file's order. A 0-d array has an empty shape and one value.
 *
 * @param shape  shape, e.g. {@code nframes × natoms*3}
 * @param dtype  the file's element type
 * @param values shape: product of {@code shape}, row-major
 */
public record NpyArray(long[] shape, NpyDtype dtype, double[] values) {

    public NpyArray {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    public int size() {
        return values.length;
    }

    /** Length of the first axis (1 for a 0-d array). */
    public int rows() {
        return shape.length == 0 ? 1 : (int) shape[0];
    }

    /** Values per index of the first axis. */
    public int rowWidth() {
        int n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= (int) shape[i];
        }
        return n;
    }

    /** A copy of row {@code i} of the first axis (shape: rowWidth). */
    public double[] row(int i) {
        int w = rowWidth();
        return Arrays.copyOfRange(values, i * w, (i + 1) * w);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && Arrays.equals(a.shape, shape) && a.dtype.equals(dtype)
                && Arrays.equals(a.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NpyArray" + Arrays.toString(shape) + " " + dtype.descr();
    }
}
