package org.dpspark.bench.simulate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.eval.BatchedDeepPotEvaluator;
import org.dpspark.model.eval.DeepPotCalculator;
import org.dpspark.simulate.dp.DeepPotCalculators;
import org.dpspark.model.eval.DeepPotFlops;
import org.dpspark.model.eval.SeAttenEvaluator;
import org.dpspark.simulate.dp.DeepPotPotential;
import org.dpspark.simulate.ensemble.PotentialSpec;
import org.dpspark.simulate.lattice.Lattice;
import org.dpspark.simulate.lattice.WaterBox;
import org.dpspark.simulate.md.ForceField;
import org.dpspark.simulate.md.MaxwellBoltzmann;
import org.dpspark.simulate.md.MdState;
import org.dpspark.simulate.md.VelocityVerlet;
import org.dpspark.simulate.potential.Evaluation;
import org.dpspark.simulate.potential.LennardJones;
import org.dpspark.simulate.potential.Potential;
import org.dpspark.simulate.potential.Structure;

/**
 * MD throughput of the ensemble's building blocks on one thread (= per core: an ensemble runs one trajectory
 * per core): NVE velocity-Verlet steps of a water box with a Deep Potential (energy and virial every step, as on
 * dump steps; the plain-Java reference calculator, or any of {@link DeepPotCalculators#NAMES}) with DeePMD-kit's
 * deeppot_sea and with a net of the water example's shapes for several sizes, and of a
 * Lennard-Jones argon liquid for scale. Reported as atom-steps per CPU-second of the process (per core, kernel
 * thread pools included) and, with {@link DeepPotFlops}, as GFLOP/s per core and % of a measured peak. Each row
 * runs untimed warm-up steps (JIT; at least 3 s and {@code seconds} of the thread's CPU time), then steps until at least {@code seconds} have
 * passed (and at least 3 steps).
 */
public final class DeepPotMdBench {
    private DeepPotMdBench() {}

    /**
     * One measurement.
     *
     * @param system description
     * @param atoms N
     * @param steps timed steps
     * @param seconds wall time of the timed steps
     * @param cpuSeconds CPU time of the whole process over the timed steps: the benchmark thread and any thread
     *        pool doing its work (Aparapi's, PoCL's), so that atom-steps per CPU-second is the throughput per core
     *        for every execution (on a shared machine the wall time includes waiting for a core)
     * @param mode where the potential ran, as its results reported
     * @param flopsPerAtomStep FLOPs per atom and step of the potential ({@link DeepPotFlops}); NaN when not counted
     * @param note a line printed below the table ("" for none): for a compressed row, its accuracy against the
     *        uncompressed model
     */
    public record Row(String system, int atoms, int steps, double seconds, double cpuSeconds, String mode,
            double flopsPerAtomStep, String note) {
        public double atomStepsPerSecond() { return atoms * (double) steps / seconds; }

        public double atomStepsPerCpuSecond() { return atoms * (double) steps / cpuSeconds; }

        /** GFLOP/s per core (from the process CPU time). */
        public double gflopsPerCore() { return flopsPerAtomStep * atomStepsPerCpuSecond() * 1e-9; }
    }

    /**
     * @param model Deep Potential (deeppot_sea: water, type map O, H)
     * @param molecules water-box sizes in molecules (e.g. 64, 512, 4096 = 192 … 12,288 atoms)
     * @param executions Deep Potential calculators by name ({@link DeepPotCalculators#NAMES}, e.g. java, jtp)
     * @param seconds least timed seconds per size
     */
    public static List<Row> run(DeepPotModel model, List<Integer> molecules, List<String> executions, double seconds) {
        List<Row> rows = new ArrayList<>();
        // one discarded row first: on a loaded 2-core machine C2 needs several seconds to compile the evaluator,
        // and its compiler threads' CPU time would be charged to the first timed row
        if (!molecules.isEmpty() && !executions.isEmpty()) {
            Structure s = WaterBox.build(molecules.get(0), 1.0, 1L);
            DeepPotCalculator calc = DeepPotCalculators.create(executions.get(0), model);
            try {
                time("warm-up", s, DeepPotPotential.forStructure(calc, s), 0.5, 300, seconds, Double.NaN);
            } finally {
                DeepPotCalculators.close(calc);
            }
        }
        rows.addAll(waterRows(model, "", molecules, executions, seconds));
        rows.addAll(compressedRows(model, "", molecules, executions, seconds));
        // the production size of conf/train.conf's water example (embedding [25,50,100], axis 16, fitting
        // [240,240,240], sel [46,92]; random weights: the throughput depends on the shapes only), same box sizes
        DeepPotModel large = DeepPotModels.random(DeepPotModels.Spec.waterExample(), 0.05, 0.08, 0.05,
                new double[] {-93.6, -187.1}, 2);
        rows.addAll(waterRows(large, ", water-example net", molecules, executions, seconds));
        rows.addAll(compressedRows(large, ", water-example net", molecules, executions, seconds));
        if (!molecules.isEmpty()) rows.addAll(dpa1Rows(molecules.get(0), seconds));
        Structure ar = Lattice.fcc(Lattice.fccConstantForReducedDensity(3.4, 0.8442), 10, 10, 10, 18);
        rows.add(time("LJ argon liquid (rc 2.5 sigma)", ar, new LennardJones(0.0104, 3.4, 8.5, false), 5.0, 100,
                seconds, Double.NaN));
        return rows;
    }

