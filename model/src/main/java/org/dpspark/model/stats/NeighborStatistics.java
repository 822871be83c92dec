package org.dpspark.model.stats;

import java.io.Serializable;
import java.util.Arrays;
import org.dpspark.model.neighbor.NeighborList;

/**
 * Neighbour statistics as DeePMD-kit's {@code dp neighbor-stat} / {@code NeighborStatOP}: for each neighbour
 * type t the largest number of type-t neighbours strictly within r_c of any atom (any centre type), the
 * smallest interatomic distance, and (beyond DeePMD) per (centre type, neighbour type) maxima and histograms
 * of the neighbour count. Mergeable (Spark aggregation).
 *
 * <p>{@link #selAuto(double)} is DeePMD-kit's {@code sel: "auto[:ratio]"} ({@code deepmd/utils/update_sel.py}):
 * sel[t] = wrap_up_4(max[t]·ratio) with {@code wrap_up_4(x) = 4·((int(x) + 3) // 4)}, i.e. the product is
 * truncated to an integer first and then rounded up to a multiple of 4 (so 1.1·37 = 40.7 gives 40, not 44).
 */
public final class NeighborStatistics implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int ntypes;
    private final double rcut;
    private final int[] max;
    private final int[] maxByCentre;   // ntypes×ntypes
    private long[][] histogram;        // [centre·ntypes + nbr][count]
    private double minDistance = Double.POSITIVE_INFINITY;
    private long frames;
    private long atoms;

    public NeighborStatistics(int ntypes, double rcut) {
        this.ntypes = ntypes;
        this.rcut = rcut;
        max = new int[ntypes];
        maxByCentre = new int[ntypes * ntypes];
        histogram = new long[ntypes * ntypes][0];
    }

    /** Adds a frame's neighbour list (built with cutoff ≥ rcut; pairs at r ≥ rcut are ignored). */
    public NeighborStatistics add(NeighborList nl, int[] types) {
        if (nl.rcut() < rcut) throw new IllegalArgumentException("neighbour list cutoff below " + rcut);
        int[] c = new int[ntypes];
        frames++;
        for (int i = 0; i < nl.natoms(); i++) {
            Arrays.fill(c, 0);
            for (int p = nl.start(i); p < nl.end(i); p++) {
                double r = nl.distance(p);
                minDistance = Math.min(minDistance, r);
                if (r < rcut) c[types[nl.neighbor(p)]]++;
            }
            int ci = types[i];
            for (int t = 0; t < ntypes; t++) {
                max[t] = Math.max(max[t], c[t]);
                maxByCentre[ci * ntypes + t] = Math.max(maxByCentre[ci * ntypes + t], c[t]);
                long[] h = histogram[ci * ntypes + t];
                if (h.length <= c[t]) h = histogram[ci * ntypes + t] = Arrays.copyOf(h, c[t] + 1);
                h[c[t]]++;
            }
            atoms++;
        }
        return this;
    }

    public NeighborStatistics merge(NeighborStatistics o) {
        if (o.ntypes != ntypes || o.rcut != rcut) throw new IllegalArgumentException("cannot merge different statistics");
        for (int t = 0; t < ntypes; t++) max[t] = Math.max(max[t], o.max[t]);
        for (int k = 0; k < ntypes * ntypes; k++) {
            maxByCentre[k] = Math.max(maxByCentre[k], o.maxByCentre[k]);
            long[] a = histogram[k], b = o.histogram[k];
            if (a.length < b.length) a = histogram[k] = Arrays.copyOf(a, b.length);
            for (int n = 0; n < b.length; n++) a[n] += b[n];
        }
        minDistance = Math.min(minDistance, o.minDistance);
        frames += o.frames;
        atoms += o.atoms;
        return this;
    }

    /** Largest number of type-t neighbours of one atom (DeePMD's max_nbor_size). */
    public int[] maxNeighbors() { return max.clone(); }

    /** Largest number of type-t neighbours of one atom of centre type c. */
    public int maxNeighbors(int c, int t) { return maxByCentre[c * ntypes + t]; }

    /** Histogram: entry n = number of centre-type-c atoms with exactly n type-t neighbours. */
    public long[] histogram(int c, int t) { return histogram[c * ntypes + t].clone(); }

    /** Smallest neighbour distance seen (Å); +∞ if none. */
    public double minDistance() { return minDistance; }

    public long frames() { return frames; }
    public long atoms() { return atoms; }

    /** DeePMD-kit's {@code wrap_up_4}: 4·⌈⌊x⌋/4⌉. */
    public static int wrapUp4(double x) {
        int xi = (int) x;
        return 4 * Math.floorDiv(xi + 3, 4);
    }

    /** sel for {@code "auto:ratio"} ({@code auto}: the ratio of {@code model.sel-auto-ratio}). */
    public int[] selAuto(double ratio) {
        int[] s = new int[ntypes];
        for (int t = 0; t < ntypes; t++) s[t] = wrapUp4(max[t] * ratio);
        return s;
    }
}
