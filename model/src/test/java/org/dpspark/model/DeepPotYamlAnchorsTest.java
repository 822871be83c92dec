package org.dpspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeePMD-kit's YAML as PyYAML's {@code dump} writes it: a value met twice is written once with an anchor
 * ({@code &id001}) and then as an alias ({@code *id001}); reading resolves them, and floats stay bit-exact.
 */
class DeepPotYamlAnchorsTest {

    @Test
    @SuppressWarnings("unchecked")
    void handmadeAnchorsResolveToCopiesOfTheValue(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("anchors.yaml");
        Files.writeString(f, String.join("\n",
                "model:",
                "  type_map: &id001",
                "  - O",
                "  - H",
                "  sel: &id002 [46, 92]",
                "  fitting:",
                "    type_map: *id001",
                "    sel: *id002",
                "    w: &w {\"@class\": np.ndarray, \"@is_variable\": true, \"@version\": 1, dtype: float64,"
                        + " value: [[0.1, -2.5e-07]]}",
                "    w2: *w",
                "model_def_script:",
                "  type_map: *id001",
                ""));
        Map<String, Object> root = DeepPotYaml.read(f);
        Map<String, Object> model = (Map<String, Object>) root.get("model");
        Map<String, Object> fitting = (Map<String, Object>) model.get("fitting");
        assertEquals(List.of("O", "H"), model.get("type_map"));
        assertEquals(List.of("O", "H"), fitting.get("type_map"));
        assertEquals(List.of("O", "H"), ((Map<String, Object>) root.get("model_def_script")).get("type_map"));
        assertEquals(List.of(46, 92), fitting.get("sel"));
        assertNotSame(model.get("type_map"), fitting.get("type_map"), "each alias is its own copy");
        NdArray w = (NdArray) fitting.get("w"), w2 = (NdArray) fitting.get("w2");
        assertEquals(List.of(1, 2), List.of(w2.shape()[0], w2.shape()[1]));
        assertEquals(-2.5e-07, w2.data()[1], 0.0);
        assertEquals(w.data()[0], w2.data()[0], 0.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void deeppotRAliasesAreResolved() throws Exception {
        Map<String, Object> root = DeepPotYaml.read(SharedData.path("deepmd-models/deeppot-r.yaml"));
        Map<String, Object> model = (Map<String, Object>) root.get("model");
        Map<String, Object> script = (Map<String, Object>) root.get("model_def_script");
        // type_map: &id001 on the descriptor, *id001 on the model, fitting and model_def_script
        assertEquals(List.of("O", "H"), model.get("type_map"));
        assertEquals(List.of("O", "H"), ((Map<String, Object>) model.get("fitting")).get("type_map"));
        assertEquals(List.of("O", "H"), script.get("type_map"));
        // sel: &id003, neuron: &id002 on the descriptor, aliased in model_def_script
        Map<String, Object> sd = (Map<String, Object>) script.get("descriptor");
        assertEquals(List.of(46, 92), sd.get("sel"));
        assertEquals(List.of(2, 4, 8), sd.get("neuron"));
        assertEquals(List.of(), ((Map<String, Object>) script.get("fitting_net")).get("atom_ener"));
        assertEquals("2024-07-27 10:10:04.707439", root.get("time"), "a quoted time stays a string");
    }

    @Test
    void doublesRoundTripBitForBit(@TempDir Path tmp) throws Exception {
        // Values whose shortest decimal forms need 17 digits, subnormals, extremes, signed zero, and an exponent form.
        double[] xs = {0.1, 1.0 / 3.0, -0.9135780953141011, 4.9e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                -0.0, 1e-5, 123456789.123456789, Math.PI * 1e-300, Math.nextUp(1.0), 0.056624706545497144};
        Map<String, Object> tree = new java.util.TreeMap<>();
        tree.put("a", new NdArray("float64", new int[] {xs.length}, xs.clone()));
        tree.put("scalar", 0.14497902650654793);
        Path f = tmp.resolve("d.yaml");
        DeepPotYaml.write(f, tree);
        Map<String, Object> back = DeepPotYaml.read(f);
        double[] ys = ((NdArray) back.get("a")).data();
        for (int i = 0; i < xs.length; i++) {
            assertEquals(Double.doubleToRawLongBits(xs[i]), Double.doubleToRawLongBits(ys[i]), "value " + xs[i]);
        }
        assertEquals(Double.doubleToRawLongBits(0.14497902650654793),
                Double.doubleToRawLongBits(((Number) back.get("scalar")).doubleValue()));
        // and DeePMD-kit's own text parses to the nearest doubles of its decimals (Python's float())
        Map<String, Object> r = DeepPotYaml.read(SharedData.path("deepmd-models/deeppot-r.yaml"));
        @SuppressWarnings("unchecked")
        NdArray davg = (NdArray) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) r.get("model"))
                .get("descriptor")).get("@variables")).get("davg");
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble("0.056624706545497144")),
                Double.doubleToRawLongBits(davg.data()[0]));
        assertTrue(davg.shape().length == 3 && davg.shape()[2] == 1, "se_r davg is ntypes×nnei×1");
    }

    @Test
    void brokenYamlNamesTheFile(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "model:\n  type_map: *nowhere\n");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DeepPotYaml.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("nowhere"), e.getMessage());
    }
}
