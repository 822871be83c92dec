package org.dpspark.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code hybrid} descriptor's DeePMD-kit serialization ({@code DescrptHybrid.serialize()}, version 1):
 * {@code {"@class": "Descriptor", "type": "hybrid", "@version": 1, "list": [member, …]}}, every member a descriptor
 * node of a registered kind, read and written by its own {@link DescriptorFormat}. The input-script form is
 * {@code {"type": "hybrid", "list": [member script, …]}}.
 */
final class HybridFormat implements DescriptorFormat {

    @Override
    public String type() { return "hybrid"; }

    @Override
    public Class<HybridDescriptor> descriptorClass() { return HybridDescriptor.class; }

    @Override
    public HybridDescriptor read(TreeAccess d, int t) {
        List<?> members = d.list("list");
        if (members.isEmpty()) throw new UnsupportedModelException("empty descriptor list at " + d.path + "/list");
        List<Descriptor> list = new ArrayList<>();
        for (int k = 0; k < members.size(); k++) {
            TreeAccess m = TreeAccess.of(members.get(k), d.path + "/list/" + k);
            m.expectClass("Descriptor", 2);
            String type = m.str("type");
            DescriptorFormat f = DescriptorRegistry.forType(type, m.path);
            if (f instanceof HybridFormat) {
                throw new UnsupportedModelException("a hybrid descriptor inside a hybrid at " + m.path);
            }
            list.add(f.read(m, t));
        }
        return new HybridDescriptor(list);
    }

    @Override
    public Map<String, Object> write(Descriptor descriptor, List<String> typeMap) {
        HybridDescriptor h = (HybridDescriptor) descriptor;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("@class", "Descriptor");
        o.put("type", "hybrid");
        o.put("@version", 1);
        List<Object> list = new ArrayList<>();
        for (Descriptor d : h.list()) list.add(DescriptorRegistry.forDescriptor(d).write(d, typeMap));
        o.put("list", list);
        return o;
    }

    @Override
    public Map<String, Object> script(Descriptor descriptor) {
        HybridDescriptor h = (HybridDescriptor) descriptor;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", "hybrid");
        List<Object> list = new ArrayList<>();
        for (Descriptor d : h.list()) list.add(DescriptorRegistry.forDescriptor(d).script(d));
        o.put("list", list);
        return o;
    }
}
