package org.dpspark.train.graph;

import org.dpspark.core.testing.NpyRows;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpspark.core.testing.SharedData;
import org.dpspark.train.data.TrainFrame;

/** Real frames of the shared data for the train tests: DeePMD-kit's golden test frame and water frames. */
public final class TestData {
    private TestData() {}

    public static Path deeppotSea() {
        return SharedData.path("deepmd-models/deeppot_sea.yaml");
    }

    /** The 6-atom frame of deeppot_sea-testcase-block1.yaml (O, H types 0/1, 13 Å box), no labels. */
    @SuppressWarnings("unchecked")
    public static TrainFrame goldenFrame() throws IOException {
        Path p = SharedData.path("deepmd-models/deeppot_sea-testcase-block1.yaml");
        Map<String, Object> root = new ObjectMapper(new YAMLFactory()).readValue(p.toFile(), Map.class);
        Map<String, Object> r = (Map<String, Object>) ((List<Object>) root.get("results")).get(0);
        double[] t = doubles(r.get("atype"));
        int[] types = new int[t.length];
        for (int i = 0; i < t.length; i++) types[i] = (int) t[i];
        return new TrainFrame("golden", "golden", types, doubles(r.get("coord")), doubles(r.get("box")), null, Double.NaN,
                null, null, "golden");
    }

    /** Frame {@code k} of deepmd/water/data_{@code set} (192 atoms, O=0, H=1) with its energy and forces. */
    public static TrainFrame water(int set, int k) throws IOException {
        Path dir = SharedData.path("deepmd/water/data_" + set);
        String[] ts = Files.readString(dir.resolve("type.raw")).trim().split("\\s+");
        int[] types = new int[ts.length];
        for (int i = 0; i < ts.length; i++) types[i] = Integer.parseInt(ts[i]);
        int n = types.length;
        Path s = dir.resolve("set.000");
        return new TrainFrame("data_" + set, "data_" + set, types, NpyRows.row(s.resolve("coord.npy"), k, 3 * n),
                NpyRows.row(s.resolve("box.npy"), k, 9), null, NpyRows.row(s.resolve("energy.npy"), k, 1)[0], NpyRows.row(s.resolve("force.npy"), k, 3 * n),
                null, "water" + set + "_" + k);
    }

    /**
     * Frame {@code k} of deepmd/water-virial (384 atoms: O 128 then H 256, types 0/1; box changes per frame) with its
     * energy, forces and virial labels.
     */
    public static TrainFrame waterVirial(int k) throws IOException {
        Path dir = SharedData.path("deepmd/water-virial");
        String[] ts = Files.readString(dir.resolve("type.raw")).trim().split("\\s+");
        int[] types = new int[ts.length];
        for (int i = 0; i < ts.length; i++) types[i] = Integer.parseInt(ts[i]);
        int n = types.length;
        Path s = dir.resolve("set.000");
        return new TrainFrame("water-virial", "water-virial", types, NpyRows.row(s.resolve("coord.npy"), k, 3 * n),
                NpyRows.row(s.resolve("box.npy"), k, 9), null, NpyRows.row(s.resolve("energy.npy"), k, 1)[0],
                NpyRows.row(s.resolve("force.npy"), k, 3 * n), NpyRows.row(s.resolve("virial.npy"), k, 9), "water-virial_" + k);
    }

    /**
     * Frame {@code k} of the nopbc molecule deepmd/nopbc-CHO/{@code molecule} (C1H4O2, C3H3O4 or C4H3O1; no cell) with
     * its energy and forces, its atoms typed by their element's index in {@code typeMap}.
     */
    public static TrainFrame cho(String molecule, int k, List<String> typeMap) throws IOException {
        Path dir = SharedData.path("deepmd/nopbc-CHO/" + molecule);
        String[] names = Files.readString(dir.resolve("type_map.raw")).trim().split("\\s+");
        String[] ts = Files.readString(dir.resolve("type.raw")).trim().split("\\s+");
        int[] types = new int[ts.length];
        for (int i = 0; i < ts.length; i++) {
            types[i] = typeMap.indexOf(names[Integer.parseInt(ts[i])]);
            if (types[i] < 0) throw new IllegalArgumentException(names[Integer.parseInt(ts[i])] + " is not in " + typeMap);
        }
        int n = types.length;
        Path s = dir.resolve("set.000");
        return new TrainFrame("nopbc-CHO/" + molecule, molecule, types, NpyRows.row(s.resolve("coord.npy"), k, 3 * n), null, null,
                NpyRows.row(s.resolve("energy.npy"), k, 1)[0], NpyRows.row(s.resolve("force.npy"), k, 3 * n), null,
                molecule + "_" + k);
    }

    private static double[] doubles(Object o) {
        List<?> l = (List<?>) o;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).doubleValue();
        return out;
    }
}
