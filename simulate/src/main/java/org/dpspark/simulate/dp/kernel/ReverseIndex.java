package org.dpspark.simulate.dp.kernel;

/**
 * Host-built CSR of the slots that touch each atom, for {@link ForceGatherKernel}. Slots are visited in
 * increasing order (i·N + s); a real slot of centre i with neighbour j adds entry 2·slot to atom i's list and
 * then 2·slot + 1 to atom j's list, so each list is in the order in which the reference's serial loop
 * ({@code ForceVirial.compute}) adds to that atom. Arrays are grown, never shrunk.
 */
final class ReverseIndex {
    int[] start = new int[1];
    int[] entries = new int[1];
    private int[] fill = new int[0];

    /**
     * @param nlist n×N neighbour index per slot (−1: padding)
     * @param n atoms
     * @param nnei slots per atom
     */
    void build(int[] nlist, int n, int nnei) {
        if (start.length < n + 1) start = new int[n + 1];
        if (fill.length < n) fill = new int[n];
        java.util.Arrays.fill(start, 0, n + 1, 0);
        for (int slot = 0; slot < n * nnei; slot++) {
            int j = nlist[slot];
            if (j >= 0) {
                start[slot / nnei + 1]++;
                start[j + 1]++;
            }
        }
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        if (entries.length < Math.max(1, start[n])) entries = new int[Math.max(start[n], 2 * entries.length)];
        System.arraycopy(start, 0, fill, 0, n);
        for (int slot = 0; slot < n * nnei; slot++) {
            int j = nlist[slot];
            if (j >= 0) {
                entries[fill[slot / nnei]++] = 2 * slot;
                entries[fill[j]++] = 2 * slot + 1;
            }
        }
    }
}
