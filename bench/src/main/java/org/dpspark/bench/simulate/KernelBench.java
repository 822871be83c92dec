package org.dpspark.bench.simulate;

import org.dpspark.simulate.dp.kernel.DeepPotKernelEvaluator;
import org.dpspark.simulate.dp.kernel.DeviceKind;
import org.dpspark.simulate.dp.kernel.KernelDevices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.eval.DeepPotCalculator;
import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;

/**
 * Throughput (atom-evaluations/s: energy + forces + virials) of the plain-Java reference (one thread) against the
 * Aparapi kernels in the Java thread pool and on every OpenCL device present (GPU, CPU/PoCL), on liquid-water boxes
 * of 192, 1536 and 12288 atoms (64 H₂O in 12.4447 Å, replicated 1×, 2×, 4× per axis), for DeePMD-kit's deeppot_sea
 * model (read from {@code ../shared/data/deepmd-models/deeppot_sea.yaml} or the first argument) and a
 * water-example-size model with random weights (embedding [25,50,100], axis 16, fitting [240,240,240], sel [46,92]).
 * Each case: one warm-up evaluation (includes OpenCL compilation), then repeated evaluations for at least the given
 * seconds (second argument, default 3) and at least once. Prints the mode that actually ran and the largest force
 * difference to the reference on the same frame.
 * Usage: {@code KernelBench [deeppot_sea.yaml] [seconds] [max atoms]}.
 */
public final class KernelBench {
    private KernelBench() {}

    public static void main(String[] args) throws Exception {
        Path sea = Path.of(args.length > 0 ? args[0] : "../shared/data/deepmd-models/deeppot_sea.yaml");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3.0;
        int maxAtoms = args.length > 2 ? Integer.parseInt(args[2]) : 12288;
        if (!Files.isRegularFile(sea)) throw new IllegalArgumentException("deeppot_sea.yaml not found at " + sea);
        DeepPotModel seaModel = DeepPotModel.importDeepmd(sea);
        DeepPotModel water = DeepPotModels.random(DeepPotModels.Spec.waterExample(), 0.05, 0.08, 0.05,
                new double[] {-93.6, -187.1}, 2);
        System.out.printf("host: %d cores, %s %s; OpenCL: %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), KernelDevices.inventory());
        for (Object[] m : new Object[][] {{"deeppot_sea [3,6,12]/2/[10,10,10]", seaModel},
                {"water-example size [25,50,100]/16/[240,240,240], random weights", water}}) {
            for (int rep : new int[] {1, 2, 4}) {
                int n = 192 * rep * rep * rep;
                if (n > maxAtoms) continue;
                bench((String) m[0], (DeepPotModel) m[1], rep, seconds);
            }
        }
    }

    static void bench(String label, DeepPotModel model, int rep, double seconds) {
        double l = 12.4447;
        int[] types0 = new int[192];
        double[] pos0 = org.dpspark.bench.simulate.DeepPotBench.waterBox(l, types0, new Random(42));
        int n = 192 * rep * rep * rep;
        int[] types = new int[n];
        double[] pos = new double[3 * n];
        int k = 0;
        for (int a = 0; a < rep; a++) {
            for (int b = 0; b < rep; b++) {
                for (int c = 0; c < rep; c++) {
                    for (int i = 0; i < 192; i++, k++) {
                        types[k] = types0[i];
                        pos[3 * k] = pos0[3 * i] + a * l;
                        pos[3 * k + 1] = pos0[3 * i + 1] + b * l;
                        pos[3 * k + 2] = pos0[3 * i + 2] + c * l;
                    }
                }
            }
        }
        double[] box = {rep * l, 0, 0, 0, rep * l, 0, 0, 0, rep * l};
        System.out.printf("%n%s, %d atoms:%n", label, n);
        DeepPotEvaluator ref = new DeepPotEvaluator(model);
        DeepPotResult r0 = run("plain Java (reference, 1 thread)", ref, pos, box, types, seconds, null);
        for (DeviceKind kind : new DeviceKind[] {DeviceKind.JTP, DeviceKind.OPENCL_CPU, DeviceKind.GPU}) {
            DeepPotKernelEvaluator ev;
            try {
                ev = new DeepPotKernelEvaluator(model, kind);
            } catch (IllegalStateException e) {
                System.out.printf("  %-34s not measured: %s%n", "Aparapi " + kind, e.getMessage());
                continue;
            }
            try (ev) {
                ev.evaluate(pos, box, types); // compiles the OpenCL kernels before the timed part
                Map<String, Long> before = ev.kernelNanos();
                run("Aparapi " + kind + " (chunk " + ev.chunkAtoms() + ")", ev, pos, box, types, seconds, r0);
                StringBuilder sb = new StringBuilder("    share of timed wall time in kernels (incl. transfers):");
                long all = 0;
                for (Map.Entry<String, Long> e : ev.kernelNanos().entrySet()) all += e.getValue() - before.getOrDefault(e.getKey(), 0L);
                for (Map.Entry<String, Long> e : ev.kernelNanos().entrySet()) {
                    sb.append(String.format(" %s %.0f%%", e.getKey(), 100.0 * (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / all));
                }
                System.out.println(sb);
            }
        }
    }

    static DeepPotResult run(String label, DeepPotCalculator calc, double[] pos, double[] box, int[] types, double seconds,
            DeepPotResult ref) {
        long w0 = System.nanoTime();
        DeepPotResult first = calc.evaluate(pos, box, types);
        double warm = (System.nanoTime() - w0) * 1e-9;
        int evals = 0;
        long t0 = System.nanoTime(), t1;
        DeepPotResult last;
        do {
            last = calc.evaluate(pos, box, types);
            evals++;
            t1 = System.nanoTime();
        } while (t1 - t0 < seconds * 1e9);
        double sec = (t1 - t0) * 1e-9;
        double rate = (double) evals * types.length / sec;
        String dev = "";
        if (ref != null) {
            double m = 0;
            for (int i = 0; i < ref.forces().length; i++) m = Math.max(m, Math.abs(ref.forces()[i] - last.forces()[i]));
            dev = String.format("  max|dF| vs reference %.1e", m);
        }
        System.out.printf("  %-34s %10.0f atom-evals/s  (%d evals in %.1f s; first %.2f s)  ran as: %s%s%n", label, rate,
                evals, sec, warm, last.executionMode(), dev);
        return first;
    }

}
