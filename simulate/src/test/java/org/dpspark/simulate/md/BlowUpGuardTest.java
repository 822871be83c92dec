package org.dpspark.simulate.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.simulate.potential.LennardJones;
import org.dpspark.simulate.potential.LjSystems;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

/** Trajectories that blow up stop with a status and a reason; the others are unaffected. */
class BlowUpGuardTest {
    private final LennardJones lj = LjSystems.argon(false);

    private Trajectory trajectory(double dt) {
        return new Trajectory(new ForceField(lj, MdFixtures.SKIN), new VelocityVerlet(dt),
                BlowUpGuard.forTarget(MdFixtures.T_LIQUID, 10));
    }

    @Test
    void overlappingAtomsStopWithOverlap() {
        Structure s = LjSystems.fcc(3, 0.8442);
        double[] x = s.positions();
        x[3] = x[0] + 0.1; // atom 1 at 0.1 Å from atom 0
        x[4] = x[1];
        x[5] = x[2];
        MdState st = new MdState(s.withPositions(x), 1L);
        RunResult r = trajectory(5.0).run(st, 100);
        assertEquals(Status.OVERLAP, r.status());
        assertEquals(0, r.steps());
        assertTrue(r.reason().contains("atoms 0 and 1 at 0.100 Å"), r.reason());
    }

    @Test
    void nanStopsWithNan() {
        Structure s = LjSystems.fcc(3, 0.8442);
        MdState st = new MdState(s, 1L);
        MaxwellBoltzmann.assign(st, MdFixtures.T_LIQUID, true);
        st.velocities[7] = Double.NaN;
        RunResult r = trajectory(5.0).run(st, 100);
        assertEquals(Status.NAN, r.status());
        assertTrue(r.reason().contains("atom 2"), r.reason());
    }

    @Test
    void explodingTrajectoryStopsWhileTheOtherCompletes() {
        Structure s = LjSystems.fcc(3, 0.8442);
        MdState bad = new MdState(s, 3L);
        MdState good = new MdState(s, 3L);
        MaxwellBoltzmann.assign(bad, 2 * MdFixtures.T_LIQUID, true);
        MaxwellBoltzmann.assign(good, 2 * MdFixtures.T_LIQUID, true);
        RunResult rb = trajectory(150.0).run(bad, 2000); // dt ≈ 0.07τ: unstable
        RunResult rg = trajectory(5.0).run(good, 200);
        assertNotEquals(Status.COMPLETED, rb.status(), "dt = 150 fs must blow up: " + rb);
        System.out.println("exploding run: " + rb);
        assertTrue(rb.reason() != null && !rb.reason().isEmpty());
        assertTrue(rb.steps() < 2000);
        assertEquals(Status.COMPLETED, rg.status(), rg.toString());
        assertEquals(200, rg.steps());
    }

    @Test
    void hotTrajectoryStopsWithHot() {
        Structure s = LjSystems.fcc(3, 0.8442);
        MdState st = new MdState(s, 4L);
        MaxwellBoltzmann.assign(st, 20 * MdFixtures.T_LIQUID, true);
        RunResult r = trajectory(1.0).run(st, 100);
        assertEquals(Status.HOT, r.status());
        assertTrue(r.reason().startsWith("temperature"), r.reason());
    }
}
