package org.dpspark.featurize.env;

import org.dpspark.featurize.neighbor.NeighborList;

/**
 * Orders the neighbour entries of one centre the way DeePMD-kit fills its type-grouped slots:
 * by (neighbour type, distance, neighbour atom index), as in {@code NeighborInfo::operator<} of
 * DeePMD-kit's {@code fmt_nlist.cc}; exact remaining ties (two images of the same atom at the same
 * distance, common in tiny crystal cells) are broken by the integer cell shift, lexicographically.
 * DeePMD-kit breaks those by its ghost-atom index instead; the order of equal-distance slots of
 * one type cannot change any se_e2_a / se_e2_r output (the statistics are the same for every slot of a
 * type), only which neighbours are dropped on overflow.
 *
 * <p>Stable merge sort on int entry indices with a reusable buffer; no allocation after warm-up.
 */
public final class SlotSorter {
    private int[] buf = new int[64];

    /**
     * Sorts the entries of centre i into {@code out[0..count)}, returns count.
     *
     * @param types type index of every atom (natoms)
     * @param out receives the entry indices p of {@code nl}; length ≥ nl.count(i)
     */
    public int sort(int i, int[] types, NeighborList nl, int[] out) {
        int s = nl.start(i), m = nl.count(i);
        if (buf.length < m) {
            buf = new int[Math.max(m, 2 * buf.length)];
        }
        for (int k = 0; k < m; k++) {
            out[k] = s + k;
        }
        mergeSort(out, buf, 0, m, types, nl);
        return m;
    }

    private static boolean less(int p, int q, int[] types, NeighborList nl) {
        int[] idx = nl.indexArray();
        int tp = types[idx[p]], tq = types[idx[q]];
        if (tp != tq) return tp < tq;
        double dp = nl.distanceArray()[p], dq = nl.distanceArray()[q];
        if (dp != dq) return dp < dq;
        if (idx[p] != idx[q]) return idx[p] < idx[q];
        int[] sh = nl.shiftArray();
        for (int a = 0; a < 3; a++) {
            if (sh[3 * p + a] != sh[3 * q + a]) return sh[3 * p + a] < sh[3 * q + a];
        }
        return false;
    }

    private static void mergeSort(int[] a, int[] tmp, int lo, int hi, int[] types, NeighborList nl) {
        int n = hi - lo;
        if (n < 16) {
            for (int k = lo + 1; k < hi; k++) {
                int v = a[k];
                int m = k - 1;
                while (m >= lo && less(v, a[m], types, nl)) {
                    a[m + 1] = a[m];
                    m--;
                }
                a[m + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, types, nl);
        mergeSort(a, tmp, mid, hi, types, nl);
        if (!less(a[mid], a[mid - 1], types, nl)) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, n);
        int x = lo, y = mid, k = lo;
        while (x < mid && y < hi) {
            a[k++] = less(tmp[y], tmp[x], types, nl) ? tmp[y++] : tmp[x++];
        }
        while (x < mid) a[k++] = tmp[x++];
        while (y < hi) a[k++] = tmp[y++];
    }
}
