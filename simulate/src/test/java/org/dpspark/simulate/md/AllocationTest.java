package org.dpspark.simulate.md;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.eval.BatchedDeepPotEvaluator;
import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.SeAttenEvaluator;
import org.dpspark.simulate.dp.DeepPotPotential;
import org.dpspark.simulate.lattice.Lattice;
import org.dpspark.simulate.lattice.WaterBox;
import org.dpspark.simulate.potential.Evaluation;
import org.dpspark.simulate.potential.LjSystems;
import org.dpspark.simulate.potential.Potential;
import org.dpspark.simulate.potential.StillingerWeber;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

/**
 * No allocation per step in the hot loop: after a warm-up (buffers sized, JIT done), 300 steps including
 * neighbour-list rebuilds, energy/virial evaluations and thermostat noise allocate (almost) nothing, measured
 * with the JVM's per-thread allocation counter. Bound 4 KiB for 300 steps, i.e. far below one array of
 * positions (6 KiB for 256 atoms) — any per-step array would allocate ≥ 300 × that.
 */
class AllocationTest {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Bytes the measured steps may allocate in all: far below one array sized by the atoms (class comment). */
    private static final long BOUND = 4096;
    /** Warm-up window (steps): long enough to hold a Verlet-list rebuild in every system here. */
    private static final int WINDOW = 100;

    private static long measure(Structure s, Potential p, double skin, Supplier<Integrator> integ, double t) {
        return measure(s, p, skin, integ, t, 6000, 300);
    }

    /**
     * Warm-up, then the bytes allocated by {@code steps} measured steps. The warm-up (JIT and buffer growth) runs in
     * windows of {@link #WINDOW} steps until two windows in a row allocate under {@link #BOUND}, the second one across
     * a list rebuild (so the rebuild path is compiled too), or {@code maxWarmup} steps have run: until C2 has compiled
     * it, Vector API code allocates a box per operation, and on a loaded machine that takes thousands of steps, on a
     * quiet one a few hundred. Every window and the measured steps start again from the first state (positions,
     * velocities, images): the steps are never more than a few hundred from the start, whatever the warm-up's length,
     * so that a model with random weights (the water-example net below) cannot drive the atoms into a state with more
     * neighbours than its sel (a 1,150-step run did on an AVX-512 machine, where the vector lanes, hence the rounding
     * and the trajectory, differ). The measured steps then must stay under the bound on their own.
     */
    private static long measure(Structure s, Potential p, double skin, Supplier<Integrator> integ, double t,
            int maxWarmup, int steps) {
        MdState first = new MdState(s, 1L), st = new MdState(s, 1L); // st takes first's state at every restart
        MaxwellBoltzmann.assign(first, t, true);
        ForceField ff = new ForceField(p, skin);
        Integrator in = integ.get();
        int k = 0, quiet = 0;
        while (k < maxWarmup && quiet < 2) {
            restart(st, first, ff);
            int rebuilds = ff.list().rebuilds();
            long before = allocatedBytes();
            for (int end = k + WINDOW; k < end; k++) {
                step(in, st, ff, k);
            }
            boolean calm = allocatedBytes() - before < BOUND, rebuilt = ff.list().rebuilds() > rebuilds;
            if (!calm) {
                quiet = 0;
            } else if (quiet == 0 || rebuilt) {
                quiet++;
            }
        }
        restart(st, first, ff);
        int rebuilds = ff.list().rebuilds();
        long before = allocatedBytes();
        for (int i = 0; i < steps; i++) {
            step(in, st, ff, k + i);
        }
        long bytes = allocatedBytes() - before;
        System.out.printf("  (%d warm-up steps)%n", k);
        assertTrue(ff.list().rebuilds() > rebuilds, "the measured steps include rebuilds");
        return bytes;
    }

    /** Back to the first state (positions, velocities, images, clock), its forces evaluated. */
    private static void restart(MdState st, MdState first, ForceField ff) {
        System.arraycopy(first.positions, 0, st.positions, 0, st.positions.length);
        System.arraycopy(first.velocities, 0, st.velocities, 0, st.velocities.length);
        System.arraycopy(first.images, 0, st.images, 0, st.images.length);
        st.step = 0;
        st.time = 0;
        ff.compute(st, Evaluation.ALL);
    }

