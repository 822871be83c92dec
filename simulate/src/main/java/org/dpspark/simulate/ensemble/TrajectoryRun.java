package org.dpspark.simulate.ensemble;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.dpspark.core.CellMath;
import org.dpspark.simulate.analysis.LinearFit;
import org.dpspark.simulate.analysis.Rdf;
import org.dpspark.simulate.dp.DeepPotCalculators;
import org.dpspark.simulate.dp.DeepPotPotential;
import org.dpspark.simulate.dp.ModelDeviation;
import org.dpspark.simulate.md.ForceField;
import org.dpspark.simulate.md.Integrator;
import org.dpspark.simulate.md.MaxwellBoltzmann;
import org.dpspark.simulate.md.MdState;
import org.dpspark.simulate.md.RunResult;
import org.dpspark.simulate.md.Status;
import org.dpspark.simulate.md.Thermo;
import org.dpspark.simulate.md.Trajectory;
import org.dpspark.simulate.potential.Potential;
import org.dpspark.simulate.potential.Structure;

/**
 * Runs one trajectory of the ensemble (no Spark): builds the structure, potential, integrator and seeded state
 * from a {@link TrajectorySpec}, and yields the dumped frames one at a time, advancing the dynamics only as far as
 * the next dump, so that memory stays at one frame however long the trajectory is. After the last frame,
 * {@link #summary()} and {@link #rdf()} describe the whole run.
 *
 * <p>Initial velocities: Maxwell–Boltzmann at the target T from the trajectory's seeded stream (zero momentum,
 * rescaled to exactly T when configured). Every {@code thermo-every} steps a thermo sample (conserved energy,
 * T, pressure) is kept; every {@code dump-every} steps (and at step 0) a frame is dumped, with the force model
 * deviation of the configured ensemble, and added to the RDF.
 *
 * <p>Pressure is the P of docs/physics.md#forces-virial-stress-signs, P = (N k_B T + tr Ξ/3)/V with T the instantaneous
 * temperature (over the integrator's degrees of freedom), in bar, from
 * {@link Thermo#pressureBar(int, double, double[], double)}.
 *
 * <p>A trajectory that blows up (guard), hits an engine error, or cannot even be set up (e.g. an element the
 * model does not know) ends with that status and reason; it never throws. Deterministic: the same spec gives
 * bitwise the same frames.
 */
public final class TrajectoryRun implements Iterator<DumpedFrame> {
    private final TrajectorySpec spec;
    private final String id;
    private final long t0 = System.nanoTime();
    private final long steps;
    private final int dumpEvery;
    private Structure structure;
    private MdState state;
    private Trajectory trajectory;
    private Integrator integrator;
    private ModelDeviation deviation;
    private int[] deviationTypes;
    private Rdf rdf;
    private long rdfFromStep;
    private Potential potential;
    private boolean started;
    private boolean finished;
    private RunResult result;
    private DumpedFrame pending;
    private int frames;
    private double volume = Double.NaN;
    // thermo samples
    private double[] sTime = new double[16];
    private double[] sConserved = new double[16];
    private double[] sTemperature = new double[16];
    private double[] sPressure = new double[16];
    private int samples;
    private long endNanos;

