package org.dpspark.model;

import java.util.List;
import java.util.Map;

/**
 * se_e2_a's DeePMD-kit serialization ({@code DescrptSeA.serialize()}, deepmd/dpmodel/descriptor/se_e2_a.py, version 2):
 * {@code type} se_e2_a (alias se_a), davg/dstd T×N×4, embedding nets as a {@code NetworkCollection} of one (type one
 * side) or two dimensions. Type-pair exclusion, env_protection and spin are refused.
 */
final class SeAFormat implements DescriptorFormat {

    @Override
    public String type() { return "se_e2_a"; }

    @Override
    public List<String> aliases() { return List.of("se_a"); }

    @Override
    public Class<SeADescriptor> descriptorClass() { return SeADescriptor.class; }

    @Override
    public SeADescriptor read(TreeAccess d, int t) {
        SeEmbeddingFormat.Parts p = SeEmbeddingFormat.read(d, t, 4, "se_e2_a");
        return new SeADescriptor(d.dbl("rcut"), d.dbl("rcut_smth"), p.sel(), p.neuron(), d.integer("axis_neuron"), p.typeOneSide(),
                d.boolOr("resnet_dt", false), p.activation(), d.strOr("precision", "float64"), d.boolOr("set_davg_zero", false),
                d.boolOr("trainable", true), p.davg(), p.dstd(), p.embeddings());
    }

    @Override
    public Map<String, Object> write(Descriptor descriptor, List<String> typeMap) {
        SeADescriptor d = (SeADescriptor) descriptor;
        Map<String, Object> o = SeEmbeddingFormat.write("se_e2_a", d, d.neuron(), d.typeOneSide(), d.resnetDt(), d.activation(),
                d.setDavgZero(), d.trainable(), d.davg(), d.dstd(), 4, d.embeddings(), typeMap);
        o.put("axis_neuron", d.axisNeuron());
        return o;
    }

    @Override
    public Map<String, Object> script(Descriptor descriptor) {
        SeADescriptor d = (SeADescriptor) descriptor;
        Map<String, Object> desc = SeEmbeddingFormat.script("se_e2_a", d, d.neuron(), d.resnetDt(), d.typeOneSide(), d.activation());
        desc.put("axis_neuron", d.axisNeuron());
        return desc;
    }
}
