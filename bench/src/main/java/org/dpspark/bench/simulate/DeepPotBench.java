package org.dpspark.bench.simulate;

import org.dpspark.model.eval.DeepPotFlops;

import org.dpspark.model.eval.DeepPotEvaluator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.DenseNet;
import org.dpspark.model.NetLayer;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;

/**
 * Single-thread throughput of {@link DeepPotEvaluator} (energy + forces + virials) on a water-sized frame:
 * 64 H₂O (192 atoms) in a 12.44 Å cubic box (liquid density), for (1) DeePMD-kit's deeppot_sea model (embedding
 * [3,6,12], axis 2, fitting [10,10,10]; read from {@code ../shared/data/deepmd-models/deeppot_sea.yaml} or the
 * path given as first argument, random weights of the same shape if absent) and (2) the water-example size
 * (embedding [25,50,100], axis 16, fitting [240,240,240], sel [46,92], r_c 6 Å; random weights).
 *
 * <p>FLOPs per atom as {@link DeepPotFlops}.
 * Usage: {@code DeepPotBench [deeppot_sea.yaml] [seconds per model, default 5]}.
 */
public final class DeepPotBench {
    private DeepPotBench() {}

    public static void main(String[] args) throws Exception {
        Path sea = Path.of(args.length > 0 ? args[0] : "../shared/data/deepmd-models/deeppot_sea.yaml");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5.0;
        double[] box = {12.4447, 0, 0, 0, 12.4447, 0, 0, 0, 12.4447};
        int[] types = new int[192];
        double[] pos = waterBox(box[0], types, new Random(42));
        DeepPotModel seaModel;
        String seaLabel;
        if (Files.isRegularFile(sea)) {
            seaModel = DeepPotModel.importDeepmd(sea);
            seaLabel = "deeppot_sea (" + sea + ")";
        } else {
            seaModel = DeepPotModels.random(new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92},
                    new int[] {3, 6, 12}, 2, true, false, new int[] {10, 10, 10}, true, "tanh"), 0.05, 0.08, 0.05,
                    new double[] {-93.6, -187.1}, 1);
            seaLabel = "deeppot_sea-sized, random weights (" + sea + " not found)";
        }
        DeepPotModel water = DeepPotModels.random(DeepPotModels.Spec.waterExample(), 0.05, 0.08, 0.05,
                new double[] {-93.6, -187.1}, 2);
        System.out.printf("frame: 192 atoms (64 H2O), cubic box %.4f A, one thread, %s%n", box[0], System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version"));
        run(seaLabel, seaModel, pos, box, types, seconds);
        run("water example [25,50,100] axis 16 fitting [240,240,240], random weights", water, pos, box, types, seconds);
    }

    static void run(String label, DeepPotModel m, double[] pos, double[] box, int[] types, double seconds) {
        DeepPotEvaluator ev = new DeepPotEvaluator(m);
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 1.5e9) ev.evaluate(pos, box, types); // JIT warm-up
        int evals = 0;
        double sink = 0;
        t0 = System.nanoTime();
        long t1;
        do {
            sink += ev.evaluate(pos, box, types).energy();
            evals++;
            t1 = System.nanoTime();
        } while (t1 - t0 < seconds * 1e9);
        double sec = (t1 - t0) * 1e-9;
        double atomsPerSec = (double) evals * types.length / sec;
        double realSlots = DeepPotFlops.realSlotsPerAtom(m, pos, box, types);
        double flops = DeepPotFlops.perAtom(m, realSlots);
        System.out.printf("%s%n  %d frames in %.2f s: %.0f atom-evaluations/s (%.1f us/atom); %.1f real of %d slots/atom;"
                + " ~%.2f MFLOP/atom -> %.2f GFLOP/s  (E=%.6f)%n", label, evals, sec, atomsPerSec, 1e6 / atomsPerSec,
                realSlots, m.descriptor().nnei(), flops * 1e-6, flops * atomsPerSec * 1e-9, sink / evals);
    }

    /** 64 rigid-geometry water molecules (O–H 0.9572 Å, 104.52°) on a jittered 4×4×4 lattice, random orientations. */
    public static double[] waterBox(double l, int[] types, Random rng) {
        double[] pos = new double[3 * 192];
        double a = l / 4, theta = Math.toRadians(104.52), roh = 0.9572;
        int k = 0;
        for (int x = 0; x < 4; x++) {
            for (int y = 0; y < 4; y++) {
                for (int z = 0; z < 4; z++) {
                    double[] o = {(x + 0.5) * a + 0.3 * rng.nextGaussian(), (y + 0.5) * a + 0.3 * rng.nextGaussian(),
                            (z + 0.5) * a + 0.3 * rng.nextGaussian()};
                    double[] u = unit(rng), v = unit(rng);
                    double dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
                    for (int c = 0; c < 3; c++) v[c] -= dot * u[c];
                    double nv = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                    int mol = k++;
                    types[mol] = 0;
                    types[64 + 2 * mol] = 1;
                    types[65 + 2 * mol] = 1;
                    for (int c = 0; c < 3; c++) {
                        pos[3 * mol + c] = o[c];
                        double w = v[c] / nv;
                        pos[3 * (64 + 2 * mol) + c] = o[c] + roh * (Math.cos(theta / 2) * u[c] + Math.sin(theta / 2) * w);
                        pos[3 * (65 + 2 * mol) + c] = o[c] + roh * (Math.cos(theta / 2) * u[c] - Math.sin(theta / 2) * w);
                    }
                }
            }
        }
        return pos;
    }

    private static double[] unit(Random rng) {
        double[] u = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
        double n = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        return new double[] {u[0] / n, u[1] / n, u[2] / n};
    }
}
