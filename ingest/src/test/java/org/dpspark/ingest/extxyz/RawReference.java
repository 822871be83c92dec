package org.dpspark.ingest.extxyz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A deepmd/raw system folder (dpdata's output, the expected values of the extxyz tests), read with a
 * few lines of code so the tests depend on no other reader: {@code type_map.raw}, {@code type.raw}
 * and one row per frame in {@code box.raw}, {@code coord.raw}, {@code energy.raw},
 * {@code force.raw}, optional {@code virial.raw}.
 */
record RawReference(List<String> typeMap, int[] types, double[][] box, double[][] coord, double[] energy,
                    double[][] force, double[][] virial) {

    static RawReference load(Path dir) throws IOException {
        List<String> typeMap = Files.readAllLines(dir.resolve("type_map.raw")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        double[][] t = rows(dir.resolve("type.raw"));
        int[] types = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            types[i] = (int) t[i][0];
        }
        double[][] e = rows(dir.resolve("energy.raw"));
        double[] energy = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            energy[i] = e[i][0];
        }
        Path virial = dir.resolve("virial.raw");
        return new RawReference(typeMap, types, rows(dir.resolve("box.raw")), rows(dir.resolve("coord.raw")),
                energy, rows(dir.resolve("force.raw")), Files.exists(virial) ? rows(virial) : null);
    }

    int frames() {
        return energy.length;
    }

    /** Element label of each atom. */
    String[] labels() {
        String[] out = new String[types.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = typeMap.get(types[i]);
        }
        return out;
    }

    private static double[][] rows(Path file) throws IOException {
        List<double[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            String[] tok = s.split("\\s+");
            double[] row = new double[tok.length];
            for (int i = 0; i < tok.length; i++) {
                row[i] = Double.parseDouble(tok[i]);
            }
            out.add(row);
        }
        return out.toArray(new double[0][]);
    }
}
