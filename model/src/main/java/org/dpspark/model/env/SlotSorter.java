package org.dpspark.model.env;

import org.dpspark.model.neighbor.NeighborList;

/**
 * Orders the neighbour entries of one centre the way DeePMD-kit fills its type-grouped slots:
 * by (neighbour type, distance, neighbour atom index), as in {@code NeighborInfo::operator<} of
 * DeePMD-kit's {@code fmt_nlist.cc}; exact remaining ties (two images of the same atom at the same
 * distance, common in tiny crystal cells) are broken by the integer cell shift, lexicographically.
 * DeePMD-kit breaks those by its ghost-atom index instead; the order of equal-distance slots of
 * one type cannot change any se_e2_a / se_e2_r output (the statistics are the same for every slot of a
 * type), only which neighbours are dropped on overflow.
 *
 * <p>Counting sort by type, then a merge sort on primitive distance keys per type; reusable buffers, no
 * allocation after warm-up.
 */
public final class SlotSorter {
    private int[] buf = new int[64];
    private double[] key = new double[64];
    private double[] keyBuf = new double[64];
    private int[] typeStart = new int[8];

    /**
     * Sorts the entries of centre i into {@code out[0..count)}, returns count.
     *
     * <p>Method: a stable counting pass groups the entries by neighbour type; each group is then merge-sorted on
     * its distances held in a primitive array, consulting the (atom index, cell shift) tie-break only for exactly
     * equal distances. Same order as comparing (type, distance, index, shift) directly.
     *
     * @param types type index of every atom (natoms)
     * @param out receives the entry indices p of {@code nl}; length ≥ nl.count(i)
     */
    public int sort(int i, int[] types, NeighborList nl, int[] out) {
        int s = nl.start(i), m = nl.count(i);
        if (buf.length < m) {
            int cap = Math.max(m, 2 * buf.length);
            buf = new int[cap];
            key = new double[cap];
            keyBuf = new double[cap];
        }
        int[] idx = nl.indexArray();
        double[] dist = nl.distanceArray();
        int nt = 0;
        for (int k = 0; k < m; k++) nt = Math.max(nt, types[idx[s + k]] + 1);
        if (typeStart.length < nt + 1) typeStart = new int[nt + 1];
        java.util.Arrays.fill(typeStart, 0, nt + 1, 0);
        for (int k = 0; k < m; k++) typeStart[types[idx[s + k]] + 1]++;
        for (int t = 0; t < nt; t++) typeStart[t + 1] += typeStart[t];
        // scatter into buf by type (stable), using key[] as a temporary cursor-free pass over typeStart copies
        int[] cursor = cursor(nt);
        for (int k = 0; k < m; k++) {
            int p = s + k;
            int c = cursor[types[idx[p]]]++;
            out[c] = p;
            key[c] = dist[p];
        }
        for (int t = 0; t < nt; t++) {
            int lo = typeStart[t], hi = typeStart[t + 1];
            if (hi - lo > 1) mergeSort(out, buf, key, keyBuf, lo, hi, nl);
        }
        return m;
    }

    private int[] cursorBuf = new int[8];

    private int[] cursor(int nt) {
        if (cursorBuf.length < nt) cursorBuf = new int[nt];
        System.arraycopy(typeStart, 0, cursorBuf, 0, nt);
        return cursorBuf;
    }

    /** Entry p before q at equal type: by distance, then atom index, then cell shift. */
    private static boolean less(int p, double dp, int q, double dq, NeighborList nl) {
        if (dp != dq) return dp < dq;
        int[] idx = nl.indexArray();
        if (idx[p] != idx[q]) return idx[p] < idx[q];
        int[] sh = nl.shiftArray();
        for (int a = 0; a < 3; a++) {
            if (sh[3 * p + a] != sh[3 * q + a]) return sh[3 * p + a] < sh[3 * q + a];
        }
        return false;
    }

    private static void mergeSort(int[] a, int[] tmp, double[] k, double[] ktmp, int lo, int hi, NeighborList nl) {
        int n = hi - lo;
        if (n < 16) {
            for (int x = lo + 1; x < hi; x++) {
                int v = a[x];
                double kv = k[x];
                int y = x - 1;
                while (y >= lo && less(v, kv, a[y], k[y], nl)) {
                    a[y + 1] = a[y];
                    k[y + 1] = k[y];
                    y--;
                }
                a[y + 1] = v;
                k[y + 1] = kv;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, k, ktmp, lo, mid, nl);
        mergeSort(a, tmp, k, ktmp, mid, hi, nl);
        if (!less(a[mid], k[mid], a[mid - 1], k[mid - 1], nl)) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, n);
        System.arraycopy(k, lo, ktmp, lo, n);
        int x = lo, y = mid, z = lo;
        while (x < mid && y < hi) {
            if (less(tmp[y], ktmp[y], tmp[x], ktmp[x], nl)) {
                k[z] = ktmp[y];
                a[z++] = tmp[y++];
            } else {
                k[z] = ktmp[x];
                a[z++] = tmp[x++];
            }
        }
        while (x < mid) {
            k[z] = ktmp[x];
            a[z++] = tmp[x++];
        }
        while (y < hi) {
            k[z] = ktmp[y];
            a[z++] = tmp[y++];
        }
    }
}