    /** One row per water-box size and execution for {@code model}; {@code label} is appended to the row names. */
    private static List<Row> waterRows(DeepPotModel model, String label, List<Integer> molecules, List<String> executions,
            double seconds) {
        List<Row> rows = new ArrayList<>();
        for (int m : molecules) {
            Structure s = WaterBox.build(m, 1.0, 1L);
            for (String execution : executions) {
                DeepPotCalculator calc = DeepPotCalculators.create(execution, model);
                try {
                    DeepPotPotential dp = DeepPotPotential.forStructure(calc, s);
                    double real = DeepPotFlops.realSlotsPerAtom(model, s.positions(), s.cell(),
                            dp.modelTypes(s.types()).clone());
                    double flops = calc instanceof BatchedDeepPotEvaluator ? DeepPotFlops.perAtomBatched(model, real)
                            : DeepPotFlops.perAtom(model, real);
                    String name = String.format(Locale.ROOT, "DP water %d H2O%s", m, label);
                    rows.add(time(name, s, dp, 0.5, 300, seconds, flops));
                } finally {
                    DeepPotCalculators.close(calc);
                }
            }
        }
        return rows;
    }

    /**
     * DPA-1 (se_atten) with DeePMD-kit's default shapes at water scale (sel 120 in one list, embedding [25, 50, 100],
     * axis 16, type embedding 8, attention width 128, fitting [240, 240, 240]; random weights: the throughput depends on
     * the shapes only), with 2 attention layers (DeePMD-kit's default, smooth, dotr, normalize) and with none (what
     * dpspark trains), on the smallest water box only (a step of 1,536 atoms takes seconds), the plain-Java
     * evaluator ({@link SeAttenEvaluator}; the batched evaluator and the kernels are se_e2_a's); FLOPs by
     * {@link DeepPotFlops#perAtomSeAtten}.
     */
    private static List<Row> dpa1Rows(int molecules, double seconds) {
        List<Row> rows = new ArrayList<>();
        Structure s = WaterBox.build(molecules, 1.0, 1L);
        for (int layers : new int[] {2, 0}) {
            DeepPotModel m = DeepPotModels.randomSeAtten(new DeepPotModels.SeAttenSpec(List.of("O", "H"), 6.0, 0.5, 120,
                    new int[] {25, 50, 100}, 16, 8, 128, layers, false, false, true, new int[] {240, 240, 240}), 0.0, 0.3, 0.2,
                    new double[] {-93.6, -187.1}, 3);
            DeepPotCalculator calc = DeepPotCalculators.create("java", m);
            try {
                DeepPotPotential dp = DeepPotPotential.forStructure(calc, s);
                double real = DeepPotFlops.realSlotsPerAtom(m, s.positions(), s.cell(), dp.modelTypes(s.types()).clone());
                String name = String.format(Locale.ROOT, "DP water %d H2O, DPA-1 attn_layer %d", molecules, layers);
                rows.add(time(name, s, dp, 0.5, 300, seconds, DeepPotFlops.perAtomSeAtten(m, real)));
            } finally {
                DeepPotCalculators.close(calc);
            }
        }
        return rows;
    }

    /**
     * Smallest neighbour distance the benchmark's tables are made for, Å: below the water box's O–H bonds (0.96 Å) and
     * the close approaches of a few ps of 300 K MD with these untrained nets; closer pairs are counted as overflow and
     * named in the execution mode.
     */
    static final double COMPRESS_MIN_NBOR_DIST = 0.3;

