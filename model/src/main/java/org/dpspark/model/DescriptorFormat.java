package org.dpspark.model;

import java.util.List;
import java.util.Map;

/**
 * One descriptor kind's DeePMD-kit serialization: reads its {@code "@class": "Descriptor"} node of a model tree and
 * writes it back, as DeePMD-kit's {@code BaseDescriptor.serialize()/deserialize()} do. Registered in
 * {@link DescriptorRegistry}.
 */
public interface DescriptorFormat {

    /** DeePMD-kit's {@code type} string this format writes (e.g. {@code se_e2_a}). */
    String type();

    /** Other {@code type} strings DeePMD-kit accepts for the same descriptor (e.g. {@code se_a}). */
    default List<String> aliases() { return List.of(); }

    /** The kind of descriptor this format reads and writes. */
    Class<? extends Descriptor> descriptorClass();

    /**
     * The descriptor of a model with {@code ntypes} types from its serialized node; refuses options it does not
     * implement with an {@link UnsupportedModelException} naming the key.
     */
    Descriptor read(TreeAccess node, int ntypes);

    /** The serialized node of {@code d} (keys as DeePMD-kit writes them). */
    Map<String, Object> write(Descriptor d, List<String> typeMap);

    /** The {@code descriptor} section of DeePMD-kit's input script that would train {@code d}. */
    Map<String, Object> script(Descriptor d);
}
