package org.dpspark.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The part of DeePMD-kit's serialization that se_e2_a ({@link SeAFormat}) and se_e2_r ({@link SeRFormat}) share
 * (deepmd/dpmodel/descriptor/se_e2_a.py and se_r.py {@code serialize()}, version 2): sel, neuron, the cutoffs and
 * their {@code env_mat} copy, the options, davg/dstd of shape T×N×C (C = 4 or 1) and the embedding nets as a
 * {@code NetworkCollection} of one (type one side) or two dimensions. Refused with the key named: type-pair
 * exclusion, env_protection, spin.
 */
final class SeEmbeddingFormat {
    private SeEmbeddingFormat() {}

    /** What {@link #read} takes from a descriptor node besides the cutoffs and the boolean options. */
    record Parts(int[] sel, int[] neuron, boolean typeOneSide, String activation, double[] davg, double[] dstd,
            List<DenseNet> embeddings) {}

    /**
     * The shared keys of descriptor node {@code d} of a model with {@code t} types; {@code columns} = C of davg/dstd,
     * {@code kind} the descriptor's name for the exclusion error.
     */
    static Parts read(TreeAccess d, int t, int columns, String kind) {
        d.requireDefault("exclude_types", "type-pair exclusion is not implemented for " + kind);
        d.requireDefault("env_protection", "env_protection is not implemented");
        d.requireDefault("spin", "spin is not implemented");
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
        DeepmdTree.expectShape(davg, vars.path + "/davg", t, nnei, columns);
        DeepmdTree.expectShape(dstd, vars.path + "/dstd", t, nnei, columns);
        List<DenseNet> nets = DeepmdTree.collection(d.child("embeddings"), oneSide ? 1 : 2, t, "embedding_network");
        checkEnvMat(d);
        return new Parts(sel, neuron, oneSide, act, davg.data(), dstd.data(), nets);
    }

    /** An {@code env_mat} node, if present, must repeat the descriptor's cutoffs. */
    static void checkEnvMat(TreeAccess d) {
        if (!d.has("env_mat")) return;
        TreeAccess em = d.child("env_mat");
        if (em.has("rcut") && em.dbl("rcut") != d.dbl("rcut") || em.has("rcut_smth") && em.dbl("rcut_smth") != d.dbl("rcut_smth")) {
            throw new IllegalArgumentException("env_mat cutoffs differ from the descriptor's at " + em.path);
        }
    }

    /** The {@code env_mat} node DeePMD-kit writes. */
    static Map<String, Object> envMat(double rcut, double rcutSmth) {
        Map<String, Object> env = new DeepmdTree.TreeMapWithOrder();
        env.put("rcut", rcut);
        env.put("rcut_smth", rcutSmth);
        return env;
    }

    /**
     * The shared keys of a serialized descriptor of {@code type} (a sorted map; the caller adds its own keys, e.g.
     * axis_neuron).
     */
    static Map<String, Object> write(String type, Descriptor d, int[] neuron, boolean typeOneSide, boolean resnetDt,
            String activation, boolean setDavgZero, boolean trainable, double[] davg, double[] dstd, int columns,
            List<DenseNet> embeddings, List<String> typeMap) {
        int t = d.ntypes(), nnei = d.nnei();
        Map<String, Object> o = new DeepmdTree.TreeMapWithOrder();
        o.put("@class", "Descriptor");
        Map<String, Object> vars = new DeepmdTree.TreeMapWithOrder();
        vars.put("davg", NdArray.of(d.precision(), davg.clone(), t, nnei, columns));
        vars.put("dstd", NdArray.of(d.precision(), dstd.clone(), t, nnei, columns));
        o.put("@variables", vars);
        o.put("@version", 2);
        o.put("activation_function", activation);
        o.put("embeddings", DeepmdTree.collection(embeddings, typeOneSide ? 1 : 2, t, "embedding_network"));
        o.put("env_mat", envMat(d.rcut(), d.rcutSmth()));
        o.put("env_protection", 0.0);
        o.put("exclude_types", new ArrayList<>());
        o.put("neuron", DeepmdTree.ints(neuron));
        o.put("precision", d.precision());
        o.put("rcut", d.rcut());
        o.put("rcut_smth", d.rcutSmth());
        o.put("resnet_dt", resnetDt);
        o.put("sel", DeepmdTree.ints(d.sel()));
        o.put("set_davg_zero", setDavgZero);
        o.put("spin", null);
        o.put("trainable", trainable);
        o.put("type", type);
        o.put("type_map", new ArrayList<>(typeMap));
        o.put("type_one_side", typeOneSide);
        return o;
    }

    /** The shared keys of the {@code descriptor} section of DeePMD-kit's input script. */
    static Map<String, Object> script(String type, Descriptor d, int[] neuron, boolean resnetDt, boolean typeOneSide,
            String activation) {
        Map<String, Object> desc = new DeepmdTree.TreeMapWithOrder();
        desc.put("type", type);
        desc.put("sel", DeepmdTree.ints(d.sel()));
        desc.put("rcut_smth", d.rcutSmth());
        desc.put("rcut", d.rcut());
        desc.put("neuron", DeepmdTree.ints(neuron));
        desc.put("resnet_dt", resnetDt);
        desc.put("type_one_side", typeOneSide);
        desc.put("activation_function", activation);
        desc.put("precision", d.precision());
        return desc;
    }
}