    /**
     * One row per water-box size with {@code model} compressed (the {@code compress.*} defaults, tables down to
     * {@link #COMPRESS_MIN_NBOR_DIST}) per execution that runs tables (java: the batched evaluator's table kernels; the
     * Aparapi executions: {@code TableEmbeddingKernel}; not java-reference), FLOPs by
     * {@link DeepPotFlops#perAtomCompressed}, and as
     * its note the max and RMS differences of atomic energies and forces against the uncompressed model on the MD
     * frame reached after the timed steps.
     */
    private static List<Row> compressedRows(DeepPotModel model, String label, List<Integer> molecules,
            List<String> executions, double seconds) {
        var c = org.dpspark.core.JobConfig.defaults().getConfig("compress");
        DeepPotModel comp = model.withCompression(org.dpspark.model.compress.Compression.build(model.seA(),
                COMPRESS_MIN_NBOR_DIST, c.getDouble("stride"), c.getDouble("extrapolate"), c.getInt("check-frequency")));
        List<Row> rows = new ArrayList<>();
        for (int m : molecules) {
            for (String execution : executions) {
                if (execution.equals("java-reference")) continue; // the reference evaluates nets, not tables
                DeepPotCalculator calc = DeepPotCalculators.create(execution, comp);
                try {
                    rows.add(compressedRow(model, comp, label, m, calc, seconds));
                } finally {
                    DeepPotCalculators.close(calc);
                }
            }
        }
        return rows;
    }

    /** One compressed row: {@code calc} runs {@code comp} on m water molecules; the note compares with {@code model}. */
    private static Row compressedRow(DeepPotModel model, DeepPotModel comp, String label, int m, DeepPotCalculator calc,
            double seconds) {
        Structure s = WaterBox.build(m, 1.0, 1L);
        DeepPotPotential dp = DeepPotPotential.forStructure(calc, s);
        int[] types = dp.modelTypes(s.types()).clone();
        double real = DeepPotFlops.realSlotsPerAtom(comp, s.positions(), s.cell(), types);
        String name = String.format(Locale.ROOT, "DP water %d H2O%s, compressed", m, label);
        MdState[] last = new MdState[1];
        Row r = time(name, s, dp, 0.5, 300, seconds, DeepPotFlops.perAtomCompressed(comp, real), st -> last[0] = st);
        var a = calc.evaluate(last[0].positions, last[0].cell, types);
        var u = new BatchedDeepPotEvaluator(model).evaluate(last[0].positions, last[0].cell, types);
        double maxE = 0, sE = 0, maxF = 0, sF = 0;
        for (int i = 0; i < types.length; i++) {
            double d = Math.abs(a.atomEnergy()[i] - u.atomEnergy()[i]);
            maxE = Math.max(maxE, d);
            sE += d * d;
        }
        for (int k = 0; k < a.forces().length; k++) {
            double d = Math.abs(a.forces()[k] - u.forces()[k]);
            maxF = Math.max(maxF, d);
            sF += d * d;
        }
        String note = String.format(Locale.ROOT, "%s [%s]: compressed vs uncompressed on the MD frame after %d steps:"
                + " atomic energy max %.2e rms %.2e eV, force max %.2e rms %.2e eV/Å, total energy %.2e eV;"
                + " table overflow %d", name, a.executionMode(), r.steps(), maxE, Math.sqrt(sE / types.length), maxF,
                Math.sqrt(sF / a.forces().length), Math.abs(a.energy() - u.energy()), dp.tableOverflow());
        return new Row(r.system(), r.atoms(), r.steps(), r.seconds(), r.cpuSeconds(), r.mode(), r.flopsPerAtomStep(), note);
    }

    static Row time(String name, Structure s, Potential p, double dt, double t, double seconds, double flops) {
        return time(name, s, p, dt, t, seconds, flops, null);
    }

    /** As above; {@code end} receives the MD state after the timed steps. */
    static Row time(String name, Structure s, Potential p, double dt, double t, double seconds, double flops,
            java.util.function.Consumer<MdState> end) {
        MdState st = new MdState(s, 1L);
        MaxwellBoltzmann.assign(st, t, true);
        ForceField ff = new ForceField(p, 1.0);
        VelocityVerlet vv = new VelocityVerlet(dt);
        ff.compute(st, Evaluation.ENERGY | Evaluation.VIRIAL);
        int flags = Evaluation.ENERGY | Evaluation.VIRIAL;
        // warm-up: the JIT's compiler threads count in the process CPU time, so they must be done before timing
        // (with 1.5 s the first row, 192 atoms, still paid for compilation: 55 instead of 28 µs per atom-step); timed
        // in CPU seconds of this thread, as on a loaded machine a wall-clock warm-up gives the JIT (and the Vector API
        // code, which allocates until C2 has compiled it) only a fraction of that (load 17 on 2 cores: 1/8)
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long w0 = threads.getCurrentThreadCpuTime();
        for (int k = 0; k < 3 || threads.getCurrentThreadCpuTime() - w0 < Math.max(3.0, seconds) * 1e9; k++) {
            vv.step(st, ff, flags);
        }
        int steps = 0;
        com.sun.management.OperatingSystemMXBean mx = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = mx.getProcessCpuTime();
        long t0 = System.nanoTime(), t1;
        do {
            vv.step(st, ff, flags);
            steps++;
            t1 = System.nanoTime();
        } while (steps < 3 || t1 - t0 < seconds * 1e9);
        long c1 = mx.getProcessCpuTime();
        if (end != null) end.accept(st);
        return new Row(name, s.natoms(), steps, (t1 - t0) * 1e-9, (c1 - c0) * 1e-9, PotentialSpec.executionMode(p), flops,
                "");
    }

