package org.dpspark.model.descriptor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpspark.model.env.SlotSorter;
import org.dpspark.model.env.SmoothSwitch;
import org.dpspark.model.neighbor.NeighborList;

/**
 * se_e2_r-style radial features: DeePMD-kit's radial-only environment matrix used directly as a
 * fixed-length invariant vector. For each neighbour type t, {@code sel[t]} slots hold
 * s(r_ij) = w(r_ij)/r_ij (Å⁻¹, w = {@link SmoothSwitch}) of the type-t neighbours sorted by distance
 * (nearest first), zero-padded; dim = Σ sel. Sorting makes the vector permutation invariant; it is
 * continuous everywhere and smooth except where two same-type distances cross (where it has a kink).
 * Neighbours beyond sel are dropped (the farthest) and counted in {@link #lastDropped()}.
 */
public final class SeE2rFeatures implements AtomicDescriptor {
    private final double rcut;
    private final double rcutSmth;
    private final int[] sel;
    private final int[] offset;
    private final List<String> names;
    private final SlotSorter sorter = new SlotSorter();
    private int[] order = new int[128];
    private final int[] fill;
    private int lastDropped;

    /**
     * @param typeNames element / type label per type index (for feature names)
     */
    public SeE2rFeatures(double rcut, double rcutSmth, int[] sel, List<String> typeNames) {
        if (!(rcutSmth >= 0 && rcutSmth < rcut)) {
            throw new IllegalArgumentException("need 0 <= rcut_smth < rcut");
        }
        if (typeNames.size() != sel.length) {
            throw new IllegalArgumentException("one type name per sel entry needed");
        }
        this.rcut = rcut;
        this.rcutSmth = rcutSmth;
        this.sel = sel.clone();
        this.offset = new int[sel.length + 1];
        List<String> n = new ArrayList<>();
        for (int t = 0; t < sel.length; t++) {
            offset[t + 1] = offset[t] + sel[t];
            for (int k = 0; k < sel[t]; k++) n.add("se_r[" + typeNames.get(t) + "][" + k + "]");
        }
        this.names = List.copyOf(n);
        this.fill = new int[sel.length];
    }

    @Override public double rcut() { return rcut; }
    @Override public int dim() { return offset[sel.length]; }
    @Override public List<String> featureNames() { return names; }

    /** Neighbours dropped (beyond sel) for the last atom computed. */
    public int lastDropped() { return lastDropped; }

    @Override
    public void compute(int i, int[] types, NeighborList nl, double[] out, int outOff, double[] grad) {
        int m = nl.count(i);
        int dim = dim();
        if (order.length < m) order = new int[Math.max(m, 2 * order.length)];
        sorter.sort(i, types, nl, order);
        Arrays.fill(out, outOff, outOff + dim, 0.0);
        if (grad != null) Arrays.fill(grad, 0, dim * m * 3, 0.0);
        Arrays.fill(fill, 0);
        lastDropped = 0;
        int start = nl.start(i);
        for (int k = 0; k < m; k++) {
            int p = order[k];
            double r = nl.distance(p);
            if (r >= rcut) continue;
            int t = types[nl.neighbor(p)];
            if (fill[t] >= sel[t]) {
                lastDropped++;
                continue;
            }
            int f = offset[t] + fill[t]++;
            double w = SmoothSwitch.value(r, rcutSmth, rcut);
            out[outOff + f] = w / r;
            if (grad != null) {
                double dw = SmoothSwitch.derivative(r, rcutSmth, rcut);
                double c = (dw / r - w / (r * r)) / r;
                int g = (f * m + (p - start)) * 3;
                grad[g] = c * nl.vec(p, 0);
                grad[g + 1] = c * nl.vec(p, 1);
                grad[g + 2] = c * nl.vec(p, 2);
            }
        }
    }
}
