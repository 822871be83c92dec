package org.dpspark.featurize.select;

import org.dpspark.model.descriptor.BehlerParrinello;
import org.dpspark.featurize.job.FrameInput;
import org.dpspark.model.TypeMap;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;

/**
 * Frame-level fingerprint for selection: per element (type) of the type map, the mean and the standard deviation
 * over the frame's atoms of that type of their Behler–Parrinello G2/G4 descriptors. Shape: T×2×D
 * (type-major; [mean(D), std(D)] per type; zeros for a type the frame lacks), D = descriptor dim. Invariant to
 * rotation, translation and permutation, and comparable between frames of different sizes.
 * One instance per task (scratch buffers).
 */
public final class Fingerprinter {
    private final TypeMap typeMap;
    private final BehlerParrinello descriptor;
    private final NeighborListBuilder builder;
    private final NeighborList nl = new NeighborList();

    public Fingerprinter(TypeMap typeMap, BehlerParrinello descriptor) {
        this.typeMap = typeMap;
        this.descriptor = descriptor;
        this.builder = new NeighborListBuilder(descriptor.rcut());
    }

    /** Length of a fingerprint. */
    public int dim() {
        return typeMap.ntypes() * 2 * descriptor.dim();
    }

    /** The fingerprint of a frame, length {@link #dim()}. */
    public double[] of(FrameInput f) {
        int[] types = typeMap.types(f.typeLabels(), f.atomicNumbers(), f.frameId());
        builder.build(f.positions(), f.cell(), f.pbc(), nl);
        double[] g = descriptor.computeAll(types, nl);
        int dd = descriptor.dim();
        int nt = typeMap.ntypes();
        double[] fp = new double[dim()];
        long[] count = new long[nt];
        for (int i = 0; i < types.length; i++) {
            int o = types[i] * 2 * dd;
            count[types[i]]++;
            for (int k = 0; k < dd; k++) {
                fp[o + k] += g[i * dd + k];
            }
        }
        for (int t = 0; t < nt; t++) {
            if (count[t] == 0) continue;
            int o = t * 2 * dd;
            for (int k = 0; k < dd; k++) fp[o + k] /= count[t];
        }
        for (int i = 0; i < types.length; i++) {
            int o = types[i] * 2 * dd;
            for (int k = 0; k < dd; k++) {
                double x = g[i * dd + k] - fp[o + k];
                fp[o + dd + k] += x * x;
            }
        }
        for (int t = 0; t < nt; t++) {
            if (count[t] == 0) continue;
            int o = t * 2 * dd + dd;
            for (int k = 0; k < dd; k++) fp[o + k] = Math.sqrt(fp[o + k] / count[t]);
        }
        return fp;
    }
}
