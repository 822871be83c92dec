package org.dpspark.featurize.select;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * The selection loops over cached, standardised fingerprint blocks (one per partition). The driver keeps only
 * the chosen frames (N × d) and the centroids; each round is one Spark job over the blocks.
 *
 * <p>Cost: farthest-point sampling needs N rounds, each O(n·d) over the n frames (one distance per frame to the
 * newest pick) plus one job's scheduling latency (~10–50 ms locally), so N ≤ a few thousand is practical.
 * k-means: N k-means++ seeding rounds as FPS, then each Lloyd iteration O(n·N·d) in one job, then one or more
 * jobs choosing the distinct frame nearest each centroid.
 */
public final class Selection {
    private Selection() {}

    /** Rounds between lineage cuts of the chain of per-round blocks. */
    private static final int CHECKPOINT_EVERY = 20;

    /** Farthest-point sampling: a seeded first frame, then repeatedly the frame farthest from the chosen set. */
    public static List<Candidate> farthestPoints(JavaRDD<FingerprintBlock> blocks, int n, long seed) {
        Candidate first = blocks.map(b -> b.seeded(seed)).reduce(Candidate::better);
        return greedy(blocks, n, first, (b, round) -> b.farthest());
    }

    /** k-means++ seeding: each next centre drawn ∝ squared distance to the chosen set. */
    public static List<Candidate> kmeansPlusPlus(JavaRDD<FingerprintBlock> blocks, int n, long seed) {
        Candidate first = blocks.map(b -> b.seeded(seed)).reduce(Candidate::better);
        return greedy(blocks, n, first, (b, round) -> b.weighted(seed, round));
    }

    interface Picker extends java.io.Serializable {
        Candidate pick(FingerprintBlock b, int round);
    }

    private static List<Candidate> greedy(JavaRDD<FingerprintBlock> blocks, int n, Candidate first, Picker picker) {
        List<Candidate> chosen = new ArrayList<>();
        chosen.add(first);
        JavaRDD<FingerprintBlock> state = blocks;
        Candidate last = first;
        for (int round = 1; round < n; round++) {
            Candidate pick = last;
            JavaRDD<FingerprintBlock> next = state.map(b -> b.withPick(pick)).persist(StorageLevel.MEMORY_ONLY());
            if (round % CHECKPOINT_EVERY == 0) {
                next.rdd().localCheckpoint();
            }
            int r = round;
            Candidate c = next.map(b -> picker.pick(b, r)).filter(x -> x != null).reduce(Candidate::better);
            if (state != blocks) {
                state.unpersist(false);
            }
            state = next;
            chosen.add(c);
            last = c;
        }
        if (state != blocks) {
            state.unpersist(false);
        }
        return chosen;
    }

    /**
     * k-means: k-means++ seeding, Lloyd iterations until no improvement of the cost (relative 1e-12) or
     * {@code iterations}, then the distinct frame nearest each centroid.
     *
     * @return the chosen frames, one per centroid, in centroid order
     */
    public static List<Candidate> kmeans(JavaSparkContext jsc, JavaRDD<FingerprintBlock> blocks, int n, long seed,
                                         int iterations) {
        List<Candidate> seeds = kmeansPlusPlus(blocks, n, seed);
        int d = seeds.get(0).x().length;
        double[] centroids = new double[n * d];
        for (int c = 0; c < n; c++) System.arraycopy(seeds.get(c).x(), 0, centroids, c * d, d);
        double cost = Double.POSITIVE_INFINITY;
        for (int it = 0; it < iterations; it++) {
            Broadcast<double[]> bc = jsc.broadcast(centroids);
            LloydPartial p = blocks.map(b -> b.assign(bc.value(), n)).treeReduce(LloydPartial::merge);
            bc.destroy();
            centroids = p.centroids(centroids);
            if (!(p.cost() < cost * (1 - 1e-12))) {
                break;
            }
            cost = p.cost();
        }
        return nearestDistinct(jsc, blocks, centroids, n);
    }

    /** For each centroid a frame nearest to it, all distinct (a frame claimed twice goes to the lower centroid). */
    static List<Candidate> nearestDistinct(JavaSparkContext jsc, JavaRDD<FingerprintBlock> blocks, double[] centroids,
                                           int n) {
        Map<Integer, Candidate> result = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        while (result.size() < n) {
            Broadcast<Set<String>> tb = jsc.broadcast(new HashSet<>(taken));
            Candidate[] best = blocks.map(b -> b.nearest(centroids, n, tb.value())).reduce((a, b) -> {
                Candidate[] m = new Candidate[a.length];
                for (int c = 0; c < a.length; c++) m[c] = Candidate.better(a[c], b[c]);
                return m;
            });
            tb.destroy();
            int before = result.size();
            for (int c = 0; c < n; c++) {
                if (result.containsKey(c) || best[c] == null || taken.contains(best[c].id())) continue;
                result.put(c, best[c]);
                taken.add(best[c].id());
            }
            if (result.size() == before) {
                throw new IllegalStateException("fewer distinct frames than centroids");
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (int c = 0; c < n; c++) out.add(result.get(c));
        return out;
    }
}
