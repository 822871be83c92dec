package org.dpspark.featurize.select;

import java.io.Serializable;

/**
 * A frame proposed by one block in a selection round: its id, its score (larger wins; ties go to the smaller id,
 * so the result does not depend on partitioning) and its (standardised) fingerprint.
 */
public record Candidate(String id, double score, double[] x) implements Serializable {

    /** The better of two candidates (either may be null). */
    public static Candidate better(Candidate a, Candidate b) {
        if (a == null) return b;
        if (b == null) return a;
        if (a.score != b.score) return a.score > b.score ? a : b;
        return a.id.compareTo(b.id) <= 0 ? a : b;
    }
}
