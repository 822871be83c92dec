package org.dpspark.simulate.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dpspark.core.Units;
import org.dpspark.simulate.lattice.Lattice;
import org.dpspark.simulate.md.ForceField;
import org.dpspark.simulate.md.MaxwellBoltzmann;
import org.dpspark.simulate.md.MdState;
import org.dpspark.simulate.md.Thermo;
import org.dpspark.simulate.md.VelocityVerlet;
import org.dpspark.simulate.md.VerletList;
import org.dpspark.simulate.potential.Evaluation;
import org.dpspark.simulate.potential.LennardJones;
import org.dpspark.simulate.potential.Structure;

/**
 * LJ liquid benchmark against LAMMPS' {@code bench/in.lj}: 32,000 atoms (fcc 20×20×20 at reduced density
 * 0.8442), T* = 1.44, lj/cut 2.5σ, skin 0.3σ, NVE, dt = 0.005τ, 100 steps, one thread — here in argon units
 * (ε = 0.0104 eV, σ = 3.4 Å, m = 39.948 amu; atom-steps/s do not depend on units). Prints atom-steps/s of
 * dpspark and of LAMMPS ({@code lmp}, run by this program on the same input, one process, one thread) and
 * their ratio.
 *
 * <p>Two neighbour-list policies are timed: LAMMPS' in.lj policy ({@code every 20 check no}: rebuild every 20
 * steps, 5 rebuilds in 100 steps, the same work as LAMMPS) and dpspark's default (rebuild when an atom moved
 * more than skin/2; safe for any run). Timing covers the 100 steps only (as LAMMPS' "Loop time"), after
 * {@code --warmup} untimed runs for the JIT; the first (cold) run is reported too.
 *
 * <p>Usage: {@code LjBench [--cells 20] [--steps 100] [--warmup 3] [--repeat 3] [--lmp lmp|none]}
 */
public final class LjBench {
    static final double EPS = 0.0104;
    static final double SIGMA = 3.4;
    static final double MASS = 39.948;

    private LjBench() {}

