package org.dpspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.Test;

/** Import of DeePMD-kit's deeppot_sea.yaml / .dp, and clear errors for what dpspark does not implement. */
class DeepmdImportTest {
    static Path yaml() {
        return SharedData.path("deepmd-models/deeppot_sea.yaml");
    }

    @Test
    void readsDeeppotSea() throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(yaml());
        assertEquals(List.of("O", "H"), m.typeMap());
        SeADescriptor d = m.seA();
        assertEquals(6.0, d.rcut());
        assertEquals(0.5, d.rcutSmth());
        assertArrayEquals(new int[] {46, 92}, d.sel());
        assertArrayEquals(new int[] {3, 6, 12}, d.neuron());
        assertEquals(2, d.axisNeuron());
        assertTrue(d.typeOneSide());
        assertFalse(d.resnetDt());
        assertEquals(2 * 138 * 4, d.davg().length);
        assertEquals(0.05033023990415701, d.davg()[0]);
        assertEquals(2, d.embeddings().size());
        NetLayer first = d.embeddings().get(0).layers().get(0);
        assertEquals(1, first.nIn());
        assertEquals(3, first.nOut());
        assertEquals(-0.9135780953141011, first.b()[0]);
        assertNull(first.idt());
        EnerFitting f = m.fitting();
        assertArrayEquals(new int[] {10, 10, 10}, f.neuron());
        assertTrue(f.resnetDt());
        assertEquals(24, f.dimDescrpt());
        NetLayer second = f.nets().get(0).layers().get(1);
        assertEquals(0.11119561540931056, second.idt()[0]);
        assertEquals(1, second.skip());
        assertEquals(0, f.nets().get(0).layers().get(0).skip(), "24→10: resnet flag set but no skip");
        assertArrayEquals(new double[] {-93.57372029622398, -187.14744059244796}, f.biasAtomE());
        assertArrayEquals(new double[] {0, 0}, m.outBias());
        assertEquals("deepmd-kit", m.provenance().get("source_software"));
    }

    @Test
    void dpFileWrittenByH5pyMatchesYaml() throws Exception {
        Path dp = Path.of(getClass().getResource("deeppot_sea.dp").toURI());
        DeepPotModel a = DeepPotModel.importDeepmd(yaml());
        DeepPotModel b = DeepPotModel.importDeepmd(dp);
        assertArrayEquals(a.seA().davg(), b.seA().davg(), 0.0);
        assertArrayEquals(a.seA().dstd(), b.seA().dstd(), 0.0);
        for (int k = 0; k < 2; k++) {
            List<NetLayer> la = a.fitting().nets().get(k).layers(), lb = b.fitting().nets().get(k).layers();
            for (int l = 0; l < la.size(); l++) {
                assertArrayEquals(la.get(l).w(), lb.get(l).w(), 0.0);
                assertArrayEquals(la.get(l).b(), lb.get(l).b(), 0.0);
            }
            List<NetLayer> ea = a.seA().embeddings().get(k).layers(), eb = b.seA().embeddings().get(k).layers();
            for (int l = 0; l < ea.size(); l++) assertArrayEquals(ea.get(l).w(), eb.get(l).w(), 0.0);
        }
        assertArrayEquals(a.fitting().biasAtomE(), b.fitting().biasAtomE(), 0.0);
    }

    /** Imports deeppot_sea.yaml after {@code edit} changed its tree; returns the error. */
    @SuppressWarnings("unchecked")
    static Exception importEdited(Consumer<Map<String, Object>> edit) throws Exception {
        Map<String, Object> root = DeepPotYaml.read(yaml());
        edit.accept((Map<String, Object>) root.get("model"));
        return assertThrows(IllegalArgumentException.class, () -> DeepmdTree.fromTree(root, "edited"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> sub(Map<String, Object> m, String k) {
        return (Map<String, Object>) m.get(k);
    }

    @Test
    void unsupportedOptionsAreNamed() throws Exception {
        Exception e = importEdited(m -> sub(m, "descriptor").put("type", "dpa2"));
        assertTrue(e instanceof UnsupportedModelException && e.getMessage().contains("dpa2"), e.getMessage());
        e = importEdited(m -> sub(m, "descriptor").put("exclude_types", List.of(List.of(0, 1))));
        assertTrue(e.getMessage().contains("exclude_types"), e.getMessage());
        e = importEdited(m -> sub(m, "descriptor").put("env_protection", 1e-6));
        assertTrue(e.getMessage().contains("env_protection"), e.getMessage());
        e = importEdited(m -> sub(m, "descriptor").put("activation_function", "silut:3.0"));
        assertTrue(e.getMessage().contains("silut:3.0"), e.getMessage());
        e = importEdited(m -> sub(m, "fitting").put("numb_fparam", 2));
        assertTrue(e.getMessage().contains("numb_fparam"), e.getMessage());
        e = importEdited(m -> sub(m, "fitting").put("type", "dipole"));
        assertTrue(e.getMessage().contains("dipole"), e.getMessage());
        e = importEdited(m -> sub(m, "fitting").put("atom_ener", java.util.Arrays.asList(-1.0, null)));
        assertTrue(e.getMessage().contains("atom_ener"), e.getMessage());
        e = importEdited(m -> m.put("type", "zbl"));
        assertTrue(e.getMessage().contains("zbl"), e.getMessage());
        e = importEdited(m -> m.put("pair_exclude_types", List.of(List.of(0, 0))));
        assertTrue(e.getMessage().contains("pair_exclude_types"), e.getMessage());
        e = importEdited(m -> sub(m, "descriptor").put("@version", 7));
        assertTrue(e.getMessage().contains("@version 7") && e.getMessage().contains("Descriptor"), e.getMessage());
        e = importEdited(m -> sub(sub(m, "descriptor"), "embeddings").put("@class", "EmbeddingNetworkCollection"));
        assertTrue(e.getMessage().contains("EmbeddingNetworkCollection"), e.getMessage());
    }

    @Test
    void largeModelYamlAndDpRoundTrip(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // > 3 MiB of YAML (SnakeYAML's default document limit): embedding [25,50,100], axis 4, fitting [240,240,240].
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92},
                new int[] {25, 50, 100}, 4, true, false, new int[] {240, 240, 240}, true, "tanh");
        DeepPotModel m = DeepPotModels.random(spec, 0.05, 0.08, 0.05, new double[] {-93, -187}, 9);
        for (String name : new String[] {"big.yaml", "big.dp"}) {
            Path p = tmp.resolve(name);
            m.exportDeepmd(p);
            DeepPotModel b = DeepPotModel.importDeepmd(p);
            for (int t = 0; t < 2; t++) {
                for (int l = 0; l < 4; l++) {
                    NetLayer x = m.fitting().nets().get(t).layers().get(l), y = b.fitting().nets().get(t).layers().get(l);
                    assertArrayEquals(x.w(), y.w(), 0.0, name);
                    assertArrayEquals(x.b(), y.b(), 0.0, name);
                    assertArrayEquals(x.idt(), y.idt(), 0.0, name);
                }
            }
        }
        assertTrue(java.nio.file.Files.size(tmp.resolve("big.yaml")) > 3 * 1024 * 1024);
    }

    @Test
    void yamlFloatsReadBackByYaml11() {
        // PyYAML (YAML 1.1) needs a '.' and a signed exponent; Java's toString is the shortest round-trip form.
        assertEquals("1.0e-5", DeepPotYaml.formatDouble(1e-5));
        assertEquals("1.0e+20", DeepPotYaml.formatDouble(1e20));
        assertEquals("-0.9135780953141011", DeepPotYaml.formatDouble(-0.9135780953141011));
        assertEquals(".nan", DeepPotYaml.formatDouble(Double.NaN));
        assertEquals("-.inf", DeepPotYaml.formatDouble(Double.NEGATIVE_INFINITY));
        for (double x : new double[] {1e-5, 1e20, 4.9e-324, -1.7976931348623157e308, 0.1}) {
            assertEquals(x, Double.parseDouble(DeepPotYaml.formatDouble(x)));
        }
    }
}
