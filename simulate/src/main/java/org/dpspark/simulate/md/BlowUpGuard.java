package org.dpspark.simulate.md;

import java.util.Locale;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.simulate.potential.HalfList;

/**
 * Detects trajectories that blew up, every {@code every} steps (and at step 0): NaN or infinite positions,
 * velocities, forces or (when evaluated) energy → {@link Status#NAN}; two atoms closer than
 * {@code minDistance} (over the Verlet list's pairs, current positions) → {@link Status#OVERLAP};
 * temperature above {@code maxTemperature} → {@link Status#HOT}. Checks in that order.
 *
 * @param every check interval, steps (≥ 1)
 * @param minDistance Å (0 disables); must be below the list radius to be meaningful
 * @param maxTemperature K (infinite disables)
 */
public record BlowUpGuard(int every, double minDistance, double maxTemperature) {

    public BlowUpGuard {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1");
        }
    }

    /** Defaults: every 10 steps, 0.5 Å, temperature above factor × target (e.g. 10 × T). */
    public static BlowUpGuard forTarget(double targetTemperature, double factor) {
        return new BlowUpGuard(10, 0.5, factor * targetTemperature);
    }

    /** A guard that never fires except on NaN. */
    public static BlowUpGuard nanOnly(int every) {
        return new BlowUpGuard(every, 0.0, Double.POSITIVE_INFINITY);
    }

    /** @return null when healthy, else the failure */
    public RunResult check(MdState s, ForceField ff, Integrator integrator) {
        int rebuilds = ff.list().rebuilds();
        String bad = nonFinite(s);
        if (bad != null) {
            return new RunResult(Status.NAN, bad + " at step " + s.step, s.step, rebuilds);
        }
        if (minDistance > 0) {
            VerletList vl = ff.list();
            String close = vl.full() != null ? overlap(s, vl.full()) : overlap(vl.half());
            if (close != null) {
                return new RunResult(Status.OVERLAP, close + " at step " + s.step, s.step, rebuilds);
            }
        }
        if (Double.isFinite(maxTemperature)) {
            double t = Thermo.temperature(s, integrator);
            if (t > maxTemperature) {
                return new RunResult(Status.HOT, String.format(Locale.ROOT,
                        "temperature %.1f K > limit %.1f K at step %d", t, maxTemperature, s.step), s.step, rebuilds);
            }
        }
        return null;
    }

    private static String nonFinite(MdState s) {
        double[] f = s.eval.forces;
        for (int k = 0; k < 3 * s.n; k++) {
            if (!Double.isFinite(s.positions[k])) {
                return "non-finite position of atom " + k / 3;
            }
            if (!Double.isFinite(s.velocities[k])) {
                return "non-finite velocity of atom " + k / 3;
            }
            if (!Double.isFinite(f[k])) {
                return "non-finite force on atom " + k / 3;
            }
        }
        if (s.energyStep == s.step && !Double.isFinite(s.eval.energy)) {
            return "non-finite potential energy";
        }
        return null;
    }

    /** Over a half list refreshed at the current positions (the last force evaluation). */
    private String overlap(HalfList hl) {
        double[] x = hl.extendedPositions();
        int[] off = hl.offsetArray();
        int[] nb = hl.neighborArray();
        double lim2 = minDistance * minDistance;
        for (int i = 0; i < hl.natoms(); i++) {
            for (int p = off[i]; p < off[i + 1]; p++) {
                int j = nb[p];
                double dx = x[3 * j] - x[3 * i], dy = x[3 * j + 1] - x[3 * i + 1], dz = x[3 * j + 2] - x[3 * i + 2];
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 < lim2) {
                    return String.format(Locale.ROOT, "atoms %d and %d at %.3f Å < %.3f Å", i, hl.owner(j),
                            Math.sqrt(r2), minDistance);
                }
            }
        }
        return null;
    }

    private String overlap(MdState s, NeighborList nl) {
        double[] x = s.positions;
        double[] h = s.cell;
        int[] idx = nl.indexArray();
        int[] sh = nl.shiftArray();
        double lim2 = minDistance * minDistance;
        for (int i = 0; i < nl.natoms(); i++) {
            for (int p = nl.start(i); p < nl.end(i); p++) {
                int j = idx[p];
                if (j < i) {
                    continue; // each pair once (self-images are checked from both sides, harmlessly)
                }
                double dx = x[3 * j] - x[3 * i], dy = x[3 * j + 1] - x[3 * i + 1], dz = x[3 * j + 2] - x[3 * i + 2];
                int s0 = sh[3 * p], s1 = sh[3 * p + 1], s2 = sh[3 * p + 2];
                if ((s0 | s1 | s2) != 0) {
                    dx += s0 * h[0] + s1 * h[3] + s2 * h[6];
                    dy += s0 * h[1] + s1 * h[4] + s2 * h[7];
                    dz += s0 * h[2] + s1 * h[5] + s2 * h[8];
                }
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 < lim2) {
                    return String.format(Locale.ROOT, "atoms %d and %d at %.3f Å < %.3f Å", i, j, Math.sqrt(r2),
                            minDistance);
                }
            }
        }
        return null;
    }
}
