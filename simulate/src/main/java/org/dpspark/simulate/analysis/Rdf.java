package org.dpspark.simulate.analysis;

import org.dpspark.core.CellMath;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;

/**
 * Radial distribution functions g_ab(r) per species pair (a ≤ b), accumulated over frames of one periodic
 * structure (fixed species and cell volume may vary per frame).
 *
 * <p>Histogram over the full neighbour list ({@link NeighborListBuilder}, all periodic images within r_max, so
 * r_max may exceed half the box): for every centre i of species a and neighbour j of species b, one count in
 * bin ⌊r/Δr⌋. Normalisation (ideal-gas reference):
 * <pre>  g_ab(r) = counts_ab(r) / (Σ_frames N_a · N_b / V · 4π/3 (r_hi³ − r_lo³))</pre>
 * with counts of the pair (a, b) and (b, a) merged and N_a N_b doubled accordingly for a ≠ b. For a = b the
 * density N_a/V is used (not (N_a − 1)/V), so g → 1 − 1/N_a at large r, the usual finite-size convention.
 * The counts and normalisation terms are additive, so histograms of several trajectories merge by summing.
 */
public final class Rdf {
    private final int ntypes;
    private final double rmax;
    private final int bins;
    private final double[] counts;   // npairs × bins
    private final double[] norm;     // npairs: Σ_frames N_a N_b / V (× 2 for a ≠ b)
    private final NeighborListBuilder builder;
    private final NeighborList nl = new NeighborList();
    private int frames;

    /**
     * @param ntypes species
     * @param rmax largest distance, Å
     * @param bins number of bins of width rmax/bins
     */
    public Rdf(int ntypes, double rmax, int bins) {
        this.ntypes = ntypes;
        this.rmax = rmax;
        this.bins = bins;
        int np = pairs(ntypes);
        counts = new double[np * bins];
        norm = new double[np];
        builder = new NeighborListBuilder(rmax);
    }

    /** Number of species pairs a ≤ b. */
    public static int pairs(int ntypes) {
        return ntypes * (ntypes + 1) / 2;
    }

    /** Index of the pair (a, b) in pair order (0,0), (0,1), …, (0,T−1), (1,1), … */
    public static int pairIndex(int a, int b, int ntypes) {
        int lo = Math.min(a, b), hi = Math.max(a, b);
        return lo * ntypes - lo * (lo - 1) / 2 + (hi - lo);
    }

    /**
     * Adds one frame.
     *
     * @param positions natoms×3, Å
     * @param cell 3×3 rows = vectors, Å (periodic)
     * @param types species per atom
     */
    public void add(double[] positions, double[] cell, int[] types) {
        builder.build(positions, cell, null, nl);
        double inv = bins / rmax;
        int[] idx = nl.indexArray();
        double[] dist = nl.distanceArray();
        for (int i = 0; i < types.length; i++) {
            for (int p = nl.start(i); p < nl.end(i); p++) {
                int bin = (int) (dist[p] * inv);
                if (bin < bins) {
                    counts[pairIndex(types[i], types[idx[p]], ntypes) * bins + bin] += 1.0;
                }
            }
        }
        int[] count = new int[ntypes];
        for (int t : types) {
            count[t]++;
        }
        double vol = Math.abs(CellMath.determinant(cell));
        for (int a = 0; a < ntypes; a++) {
            for (int b = a; b < ntypes; b++) {
                norm[pairIndex(a, b, ntypes)] += (a == b ? 1.0 : 2.0) * count[a] * count[b] / vol;
            }
        }
        frames++;
    }

    public int frames() { return frames; }

    public int bins() { return bins; }

    public double rmax() { return rmax; }

    /** Raw counts, npairs × bins (for merging). */
    public double[] counts() { return counts.clone(); }

    /** Normalisation sums, npairs (for merging). */
    public double[] normalization() { return norm.clone(); }

    /** Bin centres, Å. */
    public double[] centres() {
        return centres(rmax, bins);
    }

    /** Bin centres of {@code bins} bins up to rmax, Å. */
    public static double[] centres(double rmax, int bins) {
        double[] r = new double[bins];
        for (int k = 0; k < bins; k++) {
            r[k] = (k + 0.5) * rmax / bins;
        }
        return r;
    }

    /** g(r) of pair (a, b), shape bins. */
    public double[] g(int a, int b) {
        int p = pairIndex(a, b, ntypes);
        return g(counts, norm[p], p, rmax, bins);
    }

    /**
     * g(r) of pair slot {@code p} from merged counts and normalisation.
     *
     * @param counts npairs × bins
     * @param norm the pair's normalisation sum
     */
    public static double[] g(double[] counts, double norm, int p, double rmax, int bins) {
        double[] g = new double[bins];
        double dr = rmax / bins;
        for (int k = 0; k < bins; k++) {
            double lo = k * dr, hi = lo + dr;
            double shell = 4.0 * Math.PI / 3.0 * (hi * hi * hi - lo * lo * lo);
            g[k] = norm > 0 ? counts[p * bins + k] / (norm * shell) : 0.0;
        }
        return g;
    }
}
