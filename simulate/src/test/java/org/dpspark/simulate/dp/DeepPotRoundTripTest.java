package org.dpspark.simulate.dp;

import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dpspark.model.DeepPotHdf5;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.DeepPotYaml;
import org.dpspark.model.NdArray;
import org.dpspark.model.UnsupportedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * import deeppot_sea.yaml → save dpspark dir → load → export .yaml/.dp → import: predictions bitwise identical,
 * and the exported tree has DeePMD-kit's keys, @class, @version, dtypes and array shapes.
 */
class DeepPotRoundTripTest {
    /** Root keys that describe the writing program rather than the model. */
    static final Set<String> META_KEYS = Set.of("backend", "software", "version", "time", "pt_version", "tf_version");

    static void assertSamePredictions(DeepPotModel a, DeepPotModel b) throws Exception {
        WaterFrame w = WaterFrame.load(0);
        DeepPotResult ra = new DeepPotEvaluator(a).evaluate(w.coord, w.box, w.types, true);
        DeepPotResult rb = new DeepPotEvaluator(b).evaluate(w.coord, w.box, w.types, true);
        assertEquals(Double.doubleToRawLongBits(ra.energy()), Double.doubleToRawLongBits(rb.energy()), "energy bitwise");
        assertArrayEquals(ra.atomEnergy(), rb.atomEnergy(), 0.0);
        assertArrayEquals(ra.forces(), rb.forces(), 0.0);
        assertArrayEquals(ra.atomVirial(), rb.atomVirial(), 0.0);
        assertArrayEquals(ra.descriptor(), rb.descriptor(), 0.0);
    }

    /** Walks both trees: same keys, same @class/@version/scalars, arrays with the same dtype, shape and (bitwise) values. */
    @SuppressWarnings("unchecked")
    static void assertSameTree(Object expected, Object actual, String path, boolean values, List<String> diffs) {
        if (expected instanceof Map && actual instanceof Map) {
            Map<String, Object> e = (Map<String, Object>) expected, a = (Map<String, Object>) actual;
            if (!e.keySet().equals(a.keySet())) diffs.add(path + ": keys " + e.keySet() + " vs " + a.keySet());
            for (String k : e.keySet()) {
                if (a.containsKey(k)) assertSameTree(e.get(k), a.get(k), path + "/" + k, values, diffs);
            }
        } else if (expected instanceof List && actual instanceof List) {
            List<Object> e = (List<Object>) expected, a = (List<Object>) actual;
            if (e.size() != a.size()) diffs.add(path + ": list length " + e.size() + " vs " + a.size());
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) assertSameTree(e.get(i), a.get(i), path + "/" + i, values, diffs);
        } else if (expected instanceof NdArray && actual instanceof NdArray) {
            NdArray e = (NdArray) expected, a = (NdArray) actual;
            if (!e.dtype().equals(a.dtype()) || !java.util.Arrays.equals(e.shape(), a.shape())) {
                diffs.add(path + ": " + e + " vs " + a);
            } else if (values && !java.util.Arrays.equals(e.data(), a.data())) {
                diffs.add(path + ": values differ");
            }
        } else if (expected instanceof Number && actual instanceof Number) {
            if (((Number) expected).doubleValue() != ((Number) actual).doubleValue()) diffs.add(path + ": " + expected + " vs " + actual);
        } else if (expected == null ? actual != null : !expected.equals(actual)) {
            diffs.add(path + ": " + expected + " vs " + actual);
        }
    }

    static Map<String, Object> modelOnly(Map<String, Object> root) {
        Map<String, Object> m = new java.util.TreeMap<>(root);
        m.keySet().removeAll(META_KEYS);
        return m;
    }

    @Test
    void yamlDirectoryAndDpRoundTrip(@TempDir Path tmp) throws Exception {
        Path src = GoldenCase.modelPath();
        DeepPotModel imported = DeepPotModel.importDeepmd(src);
        imported.save(tmp.resolve("dir"));
        assertTrue(Files.isRegularFile(tmp.resolve("dir/model.yaml")) && Files.isRegularFile(tmp.resolve("dir/dpspark-model.json")));
        DeepPotModel loaded = DeepPotModel.load(tmp.resolve("dir"));
        assertEquals(imported.provenance(), loaded.provenance(), "provenance kept in dpspark-model.json");
        Path yaml = tmp.resolve("export/model.yaml");
        loaded.exportDeepmd(yaml);
        DeepPotModel again = DeepPotModel.importDeepmd(yaml);
        assertSamePredictions(imported, again);

        Path dp = tmp.resolve("export/model.dp");
        again.exportDeepmd(dp);
        DeepPotModel fromDp = DeepPotModel.importDeepmd(dp);
        assertSamePredictions(imported, fromDp);

        // The exported trees against DeePMD-kit's own file: same keys, classes, versions, dtypes, shapes and values.
        Map<String, Object> original = DeepPotYaml.read(src);
        for (Map<String, Object> exported : List.of(DeepPotYaml.read(yaml), DeepPotHdf5.read(dp))) {
            List<String> diffs = new ArrayList<>();
            assertSameTree(modelOnly(original), modelOnly(exported), "", true, diffs);
            assertTrue(diffs.isEmpty(), "tree differences: " + diffs);
            assertTrue(exported.keySet().containsAll(Set.of("software", "version", "time", "backend")));
        }
    }

    @Test
    void randomTypePairModelRoundTrip(@TempDir Path tmp) throws Exception {
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92},
                new int[] {8, 16, 32}, 4, false, true, new int[] {32, 32, 32}, true, "tanh");
        DeepPotModel m = DeepPotModels.random(spec, 0.05, 0.08, 0.05, new double[] {-93.0, -187.0}, 3);
        m.save(tmp.resolve("dir"));
        DeepPotModel loaded = DeepPotModel.load(tmp.resolve("dir"));
        assertSamePredictions(m, loaded);
        loaded.exportDeepmd(tmp.resolve("m.dp"));
        assertSamePredictions(m, DeepPotModel.importDeepmd(tmp.resolve("m.dp")));
        // Same tree shape as DeePMD-kit would write for these hyper-parameters: compare with a
        // type_one_side=true export only in what must differ (ndim, number of embedding nets).
        Map<String, Object> tree = DeepPotYaml.read(tmp.resolve("dir/model.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> emb = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) tree.get("model"))
                .get("descriptor")).get("embeddings");
        assertEquals(2, ((Number) emb.get("ndim")).intValue());
        assertEquals(4, ((List<?>) emb.get("networks")).size());
    }

    @Test
    void unknownArtifactVersionIsRefused(@TempDir Path tmp) throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(GoldenCase.modelPath());
        Path dir = tmp.resolve("dir");
        m.save(dir);
        Path meta = dir.resolve("dpspark-model.json");
        Files.writeString(meta, Files.readString(meta).replace("\"artifact_version\" : 1", "\"artifact_version\" : 2"));
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> DeepPotModel.load(dir));
        assertTrue(e.getMessage().contains("artifact_version 2"), e.getMessage());
    }
}
