package org.dpspark.simulate.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.Units;
import org.dpspark.simulate.md.BlowUpGuard;
import org.dpspark.simulate.md.ForceField;
import org.dpspark.simulate.md.MaxwellBoltzmann;
import org.dpspark.simulate.md.MdState;
import org.dpspark.simulate.md.RunResult;
import org.dpspark.simulate.md.Status;
import org.dpspark.simulate.md.Thermo;
import org.dpspark.simulate.md.Trajectory;
import org.dpspark.simulate.md.VelocityVerlet;
import org.dpspark.simulate.potential.StillingerWeber;
import org.junit.jupiter.api.Test;

/** One ensemble member without Spark: streaming, reproducibility, statuses, thermo statistics. */
class TrajectoryRunTest {

    static List<DumpedFrame> all(TrajectoryRun run) {
        List<DumpedFrame> frames = new ArrayList<>();
        run.forEachRemaining(frames::add);
        return frames;
    }

    @Test
    void streamedFramesAreBitwiseThoseOfOneUninterruptedRunAndReproducible() {
        TrajectorySpec spec = EnsembleConfigs.specs(EnsembleConfigs.silicon("simulate.temperatures=[600]",
                "simulate.seeds=[5]")).get(0);
        List<DumpedFrame> a = all(new TrajectoryRun(spec));
        List<DumpedFrame> b = all(new TrajectoryRun(spec));
        assertEquals(5, a.size(), "steps 0, 50, 100, 150, 200");
        for (int k = 0; k < a.size(); k++) {
            assertEquals(50L * k, a.get(k).step());
            assertArrayEquals(a.get(k).positions(), b.get(k).positions(), "same seed, same bits");
            assertArrayEquals(a.get(k).forces(), b.get(k).forces());
        }
        // the same physics as one Trajectory.run with the engine's pieces: the chunked advance changes nothing
        MdState s = new MdState(spec.structure().toStructure(), 5L);
        MaxwellBoltzmann.assign(s, 600, true);
        List<double[]> ref = new ArrayList<>();
        RunResult r = new Trajectory(new ForceField(StillingerWeber.silicon(), 1.0), new VelocityVerlet(1.0),
                spec.guard()).observe(50, st -> ref.add(st.positions.clone())).run(s, 200);
        assertTrue(r.ok(), r.toString());
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(ref.get(k), a.get(k).positions(), "frame " + k);
        }
        DumpedFrame last = a.get(4);
        assertEquals(200.0, last.time(), 0.0);
        assertNull(last.deviation(), "no deviation models");
        assertNotNull(last.pressure());
    }

    @Test
    void summaryHasThermoStatisticsAndPhysicsPressure() {
        TrajectorySpec spec = EnsembleConfigs.specs(EnsembleConfigs.silicon("simulate.temperatures=[300]")).get(0);
        TrajectoryRun run = new TrajectoryRun(spec);
        List<DumpedFrame> frames = all(run);
        TrajectorySummary s = run.summary();
        assertEquals(Status.COMPLETED, s.status());
        assertNull(s.reason());
        assertEquals(200, s.stepsDone());
        assertEquals(frames.size(), s.frames());
        assertEquals(41, s.thermoTime().length, "samples every 5 steps, 0..200");
        assertEquals(PotentialSpec.JAVA, s.executionMode());
        // NVE from a perfect crystal: equipartition brings T to about half the initial 300 K; its mean lies between
        assertTrue(s.meanTemperature() > 100 && s.meanTemperature() < 300, "mean T " + s.meanTemperature());
        // velocity Verlet at dt = 1 fs on SW silicon conserves energy: drift far below k_B T per atom per ps
        // (0.026 eV); bound 1e-3 eV/atom/ps (measured 2.2e-5 for this 0.2 ps run)
        System.out.printf("SW Si 64 atoms NVE 300 K dt 1 fs: drift %.3e eV/atom/ps, mean T %.1f K%n", s.energyDrift(),
                s.meanTemperature());
        assertTrue(Math.abs(s.energyDrift()) < 1e-3, "drift " + s.energyDrift());
        // pressure of a dumped frame = (N k_B T + tr Ξ / 3) / V in bar (docs/physics.md#forces-virial-stress-signs)
        DumpedFrame f = frames.get(2);
        double vol = Math.pow(2 * 5.431, 3);
        double p = (64 * Units.BOLTZMANN_EV_PER_K * f.temperature()
                + (f.virial()[0] + f.virial()[4] + f.virial()[8]) / 3) / vol * Units.EV_PER_A3_BAR;
        assertEquals(p, f.pressure(), 1e-9 * Math.abs(p));
        assertEquals(Thermo.temperature(f.kineticEnergy(), 3 * 64 - 3), f.temperature(), 1e-9 * f.temperature());
        assertTrue(run.rdf().frames() == frames.size());
    }

    @Test
    void theRdfLeavesOutTheFramesBeforeItsFromStep() {
        // 200 steps dumped every 5 (EnsembleConfigs.silicon): frames at steps 0, 5, ..., 200; from step 100 on: 21
        TrajectorySpec spec = EnsembleConfigs.specs(EnsembleConfigs.silicon("simulate.temperatures=[300]",
                "simulate.rdf.from-step=100")).get(0);
        TrajectoryRun run = new TrajectoryRun(spec);
        List<DumpedFrame> frames = all(run);
        long counted = frames.stream().filter(f -> f.step() >= 100).count();
        assertTrue(counted < frames.size(), "some frames come before step 100");
        assertEquals(counted, run.rdf().frames());
    }

    @Test
    void aBadStartBlowsUpWithAStatusAndAReasonInsteadOfThrowing() {
        // diamond silicon squeezed to a = 2.6 Å (nearest neighbours 1.13 Å instead of 2.35 Å): SW's repulsion
        // throws the atoms apart; the guard (T > 10 × target, pairs < 0.5 Å, NaN) stops the run
        TrajectorySpec spec = EnsembleConfigs.specs(EnsembleConfigs.settings(
                "simulate.structures=[{lattice=diamond,element=Si,a=2.6,repeat=[2,2,2]}]",
                "simulate.potentials=[{type=sw}]", "simulate.integrator.steps=200", "simulate.dump-every=50")).get(0);
        TrajectoryRun run = new TrajectoryRun(spec);
        all(run);
        TrajectorySummary s = run.summary();
        System.out.println("squeezed silicon: " + s.status() + " — " + s.reason());
        assertTrue(s.status() != Status.COMPLETED, s.toString());
        assertNotNull(s.reason());
        assertTrue(s.stepsDone() < 200, "stopped early: " + s.stepsDone());
    }

    @Test
    void aPotentialThatCannotTakeTheStructureFailsItsTrajectoryOnly() {
        // Stillinger–Weber silicon on a two-element water box: set-up error → FAILED with the reason, no frames
        TrajectorySpec spec = EnsembleConfigs.specs(EnsembleConfigs.settings(
                "simulate.structures=[{water-box{molecules=8}}]", "simulate.potentials=[{type=sw}]",
                "simulate.integrator.steps=10")).get(0);
        TrajectoryRun run = new TrajectoryRun(spec);
        assertTrue(all(run).isEmpty());
        TrajectorySummary s = run.summary();
        assertEquals(Status.FAILED, s.status());
        assertTrue(s.reason().startsWith("cannot set up") && s.reason().contains("one-element"), s.reason());
        assertEquals(0, s.stepsDone());
    }

    @Test
    void guardIsTheConfiguredOne() {
        TrajectorySpec spec = EnsembleConfigs.specs(EnsembleConfigs.silicon("simulate.temperatures=[300]",
                "simulate.guard.min-distance=0.7")).get(0);
        assertEquals(new BlowUpGuard(10, 0.7, 3000.0), spec.guard());
    }
}
