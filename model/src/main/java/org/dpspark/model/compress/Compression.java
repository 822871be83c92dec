package org.dpspark.model.compress;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.model.SeADescriptor;

/**
 * A compressed se_e2_a model's tables and the settings they were made with ({@code dp compress}'s arguments).
 *
 * @param stride0 first sub-table interval (dimensionless s̃; {@code --stride}, default 0.01)
 * @param stride1 second sub-table interval, 10 × stride0 as in {@code dp compress}
 * @param extrapolate the second sub-table ends at extrapolate × upper ({@code --extrapolate}, default 5)
 * @param checkFrequency MD steps between overflow checks that stop a run (≤ 0: overflow is only counted and
 *        reported as a warning; {@code --check-frequency}, default −1 as DeePMD-kit's {@code -f})
 * @param minNborDist smallest neighbour distance of the training data the upper bound comes from, Å
 * @param tables one table per embedding net, in {@link SeADescriptor#embeddings()} order
 */
public record Compression(double stride0, double stride1, double extrapolate, int checkFrequency, double minNborDist,
        List<EmbeddingTable> tables) {

    public Compression {
        tables = List.copyOf(tables);
    }

    /**
     * Tabulates every embedding net of {@code d}.
     *
     * @param stride first sub-table interval (the second is 10×)
     */
    public static Compression build(SeADescriptor d, double minNborDist, double stride, double extrapolate,
            int checkFrequency) {
        if (!(stride > 0)) throw new IllegalArgumentException("stride must be positive: " + stride);
        List<EmbeddingTable> t = new ArrayList<>();
        for (int k = 0; k < d.embeddings().size(); k++) {
            TableGrid g = TableGrid.forNet(d, k, minNborDist, extrapolate, stride, 10 * stride);
            t.add(EmbeddingTable.build(d.embeddings().get(k), g));
        }
        return new Compression(stride, 10 * stride, extrapolate, checkFrequency, minNborDist, t);
    }

    /** Checks that these tables fit descriptor {@code d} (one per net, M wide). */
    public void check(SeADescriptor d) {
        if (tables.size() != d.embeddings().size()) {
            throw new IllegalArgumentException("compression has " + tables.size() + " tables for " + d.embeddings().size()
                    + " embedding nets");
        }
        for (EmbeddingTable t : tables) {
            if (t.width() != d.embeddingWidth()) {
                throw new IllegalArgumentException("table width " + t.width() + " != embedding width " + d.embeddingWidth());
            }
        }
    }

    /** Coefficients held, all tables. */
    public long coefficientCount() {
        long n = 0;
        for (EmbeddingTable t : tables) n += t.coef().length;
        return n;
    }
}
