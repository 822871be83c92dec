package org.dpspark.model.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;

/**
 * DeePMD-kit's reference outputs of its se_e2_r test model deeppot-r.yaml (deepmd-models/deeppot-r-testcase-block1.yaml:
 * one periodic frame of 6 atoms, O=0, H=1, 13 Å cubic box): per-atom energies (eV), forces (eV/Å), per-atom virials (eV).
 */
final class SeRGoldenCase {
    final double[] coord;
    final int[] atype;
    final double[] box;
    final double[] atomicEnergy;
    final double[] force;
    final double[] atomicVirial;

    private SeRGoldenCase(Map<String, Object> r) {
        coord = doubles(r.get("coord"));
        double[] t = doubles(r.get("atype"));
        atype = new int[t.length];
        for (int i = 0; i < t.length; i++) atype[i] = (int) t[i];
        box = doubles(r.get("box"));
        atomicEnergy = doubles(r.get("atomic_energy"));
        force = doubles(r.get("force"));
        atomicVirial = doubles(r.get("atomic_virial"));
    }

    static Path modelPath() {
        return SharedData.path("deepmd-models/deeppot-r.yaml");
    }

    static DeepPotModel model() throws IOException {
        return DeepPotModel.importDeepmd(modelPath());
    }

    @SuppressWarnings("unchecked")
    static SeRGoldenCase load() throws IOException {
        Path p = SharedData.path("deepmd-models/deeppot-r-testcase-block1.yaml");
        Map<String, Object> root = new ObjectMapper(new YAMLFactory()).readValue(p.toFile(), Map.class);
        List<Object> results = (List<Object>) root.get("results");
        return new SeRGoldenCase((Map<String, Object>) results.get(0));
    }

    private static double[] doubles(Object o) {
        List<?> l = (List<?>) o;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).doubleValue();
        return out;
    }

    int natoms() { return atype.length; }
}
