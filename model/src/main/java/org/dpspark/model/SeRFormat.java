package org.dpspark.model;

import java.util.ArrayList;
import java.util.Arrays;
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
        d.requireDefault("exclude_types", "type-pair exclusion is not implemented for se_e2_r");
        d.requireDefault("env_protection", "env_protection is not implemented");
        d.requireDefault("spin", "spin is not implemented");
        d.requireDefault("compress", "compressed (tabulated) se_e2_r is not implemented");
        int[] sel = d.ints("sel");
        if (sel.length != t) throw new IllegalArgumentException("sel has " + sel.length + " entries for " + t + " types at " + d.path);
        int nnei = Arrays.stream(sel).sum();
        int[] neuron = d.ints("neuron");
        boolean oneSide = d.boolOr("type_one_side", true);
        String act = d.strOr("activation_function", "tanh");
        Activation.of(act);
        TreeAccess vars = d.child("@variables");
        NdArray davg = vars.array("davg", false);
        NdArray dstd = vars.array("dstd", false);
        DeepmdTree.expectShape(davg, vars.path + "/davg", t, nnei, 1);
        DeepmdTree.expectShape(dstd, vars.path + "/dstd", t, nnei, 1);
        List<DenseNet> nets = DeepmdTree.collection(d.child("embeddings"), oneSide ? 1 : 2, t, "embedding_network");
        if (d.has("env_mat")) {
            TreeAccess em = d.child("env_mat");
            if (em.has("rcut") && em.dbl("rcut") != d.dbl("rcut") || em.has("rcut_smth") && em.dbl("rcut_smth") != d.dbl("rcut_smth")) {
                throw new IllegalArgumentException("env_mat cutoffs differ from the descriptor's at " + em.path);
            }
        }
        return new SeRDescriptor(d.dbl("rcut"), d.dbl("rcut_smth"), sel, neuron, oneSide, d.boolOr("resnet_dt", false),
                act, d.strOr("precision", "float64"), d.boolOr("set_davg_zero", false), d.boolOr("trainable", true),
                davg.data(), dstd.data(), nets);
    }

    @Override
    public Map<String, Object> write(Descriptor descriptor, List<String> typeMap) {
        SeRDescriptor d = (SeRDescriptor) descriptor;
        int t = d.ntypes(), nnei = d.nnei();
        Map<String, Object> o = new DeepmdTree.TreeMapWithOrder();
        o.put("@class", "Descriptor");
        Map<String, Object> vars = new DeepmdTree.TreeMapWithOrder();
        vars.put("davg", NdArray.of(d.precision(), d.davg().clone(), t, nnei, 1));
        vars.put("dstd", NdArray.of(d.precision(), d.dstd().clone(), t, nnei, 1));
        o.put("@variables", vars);
        o.put("@version", 2);
        o.put("activation_function", d.activation());
        o.put("embeddings", DeepmdTree.collection(d.embeddings(), d.typeOneSide() ? 1 : 2, t, "embedding_network"));
        Map<String, Object> env = new DeepmdTree.TreeMapWithOrder();
        env.put("rcut", d.rcut());
        env.put("rcut_smth", d.rcutSmth());
        o.put("env_mat", env);
        o.put("env_protection", 0.0);
        o.put("exclude_types", new ArrayList<>());
        o.put("neuron", DeepmdTree.ints(d.neuron()));
        o.put("precision", d.precision());
        o.put("rcut", d.rcut());
        o.put("rcut_smth", d.rcutSmth());
        o.put("resnet_dt", d.resnetDt());
        o.put("sel", DeepmdTree.ints(d.sel()));
        o.put("set_davg_zero", d.setDavgZero());
        o.put("spin", null);
        o.put("trainable", d.trainable());
        o.put("type", "se_r");
        o.put("type_map", new ArrayList<>(typeMap));
        o.put("type_one_side", d.typeOneSide());
        return o;
    }

    @Override
    public Map<String, Object> script(Descriptor descriptor) {
        SeRDescriptor d = (SeRDescriptor) descriptor;
        Map<String, Object> desc = new DeepmdTree.TreeMapWithOrder();
        desc.put("type", "se_e2_r");
        desc.put("sel", DeepmdTree.ints(d.sel()));
        desc.put("rcut_smth", d.rcutSmth());
        desc.put("rcut", d.rcut());
        desc.put("neuron", DeepmdTree.ints(d.neuron()));
        desc.put("resnet_dt", d.resnetDt());
        desc.put("type_one_side", d.typeOneSide());
        desc.put("activation_function", d.activation());
        desc.put("precision", d.precision());
        return desc;
    }
}