    public static void main(String[] args) throws Exception {
        int cells = 20, steps = 100, warmup = 3, repeat = 3;
        String lmp = "lmp";
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--cells" -> cells = Integer.parseInt(args[++k]);
                case "--steps" -> steps = Integer.parseInt(args[++k]);
                case "--warmup" -> warmup = Integer.parseInt(args[++k]);
                case "--repeat" -> repeat = Integer.parseInt(args[++k]);
                case "--lmp" -> lmp = args[++k];
                default -> throw new IllegalArgumentException("unknown argument " + args[k]);
            }
        }
        int natoms = 4 * cells * cells * cells;
        System.out.printf(Locale.ROOT, "LJ liquid: %d atoms, rho*=0.8442, rc=2.5 sigma, skin 0.3 sigma, NVE, dt=0.005 tau, %d steps, 1 thread%n",
                natoms, steps);

        List<String> rows = new ArrayList<>();
        double[] oursCheck = new double[0];
        double best20 = 0;
        for (String policy : new String[] {"every20", "check"}) {
            double[] rates = new double[warmup + repeat];
            Run last = null;
            for (int r = 0; r < warmup + repeat; r++) {
                last = run(cells, steps, policy);
                rates[r] = natoms * (double) steps / last.seconds;
            }
            double cold = rates[0];
            double[] timed = Arrays.copyOfRange(rates, warmup, warmup + repeat);
            Arrays.sort(timed);
            double median = timed[timed.length / 2];
            double best = timed[timed.length - 1];
            if (policy.equals("every20")) {
                best20 = median;
            } else {
                oursCheck = timed;
            }
            rows.add(String.format(Locale.ROOT,
                    "dpspark  %-8s rebuilds %3d  cold %.3e  median %.3e  best %.3e atom-steps/s   "
                            + "E_pair/(N eps) %.7f -> %.7f  T* %.4f -> %.4f",
                    policy, last.rebuilds, cold, median, best, last.epair0, last.epair1, last.t0, last.t1));
        }
        rows.forEach(System.out::println);

        Double lammps = lmp.equals("none") ? null : runLammps(lmp, cells, steps);
        if (lammps == null) {
            System.out.println("LAMMPS   not run (--lmp none or lmp not found)");
            return;
        }
        System.out.printf(Locale.ROOT, "RESULT dpspark %.3e atom-steps/s (every20, median) | LAMMPS %.3e atom-steps/s | ratio %.2fx%n",
                best20, lammps, best20 / lammps);
        System.out.printf(Locale.ROOT, "RESULT dpspark %.3e atom-steps/s (check, median)   | LAMMPS %.3e atom-steps/s | ratio %.2fx%n",
                oursCheck[oursCheck.length / 2], lammps, oursCheck[oursCheck.length / 2] / lammps);
    }

    record Run(double seconds, int rebuilds, double epair0, double epair1, double t0, double t1) {}

    static Run run(int cells, int steps, String policy) {
        double a = Lattice.fccConstantForReducedDensity(SIGMA, 0.8442);
        Structure fcc = Lattice.fcc(a, cells, cells, cells, 18);
        Structure s0 = new Structure(fcc.positions(), fcc.cell(), fcc.pbc(), fcc.types(), fcc.typeAtomicNumbers(),
                filled(fcc.natoms(), MASS));
        double tau = SIGMA * Math.sqrt(MASS * Units.AMU_A2_PER_FS2_EV / EPS); // fs
        double dt = 0.005 * tau;
        double temp = 1.44 * EPS / Units.BOLTZMANN_EV_PER_K;
        LennardJones lj = new LennardJones(EPS, SIGMA, 2.5 * SIGMA, false);
        VerletList list = policy.equals("every20")
                ? new VerletList(lj.cutoff(), 0.3 * SIGMA, true, 20, false)
                : new VerletList(lj.cutoff(), 0.3 * SIGMA, true);
        ForceField ff = new ForceField(lj, list);
        MdState s = new MdState(s0, 87287L);
        MaxwellBoltzmann.assign(s, temp, true);
        VelocityVerlet vv = new VelocityVerlet(dt);
        int n = s.natoms();
        ff.compute(s, Evaluation.ENERGY);
        double e0 = s.potentialEnergy() / (n * EPS);
        double t0 = Thermo.temperature(s, vv) * Units.BOLTZMANN_EV_PER_K / EPS;
        int rebuilds0 = list.rebuilds();
        long start = System.nanoTime();
        for (int k = 0; k < steps - 1; k++) {
            vv.step(s, ff, 0);
        }
        vv.step(s, ff, Evaluation.ENERGY); // the last step computes the energy, like LAMMPS' final thermo
        double seconds = (System.nanoTime() - start) * 1e-9;
        double e1 = s.potentialEnergy() / (n * EPS);
        double t1 = Thermo.temperature(s, vv) * Units.BOLTZMANN_EV_PER_K / EPS;
        return new Run(seconds, list.rebuilds() - rebuilds0, e0, e1, t0, t1);
    }

    private static double[] filled(int n, double v) {
        double[] m = new double[n];
        Arrays.fill(m, v);
        return m;
    }

    /** LAMMPS bench/in.lj with the box size as a variable. */
    static String inLj(int cells, int steps) {
        return String.join("\n",
                "# 3d Lennard-Jones melt (LAMMPS bench/in.lj)",
                "variable x index 1", "variable y index 1", "variable z index 1",
                "variable xx equal " + cells + "*$x", "variable yy equal " + cells + "*$y",
                "variable zz equal " + cells + "*$z",
                "units lj", "atom_style atomic",
                "lattice fcc 0.8442",
                "region box block 0 ${xx} 0 ${yy} 0 ${zz}",
                "create_box 1 box", "create_atoms 1 box", "mass 1 1.0",
                "velocity all create 1.44 87287 loop geom",
                "pair_style lj/cut 2.5", "pair_coeff 1 1 1.0 1.0 2.5",
                "neighbor 0.3 bin", "neigh_modify delay 0 every 20 check no",
                "fix 1 all nve",
                "run " + steps, "");
    }

    private static final Pattern LOOP = Pattern.compile(
            "Loop time of ([0-9.eE+-]+) on (\\d+) procs for (\\d+) steps with (\\d+) atoms");

    /** Runs LAMMPS on in.lj with one process and one OpenMP thread; returns atom-steps/s or null. */
    static Double runLammps(String lmp, int cells, int steps) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ljbench");
        Files.writeString(dir.resolve("in.lj"), inLj(cells, steps));
        ProcessBuilder pb = new ProcessBuilder(lmp, "-in", "in.lj", "-log", "log.lammps").directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return null;
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.add(line);
            }
        }
        if (p.waitFor() != 0) {
            System.out.println("LAMMPS failed:\n" + String.join("\n", out));
            return null;
        }
        Double rate = null;
        boolean thermo = false;
        for (String line : out) {
            if (line.startsWith("LAMMPS (")) {
                System.out.println("LAMMPS   version: " + line);
            }
            if (line.trim().startsWith("Step")) {
                thermo = true;
                System.out.println("LAMMPS   thermo: " + line.trim());
                continue;
            }
            if (thermo && line.trim().matches("^\\d+\\s+.*")) {
                System.out.println("LAMMPS   thermo: " + line.trim());
            }
            Matcher m = LOOP.matcher(line);
            if (m.find()) {
                thermo = false;
                double t = Double.parseDouble(m.group(1));
                long atoms = Long.parseLong(m.group(4));
                long st = Long.parseLong(m.group(3));
                rate = atoms * (double) st / t;
                System.out.printf(Locale.ROOT, "LAMMPS   %s -> %.3e atom-steps/s%n", line.trim(), rate);
            }
            if (line.startsWith("Neighbor list builds")) {
                System.out.println("LAMMPS   " + line.trim());
            }
        }
        deleteQuietly(dir.toFile());
        return rate;
    }

    private static void deleteQuietly(File f) {
        File[] kids = f.listFiles();
        if (kids != null) {
            for (File k : kids) {
                deleteQuietly(k);
            }
        }
        f.delete();
    }
}