    /** One MD step; energy and virial every 10th, as an MD run that writes thermo output. */
    private static void step(Integrator in, MdState st, ForceField ff, int k) {
        in.step(st, ff, k % 10 == 0 ? Evaluation.ENERGY | Evaluation.VIRIAL : 0);
    }

    @Test
    void ljLangevinAndBussiStepsDoNotAllocate() {
        Structure s = LjSystems.fcc(4, 0.8442);
        long a = measure(s, LjSystems.argon(false), MdFixtures.SKIN, () -> new LangevinBaoab(5.0, 150, 0.01), 150);
        long b = measure(s, LjSystems.argon(false), MdFixtures.SKIN, () -> new BussiThermostat(5.0, 150, 100), 150);
        System.out.printf("allocated in 300 steps: LJ Langevin %d B, LJ Bussi %d B%n", a, b);
        assertTrue(a < BOUND, "LJ Langevin allocated " + a + " bytes");
        assertTrue(b < BOUND, "LJ Bussi allocated " + b + " bytes");
    }

    @Test
    void swVelocityVerletStepsDoNotAllocate() {
        long a = measure(Lattice.silicon(2, 2, 2), StillingerWeber.silicon(), 0.5, () -> new VelocityVerlet(1.0), 1500);
        System.out.printf("allocated in 300 steps: SW NVE %d B%n", a);
        assertTrue(a < BOUND, "SW allocated " + a + " bytes");
    }

    @Test
    void deepPotVelocityVerletStepsDoNotAllocate() throws IOException {
        // DeePMD-kit's deeppot_sea on 16 water molecules (48 atoms), the Java reference through DeepPotPotential's
        // allocation-free path; 150 steps of 0.5 fs include Verlet-list rebuilds of the engine
        DeepPotModel m = DeepPotModel.importDeepmd(SharedData.path("deepmd-models/deeppot_sea.yaml"));
        Structure s = WaterBox.build(16, 1.0, 1L);
        DeepPotPotential dp = DeepPotPotential.forStructure(new DeepPotEvaluator(m), s);
        int steps = 150;
        long a = measure(s, dp, 1.0, () -> new VelocityVerlet(0.5), 300, 2000, steps);
        System.out.printf("allocated in %d steps: DP water NVE %d B (%.1f B/step)%n", steps, a, a / (double) steps);
        // The evaluator rebuilds its neighbour list every step with featurize's NeighborListBuilder, which reuses its
        // buffers (the inverse cell included); everything of simulate's DP step is reused. Same bound as the
        // reference potentials: 4 KiB in all, far below one array sized by the atoms (the forces of 48 atoms are 1.2 kB).
        assertTrue(a < BOUND, "DP allocated " + a + " bytes in " + steps + " steps");
    }

    @Test
    void dpa1VelocityVerletStepsDoNotAllocate() {
        // DPA-1 on the vector products (the java execution): with 2 attention layers (per-atom fitting) and with none
        // (the block fitting), 16 water molecules, small random nets (sel 64: ~27 neighbours within 4 Å in water and room
        // for a random model's close approaches; embedding [8, 16], attention 16)
        Structure s = WaterBox.build(16, 1.0, 1L);
        for (int layers : new int[] {2, 0}) {
            DeepPotModel m = DeepPotModels.randomSeAtten(new DeepPotModels.SeAttenSpec(java.util.List.of("O", "H"), 4.0, 0.5,
                    64, new int[] {8, 16}, 4, 4, 16, layers, false, false, true, new int[] {16, 16}), 0.0, 0.3, 0.2,
                    new double[] {-93.6, -187.1}, 5);
            DeepPotPotential dp = DeepPotPotential.forStructure(new SeAttenEvaluator(m), s);
            int steps = 150;
            long a = measure(s, dp, 1.0, () -> new VelocityVerlet(0.5), 300, 2000, steps);
            System.out.printf("allocated in %d steps: DPA-1 (attn_layer %d) water NVE %d B%n", steps, layers, a);
            assertTrue(a < BOUND, "DPA-1 attn_layer " + layers + " allocated " + a + " bytes in " + steps + " steps");
        }
    }

