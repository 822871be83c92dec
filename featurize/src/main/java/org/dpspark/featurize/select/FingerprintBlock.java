package org.dpspark.featurize.select;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The fingerprints of one partition as one flat block (n frames × d), with each frame's squared distance to
 * the nearest already-chosen frame ({@code +∞} before the first pick, −1 once chosen). Immutable: an update
 * returns a new block that shares ids and fingerprints, so a cached chain of blocks costs only n doubles a round.
 */
public final class FingerprintBlock implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String[] ids;
    private final double[] x;
    private final int d;
    private final double[] minDist2;

    private FingerprintBlock(String[] ids, double[] x, int d, double[] minDist2) {
        this.ids = ids;
        this.x = x;
        this.d = d;
        this.minDist2 = minDist2;
    }

    /** A block of the given frames; {@code rows} are the fingerprints (each of length d). */
    public static FingerprintBlock of(List<String> ids, List<double[]> rows, int d) {
        double[] x = new double[ids.size() * d];
        for (int i = 0; i < ids.size(); i++) System.arraycopy(rows.get(i), 0, x, i * d, d);
        double[] md = new double[ids.size()];
        Arrays.fill(md, Double.POSITIVE_INFINITY);
        return new FingerprintBlock(ids.toArray(String[]::new), x, d, md);
    }

    public int size() { return ids.length; }
    public int dim() { return d; }
    public String id(int i) { return ids[i]; }
    public double[] row(int i) { return Arrays.copyOfRange(x, i * d, (i + 1) * d); }

    /** Adds the block's fingerprints to moments. */
    public Moments moments(Moments m) {
        for (int i = 0; i < ids.length; i++) m.add(row(i));
        return m;
    }

    /** (x − mean)·invStd per component: the standardised block. */
    public FingerprintBlock standardized(double[] mean, double[] invStd) {
        double[] y = new double[x.length];
        for (int i = 0; i < ids.length; i++) {
            for (int k = 0; k < d; k++) y[i * d + k] = (x[i * d + k] - mean[k]) * invStd[k];
        }
        return new FingerprintBlock(ids, y, d, minDist2.clone());
    }

    /** Squared Euclidean distance of row i to c. */
    public double dist2(int i, double[] c, int cOff) {
        double s = 0;
        int o = i * d;
        for (int k = 0; k < d; k++) {
            double v = x[o + k] - c[cOff + k];
            s += v * v;
        }
        return s;
    }

    /** The block after picking {@code chosen}: distances lowered to it, the chosen frame marked. */
    public FingerprintBlock withPick(Candidate chosen) {
        double[] md = minDist2.clone();
        for (int i = 0; i < ids.length; i++) {
            if (md[i] < 0) continue;
            md[i] = ids[i].equals(chosen.id()) ? -1.0 : Math.min(md[i], dist2(i, chosen.x(), 0));
        }
        return new FingerprintBlock(ids, x, d, md);
    }

    /** Farthest-point candidate: the unchosen frame farthest from the chosen set (score = squared distance). */
    public Candidate farthest() {
        Candidate best = null;
        for (int i = 0; i < ids.length; i++) {
            if (minDist2[i] < 0) continue;
            best = Candidate.better(best, new Candidate(ids[i], minDist2[i], null));
        }
        return best == null ? null : new Candidate(best.id(), best.score(), row(indexOf(best.id())));
    }

    /**
     * k-means++ candidate: a frame drawn with probability ∝ squared distance to the chosen set, as the maximum of
     * the Efraimidis–Spirakis key ln(u)/w over the table (u uniform from a hash of seed, round and frame id, so the
     * draw is reproducible and independent of partitioning).
     */
    public Candidate weighted(long seed, int round) {
        Candidate best = null;
        for (int i = 0; i < ids.length; i++) {
            double w = minDist2[i];
            if (w < 0) continue;
            double key = w == 0 ? Double.NEGATIVE_INFINITY
                    : Double.isInfinite(w) ? Math.log(uniform(seed, round, ids[i])) : Math.log(uniform(seed, round, ids[i])) / w;
            best = Candidate.better(best, new Candidate(ids[i], key, null));
        }
        return best == null ? null : new Candidate(best.id(), best.score(), row(indexOf(best.id())));
    }

    /** Nearest unchosen frame to each of k centroids (k×d) not in {@code taken}: score = −squared distance. */
    public Candidate[] nearest(double[] centroids, int k, Set<String> taken) {
        Candidate[] out = new Candidate[k];
        for (int i = 0; i < ids.length; i++) {
            if (taken.contains(ids[i])) continue;
            for (int c = 0; c < k; c++) {
                out[c] = Candidate.better(out[c], new Candidate(ids[i], -dist2(i, centroids, c * d), null));
            }
        }
        for (int c = 0; c < k; c++) {
            if (out[c] != null) out[c] = new Candidate(out[c].id(), out[c].score(), row(indexOf(out[c].id())));
        }
        return out;
    }

    /** Lloyd step partial: per centroid the sum and count of the rows nearest to it, and the total cost. */
    public LloydPartial assign(double[] centroids, int k) {
        LloydPartial p = new LloydPartial(k, d);
        for (int i = 0; i < ids.length; i++) {
            int best = 0;
            double bd = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double dd = dist2(i, centroids, c * d);
                if (dd < bd) {
                    bd = dd;
                    best = c;
                }
            }
            p.add(best, x, i * d, bd);
        }
        return p;
    }

    private int indexOf(String id) {
        for (int i = 0; i < ids.length; i++) if (ids[i].equals(id)) return i;
        throw new IllegalArgumentException(id);
    }

    /** Uniform in (0, 1) from (seed, round, id): SplitMix64 of a combined hash. */
    static double uniform(long seed, int round, String id) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the id, then SplitMix64 with seed and round
        for (int c = 0; c < id.length(); c++) {
            h = (h ^ id.charAt(c)) * 0x100000001b3L;
        }
        h += seed * 0x9E3779B97F4A7C15L + (round + 1L) * 0xD1B54A32D192ED03L;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return ((h >>> 11) + 0.5) / (1L << 53);
    }

    /** Seeded first pick of farthest-point sampling: the frame with the largest hash key (−u). */
    public Candidate seeded(long seed) {
        Candidate best = null;
        for (int i = 0; i < ids.length; i++) {
            best = Candidate.better(best, new Candidate(ids[i], -uniform(seed, -1, ids[i]), null));
        }
        return best == null ? null : new Candidate(best.id(), best.score(), row(indexOf(best.id())));
    }
}
