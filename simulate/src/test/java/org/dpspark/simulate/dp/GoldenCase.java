package org.dpspark.simulate.dp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpspark.core.testing.SharedData;

/** DeePMD-kit's reference outputs of deeppot_sea.yaml (deepmd-models/deeppot_sea-testcase-block1.yaml, block 1). */
final class GoldenCase {
    final double[] coord;
    final int[] atype;
    final double[] box;
    final double[] atomicEnergy;
    final double[] force;
    final double[] atomicVirial;
    final double[] descriptor;
    final double[] fitLastLayer;

    private GoldenCase(Map<String, Object> r) {
        coord = doubles(r.get("coord"));
        double[] t = doubles(r.get("atype"));
        atype = new int[t.length];
        for (int i = 0; i < t.length; i++) atype[i] = (int) t[i];
        box = doubles(r.get("box"));
        atomicEnergy = doubles(r.get("atomic_energy"));
        force = doubles(r.get("force"));
        atomicVirial = doubles(r.get("atomic_virial"));
        descriptor = r.containsKey("descriptor") ? doubles(r.get("descriptor")) : null;
        fitLastLayer = r.containsKey("fit_ll") ? doubles(r.get("fit_ll")) : null;
    }

    static Path modelPath() {
        return SharedData.path("deepmd-models/deeppot_sea.yaml");
    }

    @SuppressWarnings("unchecked")
    static GoldenCase load() throws IOException {
        Path p = SharedData.path("deepmd-models/deeppot_sea-testcase-block1.yaml");
        Map<String, Object> root = new ObjectMapper(new YAMLFactory()).readValue(p.toFile(), Map.class);
        List<Object> results = (List<Object>) root.get("results");
        return new GoldenCase((Map<String, Object>) results.get(0));
    }

    private static double[] doubles(Object o) {
        List<?> l = (List<?>) o;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).doubleValue();
        return out;
    }

    int natoms() { return atype.length; }
}