    public TrajectoryRun(TrajectorySpec spec) {
        this.spec = spec;
        this.id = spec.id();
        SimulateSettings set = spec.settings();
        this.steps = set.steps();
        this.dumpEvery = set.dumpEvery();
        try {
            structure = spec.structure().toStructure();
            potential = spec.potential().build(structure);
            deviation = spec.potential().deviation(structure);
            if (deviation != null) {
                deviationTypes = DeepPotPotential.typeMapping(structure, deviation.models().get(0).model().typeMap());
            }
            state = new MdState(structure, spec.seed());
            MaxwellBoltzmann.assign(state, spec.temperature(), set.exactTemperature());
            integrator = spec.integrator().build(spec.temperature());
            if (structure.cell() != null) {
                volume = Math.abs(CellMath.determinant(structure.cell()));
            }
            boolean periodic = structure.cell() != null && structure.pbc()[0] && structure.pbc()[1] && structure.pbc()[2];
            rdf = periodic ? new Rdf(structure.ntypes(), set.rdfRmax(), set.rdfBins()) : null;
            rdfFromStep = set.rdfFromStep();
            trajectory = new Trajectory(new ForceField(potential, set.skin()), integrator, spec.guard())
                    .observe(set.thermoEvery(), this::sample)
                    .observe(dumpEvery, this::dump);
        } catch (RuntimeException e) {
            finish(new RunResult(Status.FAILED, "cannot set up: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    0, 0));
        }
    }

    public TrajectorySpec spec() { return spec; }

    public String id() { return id; }

    /**
     * Where the potential actually ran so far (observed; several modes joined by "; " if a kernel changed device
     * during the run); the requested calculator when it never ran (set-up failure).
     */
    public String executionMode() {
        String m = potential == null ? "" : PotentialSpec.executionMode(potential);
        return m.isEmpty() ? "not run (" + spec.potential().execution() + ")" : m;
    }

    /** Initial structure (null if it could not be built). */
    public Structure structure() { return structure; }

    @Override
    public boolean hasNext() {
        while (pending == null && !finished) {
            RunResult r;
            try {
                if (!started) {
                    started = true;
                    r = trajectory.start(state);
                } else if (state.step >= steps) {
                    r = new RunResult(Status.COMPLETED, null, state.step, 0);
                    finish(r);
                    break;
                } else {
                    long toDump = dumpEvery - state.step % dumpEvery;
                    r = trajectory.advance(state, Math.min(toDump, steps - state.step));
                }
            } catch (RuntimeException e) {
                // an observer (e.g. a deviation model) failed: report like an engine error
                r = new RunResult(Status.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage() + " at step "
                        + state.step, state.step, 0);
            }
            if (!r.ok()) {
                finish(r);
            }
        }
        return pending != null;
    }

    @Override
    public DumpedFrame next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        DumpedFrame f = pending;
        pending = null;
        return f;
    }

    private void finish(RunResult r) {
        finished = true;
        result = r;
        endNanos = System.nanoTime();
        // kernel calculators hold device resources: release them as soon as the trajectory is done
        try {
            if (potential instanceof DeepPotPotential dp) {
                DeepPotCalculators.close(dp.calculator());
            }
            if (deviation != null) {
                deviation.models().forEach(DeepPotCalculators::close);
            }
        } catch (RuntimeException e) {
            if (result.ok()) {
                result = new RunResult(Status.FAILED, e.getMessage(), r.steps(), r.rebuilds());
            }
        }
    }

    private double temperature(MdState s) {
        return Thermo.temperature(Thermo.kineticEnergy(s), integrator.degreesOfFreedom(s.natoms()));
    }

    /**
     * Pressure (docs/physics.md#forces-virial-stress-signs), bar ({@link Thermo#pressureBar(int, double, double[],
     * double)}); NaN without a cell.
     */
    private double pressure(MdState s, double t) {
        return Double.isNaN(volume) ? Double.NaN : Thermo.pressureBar(s.natoms(), t, s.eval.virial, volume);
    }

    private boolean sample(MdState s) {
        if (samples == sTime.length) {
            sTime = Arrays.copyOf(sTime, 2 * samples);
            sConserved = Arrays.copyOf(sConserved, 2 * samples);
            sTemperature = Arrays.copyOf(sTemperature, 2 * samples);
            sPressure = Arrays.copyOf(sPressure, 2 * samples);
        }
        double t = temperature(s);
        sTime[samples] = s.time;
        sConserved[samples] = s.potentialEnergy() + Thermo.kineticEnergy(s) + s.reservoir;
        sTemperature[samples] = t;
        sPressure[samples] = pressure(s, t);
        samples++;
        return true;
    }

    private boolean dump(MdState s) {
        double t = temperature(s);
        double p = pressure(s, t);
        double[] pos = Arrays.copyOf(s.positions, 3 * s.natoms());
        double[] dev = null;
        if (deviation != null) {
            int[] mt = new int[s.natoms()];
            for (int i = 0; i < mt.length; i++) {
                mt[i] = deviationTypes[s.types[i]];
            }
            dev = deviation.evaluate(pos, s.cell, mt);
        }
        if (rdf != null && s.step >= rdfFromStep) {
            rdf.add(pos, s.cell, s.types);
        }
        pending = new DumpedFrame(frames++, s.step, s.time, pos, s.eval.forcesCopy(), s.potentialEnergy(),
                s.eval.virialCopy(), Thermo.kineticEnergy(s), t, Double.isNaN(p) ? null : p, dev,
                PotentialSpec.lastExecutionMode(potential));
        return true;
    }

    /** The RDF over the dumped frames (null for non-periodic structures or when setup failed). */
    public Rdf rdf() { return rdf; }

    /** How the run went; valid once {@link #hasNext()} returned false. */
    public TrajectorySummary summary() {
        if (!finished) {
            throw new IllegalStateException("trajectory " + id + " has not finished");
        }
        int n = structure == null ? 0 : structure.natoms();
        double[] time = Arrays.copyOf(sTime, samples);
        double[] cons = Arrays.copyOf(sConserved, samples);
        double[] temp = Arrays.copyOf(sTemperature, samples);
        double[] pres = Double.isNaN(volume) ? null : Arrays.copyOf(sPressure, samples);
        // eV/fs per atom → eV/atom/ps
        double drift = n > 0 ? LinearFit.slope(time, cons, samples) / n * 1000.0 : Double.NaN;
        double wall = (endNanos - t0) * 1e-9;
        return new TrajectorySummary(id, result.status(), result.reason(), result.steps(), frames,
                LinearFit.mean(temp, samples), LinearFit.std(temp, samples), drift,
                pres == null ? Double.NaN : LinearFit.mean(pres, samples), executionMode(), wall, time, cons, temp, pres);
    }

    /** Atoms × steps done per wall second of this trajectory. */
    public double atomStepsPerSecond() {
        TrajectorySummary s = summary();
        int n = structure == null ? 0 : structure.natoms();
        return s.wallSeconds() > 0 ? n * (double) s.stepsDone() / s.wallSeconds() : 0.0;
    }
}
