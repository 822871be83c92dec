package org.dpspark.simulate.md;

import org.dpspark.core.CellMath;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.simulate.potential.HalfList;
import org.dpspark.simulate.potential.HalfListBuilder;

/**
 * Verlet neighbour list: the full list ({@link NeighborListBuilder}, cell list) built with radius
 * cutoff + skin, reused until some atom moved more than skin/2 since the build (then no pair can have
 * entered the cutoff unseen), optionally also rebuilt every {@code every} steps. At each rebuild the
 * positions are first wrapped into the cell (periodic directions) and the image counters updated; between
 * rebuilds positions are left alone, so the list's integer shifts stay valid.
 *
 * <p>When a half list is requested (pair potentials), it is built directly by {@link HalfListBuilder} for
 * orthorhombic periodic boxes (the full list is then not built), else derived from the full list.
 * Buffers are reused; {@link #update} allocates only when the list outgrows its arrays.
 */
public final class VerletList {
    private final double cutoff;
    private final double skin;
    private final int every;
    private final boolean check;
    private final boolean wantHalf;
    private final NeighborListBuilder builder;
    private final NeighborList full = new NeighborList();
    private final HalfList half = new HalfList();
    private final HalfListBuilder halfBuilder = new HalfListBuilder();
    private boolean fullValid;
    private double[] reference = new double[0];
    private double[] hinv;
    private int rebuilds;
    private long lastBuildStep = Long.MIN_VALUE;

    /**
     * Rebuild when needed (max displacement &gt; skin/2).
     *
     * @param cutoff potential cutoff, Å
     * @param skin Verlet skin, Å (≥ 0)
     * @param half also derive a half list
     */
    public VerletList(double cutoff, double skin, boolean half) {
        this(cutoff, skin, half, 0, true);
    }

    /**
     * @param cutoff potential cutoff, Å
     * @param skin Verlet skin, Å
     * @param half also derive a half list
     * @param every rebuild at least every this many steps (0: never by count)
     * @param check also rebuild when an atom moved more than skin/2 (LAMMPS {@code check yes}); with
     *        {@code check = false} only {@code every} triggers rebuilds (LAMMPS {@code every N check no},
     *        which is only safe when N is small enough — the caller's responsibility)
     */
    public VerletList(double cutoff, double skin, boolean half, int every, boolean check) {
        if (!(cutoff > 0) || !(skin >= 0)) {
            throw new IllegalArgumentException("need cutoff > 0 and skin >= 0");
        }
        if (!check && every <= 0) {
            throw new IllegalArgumentException("without the displacement check a rebuild interval is needed");
        }
        this.cutoff = cutoff;
        this.skin = skin;
        this.every = every;
        this.check = check;
        this.wantHalf = half;
        this.builder = new NeighborListBuilder(cutoff + skin);
    }

    public double cutoff() { return cutoff; }

    public double skin() { return skin; }

    /** Number of builds so far (the first one included). */
    public int rebuilds() { return rebuilds; }

    /** The full list (radius cutoff + skin); null when only a half list was built at the last rebuild. */
    public NeighborList full() { return fullValid ? full : null; }

    /** The half list (only when constructed with half = true). */
    public HalfList half() {
        if (!wantHalf) {
            throw new IllegalStateException("this Verlet list keeps no half list");
        }
        return half;
    }

    public boolean hasHalf() { return wantHalf; }

    /**
     * Rebuilds if needed for the state's current positions.
     *
     * @return whether it rebuilt (positions may then have been wrapped)
     */
    public boolean update(MdState s) {
        boolean need = rebuilds == 0
                || (every > 0 && s.step - lastBuildStep >= every)
                || (check && movedTooFar(s.positions, s.n));
        if (need) {
            rebuild(s);
        }
        return need;
    }

    /** Forces a rebuild (e.g. after positions were set from outside). */
    public void rebuild(MdState s) {
        wrap(s);
        if (wantHalf && halfBuilder.build(s.positions, s.cell, s.pbc, cutoff + skin, half)) {
            fullValid = false;
        } else {
            builder.build(s.positions, s.cell, s.pbc, full);
            fullValid = true;
            if (wantHalf) {
                half.rebuild(full, s.cell);
            }
        }
        if (reference.length < 3 * s.n) {
            reference = new double[3 * s.n];
        }
        System.arraycopy(s.positions, 0, reference, 0, 3 * s.n);
        lastBuildStep = s.step;
        rebuilds++;
    }

    private boolean movedTooFar(double[] x, int n) {
        double lim = 0.25 * skin * skin;
        for (int i = 0; i < 3 * n; i += 3) {
            double dx = x[i] - reference[i], dy = x[i + 1] - reference[i + 1], dz = x[i + 2] - reference[i + 2];
            if (dx * dx + dy * dy + dz * dz > lim) {
                return true;
            }
        }
        return false;
    }

    private void wrap(MdState s) {
        if (s.cell == null || !(s.pbc[0] || s.pbc[1] || s.pbc[2])) {
            return;
        }
        if (hinv == null) {
            hinv = CellMath.inverse(s.cell);
        }
        double[] x = s.positions;
        double[] h = s.cell;
        for (int i = 0; i < s.n; i++) {
            double px = x[3 * i], py = x[3 * i + 1], pz = x[3 * i + 2];
            for (int a = 0; a < 3; a++) {
                if (!s.pbc[a]) {
                    continue;
                }
                double f = px * hinv[a] + py * hinv[3 + a] + pz * hinv[6 + a];
                int w = (int) Math.floor(f);
                if (w != 0) {
                    x[3 * i] -= w * h[3 * a];
                    x[3 * i + 1] -= w * h[3 * a + 1];
                    x[3 * i + 2] -= w * h[3 * a + 2];
                    s.images[3 * i + a] += w;
                }
            }
        }
    }
}