    @Test
    void batchedDeepPotVelocityVerletStepsDoNotAllocate() throws IOException {
        // the batched evaluator (the java execution of the MD engine) through DeepPotPotential's allocation-free path:
        // deeppot_sea on 16 water molecules with blocks of 20 atoms (so that a frame has a full and a partial block,
        // and the types are split unevenly between blocks), then a net of the water example's shapes (resnet skips,
        // 240-wide fitting) on 8 molecules; the steps include Verlet-list rebuilds of the engine
        DeepPotModel m = DeepPotModel.importDeepmd(SharedData.path("deepmd-models/deeppot_sea.yaml"));
        Structure s = WaterBox.build(16, 1.0, 1L);
        DeepPotPotential dp = DeepPotPotential.forStructure(new BatchedDeepPotEvaluator(m, 20), s);
        int steps = 150;
        long a = measure(s, dp, 1.0, () -> new VelocityVerlet(0.5), 300, 4000, steps);
        DeepPotModel big = DeepPotModels.random(DeepPotModels.Spec.waterExample(), 0.05, 0.08, 0.05,
                new double[] {-93.6, -187.1}, 2);
        Structure w = WaterBox.build(8, 1.0, 1L);
        DeepPotPotential wp = DeepPotPotential.forStructure(new BatchedDeepPotEvaluator(big, 16), w);
        long b = measure(w, wp, 1.0, () -> new VelocityVerlet(0.5), 300, 2000, steps);
        System.out.printf("allocated: batched DP water NVE %d B in %d steps, water-example net %d B in %d steps%n", a,
                steps, b, steps);
        // same bound and reason as the reference evaluator's test above: no per-step array of any size
        assertTrue(a < BOUND, "batched DP allocated " + a + " bytes in " + steps + " steps");
        assertTrue(b < BOUND, "batched DP (water-example net) allocated " + b + " bytes in " + steps + " steps");
    }

    @Test
    void compressedDeepPotVelocityVerletStepsDoNotAllocate() throws IOException {
        // the batched evaluator with a compressed model (table kernels instead of the embedding nets), as above:
        // deeppot_sea on 16 molecules, blocks of 20 atoms, then the water-example net on 8 molecules; tables made for
        // neighbours down to 0.15 Å (no environment leaves them)
        DeepPotModel m = DeepPotModel.importDeepmd(SharedData.path("deepmd-models/deeppot_sea.yaml"));
        m = m.withCompression(org.dpspark.model.compress.Compression.build(m.seA(), 0.15, 0.01, 5, -1));
        Structure s = WaterBox.build(16, 1.0, 1L);
        DeepPotPotential dp = DeepPotPotential.forStructure(new BatchedDeepPotEvaluator(m, 20), s);
        int steps = 150;
        long a = measure(s, dp, 1.0, () -> new VelocityVerlet(0.5), 300, 4000, steps);
        DeepPotModel big = DeepPotModels.random(DeepPotModels.Spec.waterExample(), 0.05, 0.08, 0.05,
                new double[] {-93.6, -187.1}, 2);
        big = big.withCompression(org.dpspark.model.compress.Compression.build(big.seA(), 0.15, 0.01, 5, -1));
        Structure w = WaterBox.build(8, 1.0, 1L);
        DeepPotPotential wp = DeepPotPotential.forStructure(new BatchedDeepPotEvaluator(big, 16), w);
        long b = measure(w, wp, 1.0, () -> new VelocityVerlet(0.5), 300, 2000, steps);
        System.out.printf("allocated: compressed DP water NVE %d B in %d steps, compressed water-example net %d B in %d"
                + " steps%n", a, steps, b, steps);
        assertTrue(a < BOUND, "compressed DP allocated " + a + " bytes in " + steps + " steps");
        assertTrue(b < BOUND, "compressed DP (water-example net) allocated " + b + " bytes in " + steps + " steps");
    }
}
