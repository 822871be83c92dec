package org.dpspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.Test;

/** Import of DeePMD-kit's se_e2_r test model deeppot-r.yaml, and clear errors for the se_e2_r options not implemented. */
class SeRImportTest {
    static Path yaml() {
        return SharedData.path("deepmd-models/deeppot-r.yaml");
    }

    @Test
    void readsDeeppotR() throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(yaml());
        assertEquals(List.of("O", "H"), m.typeMap());
        SeRDescriptor d = (SeRDescriptor) m.descriptor();
        assertEquals("se_e2_r", d.type());
        assertEquals(6.0, d.rcut());
        assertEquals(1.0, d.rcutSmth());
        assertArrayEquals(new int[] {46, 92}, d.sel());
        assertArrayEquals(new int[] {2, 4, 8}, d.neuron());
        assertFalse(d.typeOneSide());
        assertEquals(4, d.embeddings().size(), "type pairs: T² nets");
        assertEquals(2 * 138, d.davg().length);
        assertEquals(0.056624706545497144, d.davg()[0]);
        assertEquals(0.14497902650654793, d.dstd()[0]);
        assertEquals(8, d.dimOut());
        assertEquals(8, m.fitting().dimDescrpt());
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, m::seA);
        assertTrue(e.getMessage().contains("se_e2_r"), e.getMessage());
    }

    @SuppressWarnings("unchecked")
    static Exception importEdited(Consumer<Map<String, Object>> edit) throws Exception {
        Map<String, Object> root = DeepPotYaml.read(yaml());
        edit.accept((Map<String, Object>) ((Map<String, Object>) root.get("model")).get("descriptor"));
        return assertThrows(IllegalArgumentException.class, () -> DeepmdTree.fromTree(root, "edited"));
    }

    @Test
    void unsupportedOptionsAreNamed() throws Exception {
        Exception e = importEdited(d -> d.put("exclude_types", List.of(List.of(0, 1))));
        assertTrue(e instanceof UnsupportedModelException && e.getMessage().contains("exclude_types"), e.getMessage());
        e = importEdited(d -> d.put("env_protection", 1e-6));
        assertTrue(e.getMessage().contains("env_protection"), e.getMessage());
        e = importEdited(d -> d.put("spin", Map.of("use_spin", List.of(true, false))));
        assertTrue(e.getMessage().contains("spin"), e.getMessage());
        e = importEdited(d -> d.put("compress", Map.of("@variables", Map.of())));
        assertTrue(e.getMessage().contains("compress"), e.getMessage());
        e = importEdited(d -> d.put("@version", 3));
        assertTrue(e.getMessage().contains("@version 3"), e.getMessage());
        e = importEdited(d -> d.put("activation_function", "silut:3.0"));
        assertTrue(e.getMessage().contains("silut:3.0"), e.getMessage());
        e = importEdited(d -> d.put("sel", List.of(46)));
        assertTrue(e.getMessage().contains("sel has 1 entries"), e.getMessage());
        e = importEdited(d -> d.put("type_one_side", true));
        assertTrue(e.getMessage().contains("ndim 2, expected 1"), e.getMessage());
    }

    @Test
    void descriptorNodeIsWrittenAsDeepmdWritesIt() throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(yaml());
        Map<String, Object> node = DescriptorRegistry.forDescriptor(m.descriptor()).write(m.descriptor(), m.typeMap());
        assertEquals("se_r", node.get("type"), "DescrptSeR.serialize writes se_r");
        assertEquals(2, node.get("@version"));
        @SuppressWarnings("unchecked")
        NdArray davg = (NdArray) ((Map<String, Object>) node.get("@variables")).get("davg");
        assertArrayEquals(new int[] {2, 138, 1}, davg.shape());
    }
}
