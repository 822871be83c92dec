package org.dpspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Descriptor kinds are found by DeePMD-kit's type string, written by their own format, and refused by name. */
class DescriptorRegistryTest {

    @Test
    void seAIsRegisteredUnderItsTypeAndAlias() {
        assertTrue(DescriptorRegistry.types().containsAll(List.of("se_e2_a", "se_a")));
        assertSame(DescriptorRegistry.forType("se_e2_a", "t"), DescriptorRegistry.forType("se_a", "t"));
    }

    @Test
    void seRIsRegisteredUnderItsTypeAndAlias() {
        assertTrue(DescriptorRegistry.types().containsAll(List.of("se_e2_r", "se_r")));
        assertSame(DescriptorRegistry.forType("se_e2_r", "t"), DescriptorRegistry.forType("se_r", "t"));
    }

    @Test
    void anUnknownTypeNamesTheKnownOnes() {
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> DescriptorRegistry.forType("dpa2", "model.yaml:/model/descriptor"));
        assertEquals("unsupported descriptor type 'dpa2' at model.yaml:/model/descriptor (supported: "
                + String.join(", ", DescriptorRegistry.types()) + ")", e.getMessage());
    }

    @Test
    void aTypeCannotBeRegisteredTwice() {
        DescriptorFormat clash = new DescriptorFormat() {
            @Override public String type() { return "se_a"; }
            @Override public Class<? extends Descriptor> descriptorClass() { return SeADescriptor.class; }
            @Override public Descriptor read(TreeAccess node, int ntypes) { throw new UnsupportedOperationException(); }
            @Override public Map<String, Object> write(Descriptor d, List<String> typeMap) { return Map.of(); }
            @Override public Map<String, Object> script(Descriptor d) { return Map.of(); }
        };
        List<String> before = DescriptorRegistry.types();
        assertThrows(IllegalStateException.class, () -> DescriptorRegistry.register(clash));
        assertEquals(before, DescriptorRegistry.types(), "a refused registration leaves the registry unchanged");
    }

    @Test
    void theModelsDescriptorIsWrittenByTheFormatOfItsKind() throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(DeepmdImportTest.yaml());
        assertEquals("se_e2_a", m.descriptor().type());
        assertSame(DescriptorRegistry.forType("se_e2_a", "t"), DescriptorRegistry.forDescriptor(m.descriptor()));
        Map<String, Object> node = DescriptorRegistry.forDescriptor(m.descriptor()).write(m.descriptor(), m.typeMap());
        assertEquals("se_e2_a", node.get("type"));
        assertEquals("Descriptor", node.get("@class"));
    }
}
