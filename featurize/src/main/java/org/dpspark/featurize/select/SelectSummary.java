package org.dpspark.featurize.select;

import java.util.List;
import java.util.Locale;

/**
 * What one select run did.
 *
 * @param method          fps or kmeans
 * @param framesIn        frames in the source table
 * @param chosen          chosen frame ids, in pick (FPS) or centroid (k-means) order
 * @param written         frames written to the new table (chosen ones not already in it)
 * @param minPairDistance smallest distance between two chosen fingerprints (standardised units)
 * @param fingerprintDim  length of a fingerprint
 * @param output          the new frames table
 * @param seconds         wall time
 */
public record SelectSummary(String method, long framesIn, List<String> chosen, long written, double minPairDistance,
                            int fingerprintDim, String output, double seconds) {

    public String render() {
        return String.format(Locale.ROOT, "select (%s): %d of %d frames in %.1f s; fingerprint dim %d (per-type mean and"
                + " std of G2/G4, standardised); smallest distance between chosen frames %.4g%n  new frames table: %s"
                + " (%d frames written)%n", method, chosen.size(), framesIn, seconds, fingerprintDim, minPairDistance,
                output, written);
    }
}
