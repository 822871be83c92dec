package org.dpspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DPA-1's DeePMD-kit serialization: the seeded test models of SeAttenGoldenTest (written by DeePMD-kit's NumPy
 * backend) are read with every option, written back key for key as DeePMD-kit writes them, round-trip through
 * {@code .yaml}, {@code .dp} and the dpspark model directory unchanged, and options dpspark does not implement are
 * refused by name.
 */
class SeAttenImportTest {

    static Path yaml(String name) throws Exception {
        return Path.of(SeAttenImportTest.class.getResource("/org/dpspark/model/eval/dpa1-" + name + ".yaml").toURI());
    }

    @Test
    void readsEveryOption() throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(yaml("concat"));
        assertEquals(List.of("C", "H", "O", "N"), m.typeMap());
        SeAttenDescriptor d = (SeAttenDescriptor) m.descriptor();
        assertEquals("se_atten", d.type());
        assertEquals(4, d.ntypes());
        assertArrayEquals(new int[] {40}, d.sel(), "sel as one total");
        assertEquals(2, d.attentionLayers().size());
        assertEquals(16, d.attn());
        assertEquals(8, d.tebdDim());
        assertTrue(d.attnDotr() && d.normalize() && d.smooth() && d.concatOutputTebd() && !d.typeOneSide() && !d.stripped());
        assertEquals(16 * 4 + 8, d.dimOut(), "M·M< + tebd_dim");
        assertEquals(1 + 2 * 8, d.embedding().inDim(), "[s̃, τ_j, τ_i]");
        assertEquals(0.25, d.attentionScale(), 0.0, "(attn · scaling_factor)^-½ = 16^-½");
        assertEquals(Boolean.TRUE, m.deepmdOptions().get("fitting.mixed_types"));
        assertTrue(m.fitting().nets().stream().allMatch(n -> n == m.fitting().nets().get(0)), "one fitting net for all types");
        SeAttenDescriptor r = (SeAttenDescriptor) DeepPotModel.importDeepmd(yaml("rough")).descriptor();
        assertEquals(0.5, r.attentionScale(), 0.0, "temperature");
        assertTrue(r.typeOneSide() && !r.smooth() && !r.normalize() && !r.attnDotr() && !r.concatOutputTebd() && r.useTebdBias());
        SeAttenDescriptor v2 = (SeAttenDescriptor) DeepPotModel.importDeepmd(yaml("v2")).descriptor();
        assertEquals("se_atten_v2", v2.type());
        assertTrue(v2.v2() && v2.stripped() && v2.smooth());
        assertEquals(16, v2.embeddingStrip().inDim(), "[τ_j, τ_i]");
        assertEquals(0, ((SeAttenDescriptor) DeepPotModel.importDeepmd(yaml("noattn")).descriptor()).attentionLayers().size());
    }

    /**
     * What dpspark writes equals what DeePMD-kit wrote, key for key and value for value, but for two things of the
     * Layer class: DeePMD-kit's Layer version 2 adds a {@code trainable} flag, dpspark writes version 1 (as in
     * deeppot_sea.yaml), which DeePMD-kit reads; and the fitting's version-4 keys without effect here (case embedding,
     * an absent default_fparam): dpspark writes the fitting as version 2 when it has no default_fparam.
     */
    @Test
    void writesTheDescriptorAsDeepmdWroteIt() throws Exception {
        for (String name : List.of("concat", "rough", "noattn", "v2")) {
            Map<String, Object> original = DeepPotYaml.read(yaml(name));
            DeepPotModel m = DeepmdTree.fromTree(original, name);
            Map<String, Object> written = DeepmdTree.toTree(m);
            sameTree(sub(original, "model", "descriptor"), sub(written, "model", "descriptor"), name + ":descriptor");
            Map<String, Object> fo = new java.util.TreeMap<>(sub(original, "model", "fitting"));
            Map<String, Object> fw = new java.util.TreeMap<>(sub(written, "model", "fitting"));
            for (Map<String, Object> f : List.of(fo, fw)) {
                for (String k : List.of("@version", "default_fparam", "dim_case_embd")) f.remove(k);
                Map<String, Object> v = new java.util.TreeMap<>(sub(f, "@variables"));
                v.remove("case_embd");
                f.put("@variables", v);
            }
            sameTree(fo, fw, name + ":fitting");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> sub(Map<String, Object> m, String... keys) {
        Object o = m;
        for (String k : keys) o = ((Map<String, Object>) o).get(k);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static void sameTree(Object a, Object b, String path) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            boolean layer = "Layer".equals(ma.get("@class"));
            Set<Object> keys = new java.util.TreeSet<>((Set<Object>) ma.keySet());
            keys.addAll(mb.keySet());
            for (Object k : keys) {
                if (layer && (k.equals("trainable") || k.equals("@version"))) continue;
                assertTrue(ma.containsKey(k) && mb.containsKey(k), "key " + path + "/" + k + " only on one side");
                sameTree(ma.get(k), mb.get(k), path + "/" + k);
            }
        } else if (a instanceof List<?> la && b instanceof List<?> lb) {
            assertEquals(la.size(), lb.size(), path);
            for (int i = 0; i < la.size(); i++) sameTree(la.get(i), lb.get(i), path + "/" + i);
        } else if (a instanceof NdArray na && b instanceof NdArray nb) {
            assertArrayEquals(na.shape(), nb.shape(), path);
            assertArrayEquals(na.data(), nb.data(), 0.0, path);
        } else if (a instanceof Number x && b instanceof Number y) {
            assertEquals(x.doubleValue(), y.doubleValue(), 0.0, path);
        } else {
            assertEquals(a, b, path);
        }
    }

    @Test
    void roundTripsUnchanged(@TempDir Path tmp) throws Exception {
        for (String name : List.of("concat", "v2")) {
            DeepPotModel m = DeepPotModel.importDeepmd(yaml(name));
            for (String ext : List.of(".yaml", ".dp")) {
                Path f = tmp.resolve(name + ext);
                m.exportDeepmd(f);
                DeepPotModel back = DeepPotModel.importDeepmd(f);
                sameTree(sub(DeepmdTree.toTree(m), "model"), sub(DeepmdTree.toTree(back), "model"), name + ext);
            }
            Path dir = tmp.resolve(name + "-model");
            m.save(dir);
            sameTree(sub(DeepmdTree.toTree(m), "model"), sub(DeepmdTree.toTree(DeepPotModel.load(dir)), "model"),
                    name + " model directory");
            Path y1 = tmp.resolve("a.yaml"), y2 = tmp.resolve("b.yaml");
            m.exportDeepmd(y1);
            DeepPotModel.importDeepmd(y1).exportDeepmd(y2);
            assertEquals(withoutTime(y1), withoutTime(y2), name + ": export → import → export writes the same file");
        }
    }

    static List<String> withoutTime(Path p) throws Exception {
        return Files.readAllLines(p).stream().filter(l -> !l.startsWith("time:")).toList();
    }

    @SuppressWarnings("unchecked")
    static Exception importEdited(String name, Consumer<Map<String, Object>> edit) throws Exception {
        Map<String, Object> root = DeepPotYaml.read(yaml(name));
        edit.accept(sub(root, "model", "descriptor"));
        return assertThrows(IllegalArgumentException.class, () -> DeepmdTree.fromTree(root, "edited"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstAttention(Map<String, Object> d) {
        return (Map<String, Object>) ((List<Object>) sub(d, "attention_layers").get("attention_layers")).get(0);
    }

    @Test
    void unsupportedOptionsAreNamed() throws Exception {
        for (Object[] c : new Object[][] {
                {"exclude_types", (Consumer<Map<String, Object>>) d -> d.put("exclude_types", List.of(List.of(0, 1)))},
                {"env_protection", (Consumer<Map<String, Object>>) d -> d.put("env_protection", 1e-6)},
                {"attn_mask", (Consumer<Map<String, Object>>) d -> d.put("attn_mask", true)},
                {"use_econf_tebd", (Consumer<Map<String, Object>>) d -> d.put("use_econf_tebd", true)},
                {"lmax", (Consumer<Map<String, Object>>) d -> d.put("lmax", 2)},
                {"compress", (Consumer<Map<String, Object>>) d -> d.put("compress", Map.of("geo_compress", true))},
                {"@version 3", (Consumer<Map<String, Object>>) d -> d.put("@version", 3)},
                {"tebd_input_mode 'mix'", (Consumer<Map<String, Object>>) d -> d.put("tebd_input_mode", "mix")},
                {"num_heads", (Consumer<Map<String, Object>>) d -> sub(firstAttention(d), "attention_layer").put("num_heads", 2)},
                {"dotr", (Consumer<Map<String, Object>>) d -> sub(firstAttention(d), "attention_layer").put("dotr", false)},
        }) {
            @SuppressWarnings("unchecked")
            Exception e = importEdited("concat", (Consumer<Map<String, Object>>) c[1]);
            assertTrue(e.getMessage().contains((String) c[0]), c[0] + ": " + e.getMessage());
        }
        Exception e = importEdited("concat", d -> d.put("sel", List.of(30)));
        assertTrue(e.getMessage().contains("davg has shape [4, 40, 4], expected [4, 30, 4]"), e.getMessage());
        assertTrue(Arrays.asList(DescriptorRegistry.types().toArray()).containsAll(List.of("se_atten", "dpa1", "se_atten_v2")));
    }
}
