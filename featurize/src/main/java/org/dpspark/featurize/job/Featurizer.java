package org.dpspark.featurize.job;

import org.dpspark.model.TypeMap;
import org.dpspark.model.stats.DataStatistics;
import org.dpspark.model.stats.StatisticsPasses;

import org.dpspark.model.descriptor.AtomicDescriptor;
import org.dpspark.model.descriptor.BehlerParrinello;
import org.dpspark.model.descriptor.SeE2rFeatures;
import org.dpspark.model.env.SeAEnvironment;
import org.dpspark.model.env.SeAFrame;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.model.stats.NeighborStatistics;

/**
 * The pure-Java core of the featurize job, one instance per task (scratch buffers, not thread-safe): per frame,
 * the neighbour list, then what each pass needs from it. The Spark partition functions only loop over rows and
 * call this; unit tests and single-threaded reference computations call it directly.
 */
public final class Featurizer {
    private final FeaturizeSettings s;
    private final TypeMap typeMap;
    private final NeighborListBuilder builder;
    private final NeighborList nl = new NeighborList();
    private final SeAEnvironment env;
    private final SeAFrame frame = new SeAFrame();
    private final StatisticsPasses passes;
    private AtomicDescriptor descriptor;

    /** @param s settings with a resolved type map; sel may be null for the neighbour-statistics pass only */
    public Featurizer(FeaturizeSettings s) {
        this.s = s;
        this.typeMap = new TypeMap(s.model().typeMap());
        this.builder = new NeighborListBuilder(s.model().rcut());
        this.env = s.model().sel().auto() ? null
                : new SeAEnvironment(s.model().rcut(), s.model().rcutSmth(), s.model().sel().slots());
        this.passes = new StatisticsPasses(s.model().rcut(), s.model().rcutSmth(),
                s.model().sel().auto() ? null : s.model().sel().slots());
    }

    public TypeMap typeMap() { return typeMap; }

    /** Type index per atom of a frame. */
    public int[] types(FrameInput f) {
        return typeMap.types(f.typeLabels(), f.atomicNumbers(), f.frameId());
    }

    private NeighborList neighbors(FrameInput f) {
        builder.build(f.positions(), f.cell(), f.pbc(), nl);
        return nl;
    }

    /** Pass 1: adds the frame's neighbour counts within r_c (all frames; gives sel auto). */
    public void addNeighborStatistics(FrameInput f, NeighborStatistics acc) {
        passes.addNeighbors(f.positions(), f.cell(), f.pbc(), types(f), acc);
    }

    /**
     * Pass 2: the raw se_e2_a environment matrix with the final sel (overflow counted for every frame); davg/dstd
     * sums and the energy bias for frames of the statistics split.
     */
    public void addStatistics(FrameInput f, DataStatistics acc) {
        passes.addFrame(f.frameId(), f.positions(), f.cell(), f.pbc(), types(f), f.energy(), s.usesForStats(f.split()), acc);
    }

    /** The descriptor of the settings (created on first use: its feature layout depends on the type map). */
    public AtomicDescriptor descriptor() {
        if (descriptor == null) {
            descriptor = s.descriptor() == FeatureDescriptor.SE_E2_R
                    ? new SeE2rFeatures(s.model().rcut(), s.model().rcutSmth(), s.model().sel().slots(), typeMap.names())
                    : new BehlerParrinello(s.symmetry().set(s.model().rcut()), typeMap.names());
        }
        return descriptor;
    }

    /** Per-atom descriptors of a frame, shape natoms×dim. */
    public double[] descriptors(FrameInput f) {
        return descriptor().computeAll(types(f), neighbors(f));
    }

    /** The raw se_e2_a environment matrices of a frame (the returned object is reused by the next call). */
    public SeAFrame environments(FrameInput f, int[] types) {
        return env.computeFrame(types, neighbors(f), frame);
    }
}