    public static String render(List<Row> rows) {
        return render(rows, Double.NaN, "");
    }

    /**
     * @param peakGflops the measured FLOP peak of one core (NaN: not measured), for the %-of-peak column
     * @param peakKernel how the peak was measured
     */
    public static String render(List<Row> rows, double peakGflops, String peakKernel) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "MD atom-steps/s per core (NVE, energy + virial every step; one thread),"
                + " %s %s, %s, %d cores, load average %.2f, %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), cpuModel(), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).withNano(0)));
        sb.append(String.format(Locale.ROOT, "%-31s %6s %5s %7s %7s %12s %12s %9s %9s %8s %7s  %s%n", "system", "atoms",
                "steps", "wall s", "cpu s", "atom-steps/s", "a-s/cpu-s", "us/a-s", "kFLOP/a-s", "GFLOP/s", "% peak",
                "execution mode"));
        for (Row r : rows) {
            boolean counted = !Double.isNaN(r.flopsPerAtomStep());
            sb.append(String.format(Locale.ROOT, "%-31s %6d %5d %7.2f %7.2f %12.4g %12.4g %9.2f %9s %8s %7s  %s%n",
                    r.system(), r.atoms(), r.steps(), r.seconds(), r.cpuSeconds(), r.atomStepsPerSecond(),
                    r.atomStepsPerCpuSecond(), 1e6 / r.atomStepsPerCpuSecond(),
                    counted ? String.format(Locale.ROOT, "%.1f", r.flopsPerAtomStep() * 1e-3) : "-",
                    counted ? String.format(Locale.ROOT, "%.2f", r.gflopsPerCore()) : "-",
                    counted && !Double.isNaN(peakGflops)
                            ? String.format(Locale.ROOT, "%.1f", 100 * r.gflopsPerCore() / peakGflops) : "-",
                    r.mode()));
        }
        for (Row r : rows) if (!r.note().isEmpty()) sb.append(r.note()).append('\n');
        if (!Double.isNaN(peakGflops)) {
            sb.append(String.format(Locale.ROOT, "measured peak of one core: %.2f GFLOP/s (%s)%n", peakGflops, peakKernel));
            sb.append(String.format(Locale.ROOT, "load average at the end: %.2f%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        }
        sb.append("(DP water: DeePMD-kit's deeppot_sea (embedding [3,6,12], axis 2, fitting [10,10,10]); water-example net:"
                + " embedding [25,50,100],\n axis 16, fitting [240,240,240], random weights; a-s = atom-step; per-core figures from the CPU time of the whole"
                + " process,\n kernel thread pools included; FLOPs counted as DeepPotFlops: the work of the Java reference,"
                + " the same\n arithmetic for the kernels, perAtomBatched for the batched evaluator (padding terms of gr"
                + " pre-summed),\n perAtomCompressed for compressed models (tables down to " + COMPRESS_MIN_NBOR_DIST
                + " Å, stride and extrapolate of compress.*);\n a GPU's rows are per device: read atom-steps/s)\n");
        return sb.toString();
    }

    /** The CPU's model name from /proc/cpuinfo ("unknown CPU" elsewhere). */
    static String cpuModel() {
        try (var lines = java.nio.file.Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    /** Usage: {@code DeepPotMdBench [deeppot_sea.yaml] [seconds per size]}. */
    public static void main(String[] args) throws IOException {
        Path sea = Path.of(args.length > 0 ? args[0] : "../shared/data/deepmd-models/deeppot_sea.yaml");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3.0;
        System.out.print(render(run(DeepPotModel.importDeepmd(sea), List.of(64, 512, 4096), List.of("java"), seconds)));
    }
}
