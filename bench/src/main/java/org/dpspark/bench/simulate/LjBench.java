package org.dpspark.bench.simulate;

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
 * their ratio. Initial velocities follow in.lj's {@code velocity create} (uniform components, see
 * {@link #uniformVelocities}).
 *
 * <p>Two neighbour-list policies are timed, each in both codes: in.lj's own ({@code every 20 check no}: rebuild
 * every 20 steps, 5 rebuilds in 100 steps) and the safe one ({@code every 1 check yes}: rebuild when an atom
 * moved more than skin/2; dpspark's default). Timing covers the 100 steps only (as LAMMPS' "Loop time"), after
 * {@code --warmup} untimed runs of each for the JIT; then {@code --repeat} rounds each run dpspark (both
 * policies) and LAMMPS back to back, and medians are compared, so that both see the same load on a shared
 * machine.
 *
 * <p>Usage: {@code LjBench [--cells 20] [--steps 100] [--warmup 2] [--repeat 5] [--lmp lmp|none]}
 */
public final class LjBench {
    static final double EPS = 0.0104;
    static final double SIGMA = 3.4;
    static final double MASS = 39.948;

    private LjBench() {}

    public static void main(String[] args) throws Exception {
        int cells = 20, steps = 100, warmup = 2, repeat = 5;
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

        for (int r = 0; r < warmup; r++) {
            run(cells, steps, "every20");
            run(cells, steps, "check");
        }
        // interleave dpspark and LAMMPS runs so both see the same machine load (shared machines are noisy)
        double[] every20 = new double[repeat];
        double[] check = new double[repeat];
        double[] lammps = new double[repeat];
        double[] lammpsCheck = new double[repeat];
        Run last20 = null, lastCheck = null;
        boolean haveLammps = !lmp.equals("none");
        for (int r = 0; r < repeat; r++) {
            last20 = run(cells, steps, "every20");
            every20[r] = natoms * (double) steps / last20.seconds;
            lastCheck = run(cells, steps, "check");
            check[r] = natoms * (double) steps / lastCheck.seconds;
            if (haveLammps) {
                Double l = runLammps(lmp, cells, steps, "every 20 check no", r == 0);
                Double lc = l == null ? null : runLammps(lmp, cells, steps, "every 1 check yes", r == 0);
                if (l == null || lc == null) {
                    haveLammps = false;
                } else {
                    lammps[r] = l;
                    lammpsCheck[r] = lc;
                }
            }
            System.out.printf(Locale.ROOT, "repeat %d: dpspark every20 %.3e  LAMMPS every20 %s | dpspark check %.3e  LAMMPS check %s atom-steps/s%n",
                    r, every20[r], haveLammps ? String.format(Locale.ROOT, "%.3e", lammps[r]) : "-", check[r],
                    haveLammps ? String.format(Locale.ROOT, "%.3e", lammpsCheck[r]) : "-");
        }
        System.out.printf(Locale.ROOT, "dpspark  every20  rebuilds %3d  E_pair/(N eps) %.7f -> %.7f  T* %.4f -> %.4f%n",
                last20.rebuilds, last20.epair0, last20.epair1, last20.t0, last20.t1);
        System.out.printf(Locale.ROOT, "dpspark  check    rebuilds %3d  E_pair/(N eps) %.7f -> %.7f  T* %.4f -> %.4f%n",
                lastCheck.rebuilds, lastCheck.epair0, lastCheck.epair1, lastCheck.t0, lastCheck.t1);
        double m20 = median(every20), mCheck = median(check);
        if (!haveLammps) {
            System.out.printf(Locale.ROOT, "RESULT dpspark %.3e (every20) %.3e (check) atom-steps/s; LAMMPS not run%n",
                    m20, mCheck);
            return;
        }
        double ml = median(lammps), mlc = median(lammpsCheck);
        System.out.printf(Locale.ROOT, "RESULT (medians of %d) in.lj as is (every 20 check no): dpspark %.3e | LAMMPS %.3e atom-steps/s | ratio %.2fx%n",
                repeat, m20, ml, m20 / ml);
        System.out.printf(Locale.ROOT, "RESULT (medians of %d) safe lists (every 1 check yes):  dpspark %.3e | LAMMPS %.3e atom-steps/s | ratio %.2fx%n",
                repeat, mCheck, mlc, mCheck / mlc);
    }

    private static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
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
        uniformVelocities(s, temp);
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

    /**
     * Initial velocities as in.lj's {@code velocity all create 1.44 87287 loop geom} draws them (LAMMPS' default
     * {@code dist uniform mom yes rot no}): each component uniform in [−1/2, 1/2)/√m, zero total momentum, scaled to
     * exactly T over 3N − 3 degrees of freedom. Not LAMMPS' random numbers, but their distribution: bounded (no
     * Gaussian tail), which sets how soon the fastest atom crosses skin/2, i.e. the number of list builds of the
     * safe policy in a 100-step run (Maxwell–Boltzmann velocities gave 14 builds against LAMMPS' 11).
     */
    static void uniformVelocities(MdState s, double temperature) {
        double[] v = s.velocities;
        for (int i = 0; i < s.natoms(); i++) {
            double f = 1.0 / Math.sqrt(s.masses[i]);
            for (int a = 0; a < 3; a++) v[3 * i + a] = (s.rng.nextDouble() - 0.5) * f;
        }
        MaxwellBoltzmann.zeroMomentum(s);
        double t = Thermo.temperature(Thermo.kineticEnergy(s), 3 * s.natoms() - 3);
        double scale = Math.sqrt(temperature / t);
        for (int k = 0; k < 3 * s.natoms(); k++) v[k] *= scale;
    }

    private static double[] filled(int n, double v) {
        double[] m = new double[n];
        Arrays.fill(m, v);
        return m;
    }

    /** LAMMPS bench/in.lj with the box size as a variable and the given neigh_modify policy. */
    static String inLj(int cells, int steps, String neighModify) {
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
                "neighbor 0.3 bin", "neigh_modify delay 0 " + neighModify,
                "fix 1 all nve",
                "run " + steps, "");
    }

    private static final Pattern LOOP = Pattern.compile(
            "Loop time of ([0-9.eE+-]+) on (\\d+) procs for (\\d+) steps with (\\d+) atoms");

    /** Runs LAMMPS on in.lj with one process and one OpenMP thread; returns atom-steps/s or null. */
    static Double runLammps(String lmp, int cells, int steps, String neighModify, boolean verbose) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ljbench");
        Files.writeString(dir.resolve("in.lj"), inLj(cells, steps, neighModify));
        if (verbose) {
            System.out.println("LAMMPS   neigh_modify delay 0 " + neighModify);
        }
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
            if (!verbose && !LOOP.matcher(line).find()) {
                continue;
            }
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
                if (verbose) {
                    System.out.printf(Locale.ROOT, "LAMMPS   %s -> %.3e atom-steps/s%n", line.trim(), rate);
                }
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
