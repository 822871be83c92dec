package org.dpspark.simulate.dp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotHdf5;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.DeepPotYaml;
import org.dpspark.model.NdArray;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.model.eval.ReferenceEvaluators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * se_e2_r: import deeppot-r.yaml → dpspark model directory → export .yaml/.dp → import: predictions bitwise identical,
 * and the exported trees equal DeePMD-kit's file in keys, @class, @version, dtypes, shapes and values.
 */
class SeRRoundTripTest {

    static void assertSamePredictions(DeepPotModel a, DeepPotModel b) throws Exception {
        WaterFrame w = WaterFrame.load(0);
        DeepPotResult ra = ReferenceEvaluators.of(a).evaluate(w.coord, w.box, w.types, true);
        DeepPotResult rb = ReferenceEvaluators.of(b).evaluate(w.coord, w.box, w.types, true);
        assertEquals(Double.doubleToRawLongBits(ra.energy()), Double.doubleToRawLongBits(rb.energy()), "energy bitwise");
        assertArrayEquals(ra.atomEnergy(), rb.atomEnergy(), 0.0);
        assertArrayEquals(ra.forces(), rb.forces(), 0.0);
        assertArrayEquals(ra.atomVirial(), rb.atomVirial(), 0.0);
        assertArrayEquals(ra.descriptor(), rb.descriptor(), 0.0);
    }

    @Test
    void deeppotRYamlDirectoryAndDpRoundTrip(@TempDir Path tmp) throws Exception {
        Path src = SharedData.path("deepmd-models/deeppot-r.yaml");
        DeepPotModel imported = DeepPotModel.importDeepmd(src);
        imported.save(tmp.resolve("dir"));
        DeepPotModel loaded = DeepPotModel.load(tmp.resolve("dir"));
        Path yaml = tmp.resolve("export/model.yaml");
        loaded.exportDeepmd(yaml);
        DeepPotModel again = DeepPotModel.importDeepmd(yaml);
        assertSamePredictions(imported, again);
        Path dp = tmp.resolve("export/model.dp");
        again.exportDeepmd(dp);
        assertSamePredictions(imported, DeepPotModel.importDeepmd(dp));

        Map<String, Object> original = canonical(DeepPotYaml.read(src));
        for (Map<String, Object> exported : List.of(DeepPotYaml.read(yaml), DeepPotHdf5.read(dp))) {
            List<String> diffs = new ArrayList<>();
            DeepPotRoundTripTest.assertSameTree(DeepPotRoundTripTest.modelOnly(original),
                    DeepPotRoundTripTest.modelOnly(exported), "", true, diffs);
            assertTrue(diffs.isEmpty(), "tree differences: " + diffs);
        }
    }

    /**
     * deeppot-r.yaml was serialized by DeePMD-kit's TensorFlow backend, which spells three things differently from its
     * backend-neutral dpmodel classes (whose form dpspark writes, as in deeppot_sea.yaml): layer biases as 1×n arrays
     * (TF variables) instead of n, {@code atom_ener: []} instead of null, and no root {@code @variables}. DeePMD-kit
     * reads both spellings to the same model (NumPy broadcasts the 1×n bias; an empty atom_ener is no vacuum energy).
     * This rewrites the TF spellings to dpmodel's, values untouched, so that everything else must match exactly.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> canonical(Map<String, Object> root) {
        root.putIfAbsent("@variables", new java.util.LinkedHashMap<>());
        Map<String, Object> model = (Map<String, Object>) root.get("model");
        Map<String, Object> fitting = (Map<String, Object>) model.get("fitting");
        if (List.of().equals(fitting.get("atom_ener"))) fitting.put("atom_ener", null);
        Map<String, Object> emb = (Map<String, Object>) ((Map<String, Object>) model.get("descriptor")).get("embeddings");
        for (Object net : (List<Object>) emb.get("networks")) {
            for (Object layer : (List<Object>) ((Map<String, Object>) net).get("layers")) {
                Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) layer).get("@variables");
                NdArray b = (NdArray) vars.get("b");
                if (b != null && b.ndim() == 2 && b.shape()[0] == 1) {
                    vars.put("b", new NdArray(b.dtype(), new int[] {b.shape()[1]}, b.data()));
                }
            }
        }
        return root;
    }

    @Test
    void typeOneSideModelRoundTrip(@TempDir Path tmp) throws Exception {
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92},
                new int[] {8, 16, 32}, 1, true, true, new int[] {32, 32}, true, "tanh");
        DeepPotModel m = DeepPotModels.randomSeR(spec, 0.05, 0.08, new double[] {-93.0, -187.0}, 3);
        m.exportDeepmd(tmp.resolve("m.yaml"));
        assertSamePredictions(m, DeepPotModel.importDeepmd(tmp.resolve("m.yaml")));
        m.exportDeepmd(tmp.resolve("m.dp"));
        assertSamePredictions(m, DeepPotModel.importDeepmd(tmp.resolve("m.dp")));
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) ((Map<String, Object>) DeepPotYaml.read(tmp.resolve("m.yaml"))
                .get("model")).get("descriptor");
        assertEquals("se_r", d.get("type"));
        assertEquals(true, d.get("type_one_side"));
    }
}
