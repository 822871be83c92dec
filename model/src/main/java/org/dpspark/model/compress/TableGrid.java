package org.dpspark.model.compress;

import org.dpspark.model.SeADescriptor;
import org.dpspark.model.env.SmoothSwitch;

/**
 * The knots of one embedding net's table, as DeePMD-kit's {@code DPTabulate.build} (deepmd/utils/tabulate.py) lays
 * them out for se_e2_a: a first sub-table of n0 intervals of width {@code stride0} from {@code lower} to
 * {@code upper}, then a second of n1 intervals of width {@code stride1} (10 × stride0 in {@code dp compress}) from
 * {@code upper} to {@code max} = upper + n1·stride1 ≈ extrapolate × upper. Knot k is lower + k·stride0 (k ≤ n0), then
 * upper + (k − n0)·stride1. Inputs are the normalised s̃ (dimensionless).
 *
 * <p>The range ({@link #forNet}) is DeePMD-kit's {@code _get_env_mat_range}: per centre type t,
 * lower_t = floor(−davg_t/dstd_t) (the value of a padding slot, s = 0) and
 * upper_t = ceil((w(r_min)/r_min − davg_t)/dstd_t) (the largest s of the training data, r_min the smallest neighbour
 * distance seen, w the switch), with davg_t, dstd_t the radial column of the first slot (DeePMD-kit's
 * {@code davg[:, 0]}; se_e2_a's statistics are the same for every slot of a centre type). A net per neighbour type
 * (type_one_side) takes the min/max over the centre types with sel &gt; 0 (DeePMD-kit indexes sel by that type);
 * a net per (centre, neighbour) pair takes its centre type's.
 *
 * @param lower first knot (integer-valued)
 * @param upper end of the first sub-table (integer-valued)
 * @param stride0 first sub-table interval width
 * @param stride1 second sub-table interval width
 * @param n0 intervals in the first sub-table
 * @param n1 intervals in the second sub-table
 */
public record TableGrid(double lower, double upper, double stride0, double stride1, int n0, int n1) {

    public TableGrid {
        if (!(stride0 > 0 && stride1 > 0)) throw new IllegalArgumentException("strides must be positive: " + stride0 + ", " + stride1);
        if (!(upper > lower)) throw new IllegalArgumentException("table upper bound " + upper + " must exceed lower " + lower);
        if (n0 < 1 || n1 < 0) throw new IllegalArgumentException("table needs n0 >= 1, n1 >= 0: " + n0 + ", " + n1);
        if (Math.abs(lower + n0 * stride0 - upper) > 1e-9 * Math.max(1.0, Math.abs(upper))) {
            throw new IllegalArgumentException("stride " + stride0 + " does not divide the table range [" + lower + ", " + upper + "]");
        }
    }

    /** A grid over [lower, upper] then up to extrapolate × upper (whole intervals only). */
    public static TableGrid of(double lower, double upper, double extrapolate, double stride0, double stride1) {
        if (!(extrapolate >= 1)) throw new IllegalArgumentException("extrapolate must be >= 1: " + extrapolate);
        if (!(upper > 0)) throw new IllegalArgumentException("table upper bound must be positive for extrapolate × upper: " + upper);
        return new TableGrid(lower, upper, stride0, stride1, count((upper - lower) / stride0),
                count((extrapolate * upper - upper) / stride1));
    }

    /** A whole number of intervals: nearest integer when within round-off of one, else rounded down (DeePMD's int()). */
    private static int count(double q) {
        double r = Math.rint(q);
        return (int) (Math.abs(q - r) < 1e-9 * Math.max(1.0, q) ? r : Math.floor(q));
    }

    /**
     * The grid of net {@code net} of descriptor {@code d} (net index as {@link SeADescriptor#embeddings()}).
     *
     * @param minNborDist smallest neighbour distance of the training data, Å
     */
    public static TableGrid forNet(SeADescriptor d, int net, double minNborDist, double extrapolate, double stride0,
            double stride1) {
        int t = d.ntypes();
        double ll = Double.POSITIVE_INFINITY, uu = Double.NEGATIVE_INFINITY;
        for (int ti = 0; ti < t; ti++) {
            boolean use = d.typeOneSide() ? d.sel()[ti] > 0 : ti == net % t;
            if (!use) continue;
            ll = Math.min(ll, Math.floor(lowerRaw(d, ti)));
            uu = Math.max(uu, Math.ceil(upperRaw(d, ti, minNborDist)));
        }
        return of(ll, uu, extrapolate, stride0, stride1);
    }

    /** −davg/dstd of the radial column of centre type ti (before floor). */
    public static double lowerRaw(SeADescriptor d, int ti) {
        int k = ti * d.nnei() * 4;
        return -d.davg()[k] / d.dstd()[k];
    }

    /** (w(r_min)/r_min − davg)/dstd of the radial column of centre type ti (before ceil). */
    public static double upperRaw(SeADescriptor d, int ti, double minNborDist) {
        if (!(minNborDist > 0)) throw new IllegalArgumentException("min_nbor_dist must be positive: " + minNborDist);
        int k = ti * d.nnei() * 4;
        double sw = SmoothSwitch.value(minNborDist, d.rcutSmth(), d.rcut());
        return (sw / minNborDist - d.davg()[k]) / d.dstd()[k];
    }

    /** Intervals (table rows). */
    public int nspline() { return n0 + n1; }

    /** End of the table, upper + n1·stride1. */
    public double max() { return upper + n1 * stride1; }

    /** Knot k (0 ≤ k ≤ nspline). */
    public double knot(int k) {
        return k <= n0 ? lower + k * stride0 : upper + (k - n0) * stride1;
    }

    /** Width of interval k. */
    public double width(int k) {
        return k < n0 ? stride0 : stride1;
    }

    /** Whether x lies in the table, lower ≤ x &lt; max (else it is an overflow). */
    public boolean contains(double x) {
        return x >= lower && x < max();
    }

    /** The interval holding x, for lower ≤ x &lt; max (clamped to the first/last row outside). */
    public int row(double x) {
        if (x < upper) {
            int k = (int) ((x - lower) / stride0);
            return Math.max(0, Math.min(n0 - 1, k));
        }
        if (n1 == 0) return n0 - 1;
        int k = n0 + (int) ((x - upper) / stride1);
        return Math.min(n0 + n1 - 1, k);
    }
}
