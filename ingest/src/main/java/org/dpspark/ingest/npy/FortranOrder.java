package org.dpspark.ingest.npy;

/** Reorders Fortran-order (column-major, first axis fastest) data into C order (row-major). */
final class FortranOrder {
    private FortranOrder() {}

    /** For each C-order index, the index of the same element in Fortran order. */
    static int[] permutation(long[] shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        int[] perm = new int[n];
        int nd = shape.length;
        if (n == 0) {
            return perm;
        }
        long[] fstride = new long[nd];
        long s = 1;
        for (int k = 0; k < nd; k++) {
            fstride[k] = s;
            s *= shape[k];
        }
        long[] idx = new long[nd];
        long f = 0;
        for (int c = 0; c < n; c++) {
            perm[c] = (int) f;
            // odometer increment of the C-order multi-index (last axis fastest)
            for (int k = nd - 1; k >= 0; k--) {
                idx[k]++;
                f += fstride[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                f -= idx[k] * fstride[k];
                idx[k] = 0;
            }
        }
        return perm;
    }

    static double[] toC(double[] fortran, long[] shape) {
        if (shape.length < 2) {
            return fortran;
        }
        int[] p = permutation(shape);
        double[] out = new double[fortran.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = fortran[p[c]];
        }
        return out;
    }

    static long[] toC(long[] fortran, long[] shape) {
        if (shape.length < 2) {
            return fortran;
        }
        int[] p = permutation(shape);
        long[] out = new long[fortran.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = fortran[p[c]];
        }
        return out;
    }
}
