package org.dpspark.model.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test-only reader of a deepmd/npy system folder (type.raw, set.NNN/{coord,box,energy}.npy). */
public final class DeepmdSystem {
    private DeepmdSystem() {}

    public static List<TestFrame> read(Path dir) throws IOException {
        String[] tok = Files.readString(dir.resolve("type.raw")).trim().split("\\s+");
        int[] types = new int[tok.length];
        for (int i = 0; i < tok.length; i++) types[i] = Integer.parseInt(tok[i]);
        int n = types.length;
        List<Path> sets;
        try (Stream<Path> s = Files.list(dir)) {
            sets = s.filter(p -> p.getFileName().toString().startsWith("set.")).sorted().toList();
        }
        List<TestFrame> out = new ArrayList<>();
        for (Path set : sets) {
            Npy coord = Npy.read(set.resolve("coord.npy"));
            Npy box = Files.exists(set.resolve("box.npy")) && !Files.exists(dir.resolve("nopbc")) ? Npy.read(set.resolve("box.npy")) : null;
            Npy energy = Files.exists(set.resolve("energy.npy")) ? Npy.read(set.resolve("energy.npy")) : null;
            int nf = coord.data.length / (3 * n);
            for (int f = 0; f < nf; f++) {
                double[] pos = new double[3 * n];
                System.arraycopy(coord.data, f * 3 * n, pos, 0, 3 * n);
                double[] cell = null;
                if (box != null) {
                    cell = new double[9];
                    System.arraycopy(box.data, f * 9, cell, 0, 9);
                }
                double e = energy == null ? Double.NaN : energy.data[f];
                out.add(new TestFrame(dir.getFileName() + "/" + set.getFileName() + "#" + f, pos, cell, types.clone(), e));
            }
        }
        return out;
    }
}
