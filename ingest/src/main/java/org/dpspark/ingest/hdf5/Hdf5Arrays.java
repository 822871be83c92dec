package org.dpspark.ingest.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * Small helpers over io.jhdf datasets: numeric data of any primitive type and rank as a flat row-major
 * {@code double[]} or {@code long[]}, row ranges of the first axis (hyperslab reads), and child lookup.
 */
public final class Hdf5Arrays {
    private Hdf5Arrays() {}

    /** HDF5 signature at the start of a file (no user block). */
    public static final byte[] MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** A child dataset of a group, or null when absent; a child that is a group is an error. */
    public static Dataset dataset(Group g, String name) throws IOException {
        Node n = g.getChildren().get(name);
        if (n == null) {
            return null;
        }
        if (!(n instanceof Dataset d)) {
            throw new IOException(g.getPath() + name + " is a group, expected a dataset");
        }
        return d;
    }

    /** Shape of a dataset (empty for a scalar). */
    public static long[] shape(Dataset d) {
        return d.isScalar() ? new long[0] : d.getDimensionsAsLong();
    }

    /** Elements per index of the first axis. */
    public static long rowWidth(long[] shape) {
        long w = 1;
        for (int i = 1; i < shape.length; i++) {
            w *= shape[i];
        }
        return w;
    }

    /** The whole numeric dataset, flattened row-major. */
    public static double[] doubles(Dataset d) throws IOException {
        // getDataFlat reads straight into one primitive array (no nested arrays to walk): several times faster.
        return flattenDoubles(d.isScalar() ? d.getData() : d.getDataFlat(), d.getPath());
    }

    /** The whole integer dataset, flattened row-major. */
    public static long[] longs(Dataset d) throws IOException {
        double[] v = doubles(d);
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (long) v[i];
            if (out[i] != v[i]) {
                throw new IOException(d.getPath() + ": value " + v[i] + " at " + i + " is not an integer");
            }
        }
        return out;
    }

    /** Rows {@code [from, to)} of the first axis, flattened row-major (a hyperslab read). */
    public static double[] rows(Dataset d, long from, long to) throws IOException {
        long[] shape = shape(d);
        if (shape.length == 0) {
            return doubles(d);
        }
        if (from < 0 || to < from || to > shape[0]) {
            throw new IllegalArgumentException(d.getPath() + ": rows [" + from + ", " + to + ") outside " + shape[0]);
        }
        if (to == from) {
            return new double[0];
        }
        if (from == 0 && to == shape[0]) {
            return doubles(d);
        }
        long[] offset = new long[shape.length];
        int[] count = new int[shape.length];
        offset[0] = from;
        count[0] = (int) (to - from);
        for (int i = 1; i < shape.length; i++) {
            count[i] = (int) shape[i];
        }
        return flattenDoubles(d.getData(offset, count), d.getPath());
    }

    /** Elements {@code [from, to)} of the dataset flattened row-major. */
    public static double[] flat(Dataset d, long from, long to) throws IOException {
        long[] shape = shape(d);
        long w = rowWidth(shape);
        if (shape.length > 0 && from % w == 0 && to % w == 0) {
            return rows(d, from / w, to / w);
        }
        return Arrays.copyOfRange(doubles(d), (int) from, (int) to);
    }

    /** Flattens a (nested) primitive array or boxed scalar to doubles. */
    static double[] flattenDoubles(Object data, String what) throws IOException {
        if (data instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        if (data instanceof Boolean b) {
            return new double[] {b ? 1 : 0};
        }
        if (data == null || !data.getClass().isArray()) {
            throw new IOException(what + ": not a numeric dataset (" + (data == null ? "null" : data.getClass()) + ")");
        }
        int n = count(data);
        double[] out = new double[n];
        fill(data, out, 0, what);
        return out;
    }

    private static int count(Object a) {
        Class<?> c = a.getClass().getComponentType();
        int len = Array.getLength(a);
        if (c.isArray()) {
            int n = 0;
            for (int i = 0; i < len; i++) {
                n += count(Array.get(a, i));
            }
            return n;
        }
        return len;
    }

    private static int fill(Object a, double[] out, int pos, String what) throws IOException {
        if (a instanceof double[] v) {
            System.arraycopy(v, 0, out, pos, v.length);
            return pos + v.length;
        }
        if (a instanceof float[] v) {
            for (float x : v) {
                out[pos++] = x;
            }
            return pos;
        }
        if (a instanceof long[] v) {
            for (long x : v) {
                out[pos++] = x;
            }
            return pos;
        }
        if (a instanceof int[] v) {
            for (int x : v) {
                out[pos++] = x;
            }
            return pos;
        }
        if (a instanceof short[] v) {
            for (short x : v) {
                out[pos++] = x;
            }
            return pos;
        }
        if (a instanceof byte[] v) {
            for (byte x : v) {
                out[pos++] = x;
            }
            return pos;
        }
        if (a instanceof boolean[] v) {
            for (boolean x : v) {
                out[pos++] = x ? 1 : 0;
            }
            return pos;
        }
        if (a instanceof Object[] v && a.getClass().getComponentType().isArray()) {
            for (Object x : v) {
                pos = fill(x, out, pos, what);
            }
            return pos;
        }
        throw new IOException(what + ": not a numeric dataset (" + a.getClass().getSimpleName() + ")");
    }

    /** Whether a probe's head starts with the HDF5 signature. */
    public static boolean isHdf5(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
