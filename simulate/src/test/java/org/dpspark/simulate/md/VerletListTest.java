package org.dpspark.simulate.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.simulate.lattice.Lattice;
import org.dpspark.simulate.potential.Evaluation;
import org.dpspark.simulate.potential.LjSystems;
import org.dpspark.simulate.potential.Potential;
import org.dpspark.simulate.potential.StillingerWeber;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

/**
 * The Verlet list with skin gives the forces of a freshly built list at every step (the skin/2 criterion is
 * sufficient), rebuilds only when needed, and the direct half-list builder agrees with the general path.
 * Tolerance 1e-12 eV/Å: the same terms summed in another order (forces ~0.01–5 eV/Å).
 */
class VerletListTest {

    /** Runs Langevin, comparing every 5 steps the engine's forces and energy with a fresh evaluation. */
    private static int compareAlongRun(Structure s, Potential p, double skin, double t, double dt, int steps,
                                       VerletList list) {
        MdState st = new MdState(s, 11L);
        MaxwellBoltzmann.assign(st, t, true);
        ForceField ff = list == null ? new ForceField(p, skin) : new ForceField(p, list);
        Trajectory tr = new Trajectory(ff, new LangevinBaoab(dt, t, 0.01), BlowUpGuard.forTarget(t, 10))
                .observe(5, state -> {
                    Evaluation fresh = p.evaluate(state.toStructure());
                    double[] f = state.forces();
                    for (int k = 0; k < 3 * state.natoms(); k++) {
                        assertEquals(fresh.forces[k], f[k], 1e-12, "force " + k + " at step " + state.step);
                    }
                    assertEquals(fresh.energy, state.potentialEnergy(), 1e-12 * Math.abs(fresh.energy) + 1e-12);
                    for (int k = 0; k < 9; k++) {
                        assertEquals(fresh.virial[k], state.eval.virial[k], 1e-11);
                    }
                    return true;
                });
        RunResult r = tr.run(st, steps);
        assertTrue(r.ok(), r.toString());
        return r.rebuilds();
    }

    @Test
    void ljHalfListWithSkinMatchesFreshLists() {
        // 500-atom liquid (box 2.8 r_list wide): the direct ghost half-list builder is used
        int rebuilds = compareAlongRun(LjSystems.fcc(5, 0.8442), LjSystems.argon(false), MdFixtures.SKIN, 150, 5.0,
                400, null);
        // rebuilt more than once but far less often than every step
        assertTrue(rebuilds > 2 && rebuilds < 100, "rebuilds " + rebuilds);
    }

    @Test
    void ljSmallBoxFallsBackToTheGeneralPath() {
        // 32 atoms, box 11.1 Å < 2·(r_c + skin): half list derived from the full list (images of self included)
        VerletList list = new VerletList(LjSystems.RC, MdFixtures.SKIN, true);
        compareAlongRun(LjSystems.fcc(2, 0.8442), LjSystems.argon(true), MdFixtures.SKIN, 150, 5.0, 200, list);
        assertNotNull(list.full(), "general path keeps the full list");
    }

    @Test
    void swFullListWithSkinMatchesFreshLists() {
        int rebuilds = compareAlongRun(Lattice.silicon(2, 2, 2), StillingerWeber.silicon(), 1.0, 1500, 1.0, 300,
                null);
        assertTrue(rebuilds >= 2, "rebuilds " + rebuilds);
    }

    @Test
    void rebuildPolicies() {
        Structure s = LjSystems.fcc(5, 0.8442);
        // fixed interval without check (LAMMPS "every 20 check no"): exactly 1 + 100/20 builds
        VerletList every = new VerletList(LjSystems.RC, MdFixtures.SKIN, true, 20, false);
        MdState st = new MdState(s, 2L);
        MaxwellBoltzmann.assign(st, 90, true);
        ForceField ff = new ForceField(LjSystems.argon(false), every);
        RunResult r = new Trajectory(ff, new VelocityVerlet(5.0), BlowUpGuard.nanOnly(10)).run(st, 100);
        assertTrue(r.ok());
        assertEquals(6, every.rebuilds());
        assertNull(every.full(), "direct half-list path builds no full list");
        // zero skin: any motion triggers a rebuild, i.e. every step
        VerletList zero = new VerletList(LjSystems.RC, 0.0, true);
        MdState st2 = new MdState(s, 2L);
        MaxwellBoltzmann.assign(st2, 90, true);
        new Trajectory(new ForceField(LjSystems.argon(false), zero), new VelocityVerlet(5.0), BlowUpGuard.nanOnly(10))
                .run(st2, 50);
        assertEquals(51, zero.rebuilds());
    }

    @Test
    void wrappingKeepsUnwrappedPositionsContinuous() {
        // Positions are wrapped into the box at rebuilds (so they stay within half a skin of it) and the image
        // counters keep positions + images·h continuous: no unwrapped displacement jumps by a box length.
        Structure s = LjSystems.fcc(5, 0.8442);
        MdState st = new MdState(s, 3L);
        MaxwellBoltzmann.assign(st, 300, true);
        double[] before = st.unwrappedPositions();
        ForceField ff = new ForceField(LjSystems.argon(false), MdFixtures.SKIN);
        new Trajectory(ff, new VelocityVerlet(5.0), BlowUpGuard.nanOnly(10)).run(st, 400);
        double[] after = st.unwrappedPositions();
        double[] cell = s.cell();
        boolean anyWrapped = false;
        for (int i = 0; i < st.natoms(); i++) {
            for (int b = 0; b < 3; b++) {
                anyWrapped |= st.images[3 * i + b] != 0;
                assertTrue(st.positions[3 * i + b] >= 0 && st.positions[3 * i + b] < cell[4 * b] + 2.0,
                        "wrapped coordinate (within half a skin of the box)");
                // an atom cannot move half a box in 2 ps in a liquid: unwrapped displacement is small
                assertTrue(Math.abs(after[3 * i + b] - before[3 * i + b]) < 0.5 * cell[4 * b]);
            }
        }
        assertTrue(anyWrapped, "some atom crossed the boundary");
    }
}
