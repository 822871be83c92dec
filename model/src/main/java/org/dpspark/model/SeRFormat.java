package org.dpspark.model;

import java.util.List;
import java.util.Map;

/**
 * se_e2_r's DeePMD-kit serialization ({@code DescrptSeR.serialize()}, deepmd/dpmodel/descriptor/se_r.py and
 * deepmd/tf/descriptor/se_r.py, version 2): {@code type} se_r (DeePMD-kit registers se_e2_r and se_r; both
 * serializers write se_r, and so does this one), davg/dstd T×N×1, embedding nets as a {@code NetworkCollection} of one
 * (type one side) or two dimensions (TensorFlow's type_one_side = false). Refused with the key named: type-pair
 * exclusion (the backends disagree on it: TensorFlow zeroes the excluded embeddings, dpmodel feeds them s̃ = 0),
 * env_protection, spin and compressed (tabulated, version 3) descriptors.
 */
final class SeRFormat implements DescriptorFormat {

    @Override
    public String type() { return "se_e2_r"; }

    @Override
    public List<String> aliases() { return List.of("se_r"); }

    @Override
    public Class<SeRDescriptor> descriptorClass() { return SeRDescriptor.class; }

    @Override
    public SeRDescriptor read(TreeAccess d, int t) {
        d.requireDefault("compress", "compressed (tabulated) se_e2_r is not implemented");
        SeEmbeddingFormat.Parts p = SeEmbeddingFormat.read(d, t, 1, "se_e2_r");
        return new SeRDescriptor(d.dbl("rcut"), d.dbl("rcut_smth"), p.sel(), p.neuron(), p.typeOneSide(),
                d.boolOr("resnet_dt", false), p.activation(), d.strOr("precision", "float64"), d.boolOr("set_davg_zero", false),
                d.boolOr("trainable", true), p.davg(), p.dstd(), p.embeddings());
    }

    @Override
    public Map<String, Object> write(Descriptor descriptor, List<String> typeMap) {
        SeRDescriptor d = (SeRDescriptor) descriptor;
        Map<String, Object> o = SeEmbeddingFormat.write("se_r", d, d.neuron(), d.typeOneSide(), d.resnetDt(), d.activation(),
                d.setDavgZero(), d.trainable(), d.davg(), d.dstd(), 1, d.embeddings(), typeMap);
        return o;
    }

    @Override
    public Map<String, Object> script(Descriptor descriptor) {
        SeRDescriptor d = (SeRDescriptor) descriptor;
        Map<String, Object> desc = SeEmbeddingFormat.script("se_e2_r", d, d.neuron(), d.resnetDt(), d.typeOneSide(), d.activation());
        return desc;
    }
}
