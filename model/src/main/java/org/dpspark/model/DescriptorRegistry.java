package org.dpspark.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Descriptor kinds by DeePMD-kit's {@code type} string, as DeePMD-kit's {@code BaseDescriptor.register} keeps them.
 * Built in: se_e2_a (alias se_a), se_e2_r (alias se_r), se_atten (alias dpa1), se_atten_v2 and hybrid (a list of the
 * others). A new descriptor is one package: its {@link Descriptor}, its
 * {@link DescriptorFormat}, and one line naming the format in
 * {@code META-INF/services/org.dpspark.model.DescriptorFormat} (found here through {@link ServiceLoader}).
 */
public final class DescriptorRegistry {
    private DescriptorRegistry() {}

    private static final Map<String, DescriptorFormat> BY_TYPE = new LinkedHashMap<>();

    static {
        register(new SeAFormat());
        register(new SeRFormat());
        register(new SeAttenFormat(false));
        register(new SeAttenFormat(true));
        register(new HybridFormat());
        for (DescriptorFormat f : ServiceLoader.load(DescriptorFormat.class, DescriptorRegistry.class.getClassLoader())) {
            if (!BY_TYPE.containsKey(f.type())) register(f);
        }
    }

    /** Registers {@code format} under its type and aliases; a type already taken is an error. */
    public static synchronized void register(DescriptorFormat format) {
        List<String> names = new ArrayList<>(format.aliases());
        names.add(0, format.type());
        for (String n : names) {
            if (BY_TYPE.containsKey(n)) throw new IllegalStateException("descriptor type '" + n + "' is registered twice");
        }
        for (String n : names) BY_TYPE.put(n, format);
    }

    /** The format of descriptor {@code type}; an {@link UnsupportedModelException} naming the known ones otherwise. */
    public static synchronized DescriptorFormat forType(String type, String where) {
        DescriptorFormat f = BY_TYPE.get(type);
        if (f == null) {
            throw new UnsupportedModelException("unsupported descriptor type '" + type + "' at " + where
                    + " (supported: " + String.join(", ", BY_TYPE.keySet()) + ")");
        }
        return f;
    }

    /** The format that writes descriptors of {@code d}'s class. */
    public static synchronized DescriptorFormat forDescriptor(Descriptor d) {
        for (DescriptorFormat f : BY_TYPE.values()) {
            if (f.descriptorClass().isInstance(d)) return f;
        }
        throw new IllegalStateException("no registered format writes " + d.getClass().getName());
    }

    /** The registered type strings (aliases included), in registration order. */
    public static synchronized List<String> types() {
        return List.copyOf(BY_TYPE.keySet());
    }
}
