package org.dpspark.simulate.md;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.dpspark.core.Units;
import org.dpspark.simulate.potential.Evaluation;
import org.dpspark.simulate.potential.Structure;

/**
 * The mutable state of one MD trajectory: preallocated flat arrays the integrators update in place
 * (no allocation per step). Immutable {@link Structure} snapshots are made at the boundary with
 * {@link #toStructure()}.
 *
 * <p>Units: positions Å (wrapped into the cell at each neighbour-list rebuild; {@code images} counts the
 * wraps so that unwrapped = positions + images·h), velocities Å/fs, forces eV/Å, masses amu, time fs.
 * The trajectory's random stream is a {@link SplittableRandom} created from the seed here and used by every
 * stochastic piece in a fixed order, so one seed gives bitwise one trajectory.
 */
public final class MdState {
    private final Structure initial;
    final int n;
    /** Positions, natoms×3 Å. */
    public final double[] positions;
    /** Velocities, natoms×3 Å/fs. */
    public final double[] velocities;
    /** Image counters, natoms×3 (positions were shifted by −images·h when wrapped). */
    public final int[] images;
    /** Masses, natoms amu. */
    public final double[] masses;
    /** 1/(m·103.642696): acceleration a = F·invMass (Å/fs² from eV/Å), natoms. */
    final double[] accelFactor;
    /** Cell 3×3 rows = vectors, Å (null for a molecule). */
    public final double[] cell;
    /** Periodicity flags, 3. */
    public final boolean[] pbc;
    /** Species indices, natoms. */
    public final int[] types;
    /** Result of the latest force evaluation (forces always; energy/virial when requested on that step). */
    public final Evaluation eval;
    /** Random stream of this trajectory. */
    public final SplittableRandom rng;
    /** Steps done. */
    public long step;
    /** Simulated time, fs. */
    public double time;
    /** Step at which {@link #eval} last held energy and virial (−1: never). */
    public long energyStep = -1;
    /** Kinetic energy a thermostat has removed, cumulative, eV (for the conserved pseudo-energy). */
    public double reservoir;

    /**
     * @param s initial structure (positions, cell, pbc, types, masses)
     * @param seed seed of the trajectory's random stream
     */
    public MdState(Structure s, long seed) {
        initial = s;
        n = s.natoms();
        positions = s.positions();
        velocities = new double[3 * n];
        images = new int[3 * n];
        masses = s.masses();
        accelFactor = new double[n];
        for (int i = 0; i < n; i++) {
            accelFactor[i] = 1.0 / (masses[i] * Units.AMU_A2_PER_FS2_EV);
        }
        cell = s.cell();
        pbc = s.pbc();
        types = s.types();
        eval = new Evaluation(n);
        rng = new SplittableRandom(seed);
    }

    public int natoms() { return n; }

    /** Forces of the latest evaluation, natoms×3 eV/Å (live buffer). */
    public double[] forces() { return eval.forces; }

    /** Potential energy of the latest evaluation that computed it, eV. */
    public double potentialEnergy() { return eval.energy; }

    /** Sets velocities (natoms×3, Å/fs), copying. */
    public void setVelocities(double[] v) {
        if (v.length != 3 * n) {
            throw new IllegalArgumentException("shape mismatch: velocities " + v.length + " != " + 3 * n);
        }
        System.arraycopy(v, 0, velocities, 0, 3 * n);
    }

    /** Immutable snapshot of the current positions (wrapped) with the initial cell, types and masses. */
    public Structure toStructure() {
        return initial.withPositions(positions);
    }

    /** Unwrapped positions (natoms×3, Å): positions + images·h. */
    public double[] unwrappedPositions() {
        double[] u = Arrays.copyOf(positions, 3 * n);
        if (cell != null) {
            for (int i = 0; i < n; i++) {
                for (int b = 0; b < 3; b++) {
                    u[3 * i + b] += images[3 * i] * cell[b] + images[3 * i + 1] * cell[3 + b]
                            + images[3 * i + 2] * cell[6 + b];
                }
            }
        }
        return u;
    }
}
