package org.dpspark.core;

/**
 * Deterministic train/valid/test assignment from the frame id: the id's first 52 bits as a
 * uniform number u in [0, 1); u &lt; train → {@code train}, u &lt; train + valid → {@code valid}, else {@code test}.
 * The same frame lands in the same split on every run and every machine.
 *
 * @param train fraction of frames for training, in [0, 1]
 * @param valid fraction for validation, in [0, 1]; {@code 1 - train - valid} go to test
 */
public record DataSplit(double train, double valid) implements java.io.Serializable {
    public static final String TRAIN = "train";
    public static final String VALID = "valid";
    public static final String TEST = "test";

    public DataSplit {
        if (train < 0 || valid < 0 || train + valid > 1.0 + 1e-12) {
            throw new IllegalArgumentException(
                    "split fractions must be non-negative with train + valid <= 1, got " + train + " / " + valid);
        }
    }

    /** The split of a frame id (32 hex characters). */
    public String assign(String frameId) {
        double u = Long.parseLong(frameId.substring(0, 13), 16) / (double) (1L << 52);
        if (u < train) {
            return TRAIN;
        }
        return u < train + valid ? VALID : TEST;
    }
}
