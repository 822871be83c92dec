package org.dpspark.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DPA-1's DeePMD-kit serialization ({@code DescrptDPA1.serialize()}, deepmd/dpmodel/descriptor/dpa1.py, version 2;
 * {@code type} dpa1, alias se_atten) and se_atten_v2's ({@code DescrptSeAttenV2.serialize()}, type se_atten_v2: the
 * same keys without tebd_input_mode and smooth_type_embedding, plus {@code embeddings_strip}): davg/dstd T×N×4, the
 * embedding net as a {@code NetworkCollection} of dimension 0, the {@code TypeEmbedNet}, the
 * {@code NeighborGatedAttention} with its layers (in_proj, out_proj, attn_layer_norm).
 *
 * <p>Refused with the key named: type-pair exclusion, env_protection, spin, attn_mask, electronic-configuration type
 * embeddings (use_econf_tebd), several attention heads, lmax ≠ 1 (version 4) and compressed descriptors (version 3).
 */
final class SeAttenFormat implements DescriptorFormat {
    private final boolean v2;

    /** @param v2 the se_atten_v2 format (else DPA-1's dpa1/se_atten) */
    SeAttenFormat(boolean v2) { this.v2 = v2; }

    @Override
    public String type() { return v2 ? "se_atten_v2" : "se_atten"; }

    @Override
    public List<String> aliases() { return v2 ? List.of() : List.of("dpa1"); }

    @Override
    public Class<SeAttenDescriptor> descriptorClass() { return SeAttenDescriptor.class; }

    @Override
    public SeAttenDescriptor read(TreeAccess d, int t) {
        d.requireDefault("exclude_types", "type-pair exclusion is not implemented for se_atten");
        d.requireDefault("env_protection", "env_protection is not implemented");
        d.requireDefault("spin", "spin is not implemented");
        d.requireDefault("attn_mask", "attn_mask is not implemented (DeePMD-kit refuses it too)");
        d.requireDefault("use_econf_tebd", "electronic-configuration type embedding is not implemented");
        d.requireDefault("compress", "compressed (tabulated) se_atten is not implemented");
        if (d.intOr("lmax", 1) != 1) {
            throw new UnsupportedModelException("unsupported option lmax = " + d.raw("lmax") + " at " + d.path
                    + ": only lmax 1 (DPA-1's R̃ moments) is implemented");
        }
        if (d.has("ntypes") && d.integer("ntypes") != t) throw new IllegalArgumentException("ntypes " + d.raw("ntypes") + " != " + t + " at " + d.path);
        int nnei = 0;
        if (d.raw("sel") instanceof Number) nnei = d.integer("sel");
        else for (int s : d.ints("sel")) nnei += s;
        String mode = v2 ? "strip" : d.strOr("tebd_input_mode", "concat");
        if (!mode.equals("concat") && !mode.equals("strip")) {
            throw new UnsupportedModelException("unsupported tebd_input_mode '" + mode + "' at " + d.path + " (supported: concat, strip)");
        }
        boolean stripped = mode.equals("strip");
        boolean smooth = v2 || d.boolOr("smooth_type_embedding", true);
        String act = d.strOr("activation_function", "tanh");
        Activation.of(act);
        TreeAccess vars = d.child("@variables");
        NdArray davg = vars.array("davg", false);
        NdArray dstd = vars.array("dstd", false);
        DeepmdTree.expectShape(davg, vars.path + "/davg", t, nnei, 4);
        DeepmdTree.expectShape(dstd, vars.path + "/dstd", t, nnei, 4);
        SeEmbeddingFormat.checkEnvMat(d);
        DenseNet embedding = DeepmdTree.collection(d.child("embeddings"), 0, t, "embedding_network").get(0);
        DenseNet strip = stripped ? DeepmdTree.collection(d.child("embeddings_strip"), 0, t, "embedding_network").get(0) : null;
        TreeAccess te = d.child("type_embedding");
        te.expectClass("TypeEmbedNet", 2);
        te.requireDefault("use_econf_tebd", "electronic-configuration type embedding is not implemented");
        if (!te.boolOr("padding", true)) throw new UnsupportedModelException("unsupported type embedding without padding at " + te.path);
        DenseNet typeEmbedding = DeepmdTree.network(te.child("embedding"), false);
        int attn = d.intOr("attn", 128);
        boolean dotr = d.boolOr("attn_dotr", true);
        boolean normalize = d.boolOr("normalize", true);
        double scaling = d.has("scaling_factor") && d.raw("scaling_factor") != null ? d.dbl("scaling_factor") : 1.0;
        Double temperature = d.raw("temperature") == null ? null : d.dbl("temperature");
        double lnEps = d.raw("ln_eps") == null ? 1e-5 : d.dbl("ln_eps");
        List<AttentionLayer> layers = attention(d.child("attention_layers"), d.intOr("attn_layer", 2), dotr, normalize,
                scaling, temperature, smooth);
        return new SeAttenDescriptor(d.dbl("rcut"), d.dbl("rcut_smth"), t, nnei, d.ints("neuron"), d.intOr("axis_neuron", 4),
                d.intOr("tebd_dim", 8), stripped, v2, d.boolOr("resnet_dt", false), d.boolOr("type_one_side", false), attn,
                dotr, normalize, scaling, temperature, d.boolOr("trainable_ln", true), lnEps, smooth,
                d.boolOr("concat_output_tebd", true), act, d.strOr("precision", "float64"), d.boolOr("set_davg_zero", false),
                d.boolOr("trainable", true), d.boolOr("use_tebd_bias", false), davg.data(), dstd.data(), typeEmbedding,
                embedding, strip, layers);
    }

    /** The layers of a {@code NeighborGatedAttention} node; each must repeat the descriptor's attention options. */
    private static List<AttentionLayer> attention(TreeAccess a, int count, boolean dotr, boolean normalize, double scaling,
            Double temperature, boolean smooth) {
        a.expectClass("NeighborGatedAttention", 1);
        if (a.intOr("layer_num", count) != count) {
            throw new IllegalArgumentException("layer_num " + a.raw("layer_num") + " != attn_layer " + count + " at " + a.path);
        }
        a.requireDefault("do_mask", "attn_mask is not implemented");
        List<?> raw = a.list("attention_layers");
        if (raw.size() != count) throw new IllegalArgumentException(a.path + "/attention_layers has " + raw.size() + " layers, attn_layer is " + count);
        List<AttentionLayer> out = new ArrayList<>();
        for (int k = 0; k < raw.size(); k++) {
            TreeAccess l = TreeAccess.of(raw.get(k), a.path + "/attention_layers/" + k);
            TreeAccess g = l.child("attention_layer");
            if (g.intOr("num_heads", 1) != 1) {
                throw new UnsupportedModelException("unsupported num_heads = " + g.raw("num_heads") + " at " + g.path + ": one attention head only");
            }
            g.requireDefault("do_mask", "attn_mask is not implemented");
            same(g, "dotr", g.boolOr("dotr", dotr) == dotr);
            same(g, "normalize", g.boolOr("normalize", normalize) == normalize);
            same(g, "smooth", g.boolOr("smooth", smooth) == smooth);
            same(g, "temperature", temperature == null ? g.raw("temperature") == null
                    : g.raw("temperature") != null && g.dbl("temperature") == temperature);
            same(g, "scaling_factor", g.raw("scaling_factor") == null || g.dbl("scaling_factor") == scaling);
            TreeAccess ln = l.child("attn_layer_norm");
            ln.expectClass("LayerNorm", 1);
            TreeAccess lv = ln.child("@variables");
            NetLayer in = DeepmdTree.layer(g.child("in_proj"));
            NetLayer outProj = DeepmdTree.layer(g.child("out_proj"));
            double eps = ln.raw("eps") == null ? 1e-5 : ln.dbl("eps");
            out.add(new AttentionLayer(in, outProj, lv.array("w", false).data(), lv.array("b", false).data(), eps));
        }
        return out;
    }

    private static void same(TreeAccess g, String key, boolean ok) {
        if (!ok) throw new UnsupportedModelException("attention layer option " + key + " = " + g.raw(key) + " at " + g.path
                + " differs from the descriptor's: per-layer options are not implemented");
    }

    @Override
    public Map<String, Object> write(Descriptor descriptor, List<String> typeMap) {
        SeAttenDescriptor d = (SeAttenDescriptor) descriptor;
        int t = d.ntypes(), nnei = d.nnei(), m = d.embeddingWidth();
        Map<String, Object> o = new DeepmdTree.TreeMapWithOrder();
        o.put("@class", "Descriptor");
        Map<String, Object> vars = new DeepmdTree.TreeMapWithOrder();
        vars.put("davg", NdArray.of(d.precision(), d.davg().clone(), t, nnei, 4));
        vars.put("dstd", NdArray.of(d.precision(), d.dstd().clone(), t, nnei, 4));
        o.put("@variables", vars);
        o.put("@version", 2);
        o.put("activation_function", d.activation());
        o.put("attention_layers", attention(d, m));
        o.put("attn", d.attn());
        o.put("attn_dotr", d.attnDotr());
        o.put("attn_layer", d.attentionLayers().size());
        o.put("attn_mask", false);
        o.put("axis_neuron", d.axisNeuron());
        o.put("concat_output_tebd", d.concatOutputTebd());
        o.put("embeddings", DeepmdTree.collection(List.of(d.embedding()), 0, t, "embedding_network"));
        if (d.stripped()) o.put("embeddings_strip", DeepmdTree.collection(List.of(d.embeddingStrip()), 0, t, "embedding_network"));
        Map<String, Object> env = SeEmbeddingFormat.envMat(d.rcut(), d.rcutSmth());
        env.put("protection", 0.0);
        env.put("use_exp_switch", false);
        o.put("env_mat", env);
        o.put("env_protection", 0.0);
        o.put("exclude_types", new ArrayList<>());
        o.put("ln_eps", d.lnEps());
        o.put("neuron", DeepmdTree.ints(d.neuron()));
        o.put("normalize", d.normalize());
        o.put("ntypes", t);
        o.put("precision", d.precision());
        o.put("rcut", d.rcut());
        o.put("rcut_smth", d.rcutSmth());
        o.put("resnet_dt", d.resnetDt());
        o.put("scaling_factor", d.scalingFactor());
        o.put("sel", DeepmdTree.ints(d.sel()));
        o.put("set_davg_zero", d.setDavgZero());
        if (!d.v2()) o.put("smooth_type_embedding", d.smooth());
        o.put("spin", null);
        o.put("tebd_dim", d.tebdDim());
        if (!d.v2()) o.put("tebd_input_mode", d.stripped() ? "strip" : "concat");
        o.put("temperature", d.temperature());
        o.put("trainable", d.trainable());
        o.put("trainable_ln", d.trainableLn());
        o.put("type", d.v2() ? "se_atten_v2" : "dpa1");
        o.put("type_embedding", typeEmbedding(d, typeMap));
        o.put("type_map", new ArrayList<>(typeMap));
        o.put("type_one_side", d.typeOneSide());
        o.put("use_econf_tebd", false);
        o.put("use_tebd_bias", d.useTebdBias());
        return o;
    }

    private static Map<String, Object> typeEmbedding(SeAttenDescriptor d, List<String> typeMap) {
        Map<String, Object> o = new DeepmdTree.TreeMapWithOrder();
        o.put("@class", "TypeEmbedNet");
        o.put("@version", 2);
        o.put("activation_function", d.typeEmbedding().activation());
        o.put("embedding", DeepmdTree.network(d.typeEmbedding()));
        o.put("neuron", DeepmdTree.ints(d.typeEmbedding().neuron()));
        o.put("ntypes", d.ntypes());
        o.put("padding", true);
        o.put("precision", d.precision());
        o.put("resnet_dt", d.typeEmbedding().resnetDt());
        o.put("trainable", d.trainable());
        o.put("type_map", new ArrayList<>(typeMap));
        o.put("use_econf_tebd", false);
        o.put("use_tebd_bias", d.useTebdBias());
        return o;
    }

    private static Map<String, Object> attention(SeAttenDescriptor d, int m) {
        Map<String, Object> o = new DeepmdTree.TreeMapWithOrder();
        o.put("@class", "NeighborGatedAttention");
        o.put("@version", 1);
        List<Object> layers = new ArrayList<>();
        for (AttentionLayer l : d.attentionLayers()) {
            Map<String, Object> g = options(d, m);
            g.put("bias", l.inProj().b() != null);
            g.put("in_proj", DeepmdTree.layer(l.inProj()));
            g.put("num_heads", 1);
            g.put("out_proj", DeepmdTree.layer(l.outProj()));
            g.put("smooth", d.smooth());
            Map<String, Object> ln = new DeepmdTree.TreeMapWithOrder();
            ln.put("@class", "LayerNorm");
            Map<String, Object> lv = new DeepmdTree.TreeMapWithOrder();
            lv.put("b", NdArray.of(d.precision(), l.lnBias().clone(), m));
            lv.put("w", NdArray.of(d.precision(), l.lnWeight().clone(), m));
            ln.put("@variables", lv);
            ln.put("@version", 1);
            ln.put("eps", l.lnEps());
            ln.put("precision", d.precision());
            ln.put("trainable", d.trainableLn());
            Map<String, Object> layer = options(d, m);
            layer.put("attention_layer", g);
            layer.put("attn_layer_norm", ln);
            layer.put("ln_eps", l.lnEps());
            layer.put("trainable_ln", d.trainableLn());
            layers.add(layer);
        }
        o.put("attention_layers", layers);
        o.putAll(options(d, m));
        o.put("layer_num", d.attentionLayers().size());
        o.put("ln_eps", d.lnEps());
        o.put("trainable_ln", d.trainableLn());
        return o;
    }

    /** The options every level of DeePMD-kit's attention node repeats. */
    private static Map<String, Object> options(SeAttenDescriptor d, int m) {
        Map<String, Object> o = new DeepmdTree.TreeMapWithOrder();
        o.put("do_mask", false);
        o.put("dotr", d.attnDotr());
        o.put("embed_dim", m);
        o.put("hidden_dim", d.attn());
        o.put("nnei", d.nnei());
        o.put("normalize", d.normalize());
        o.put("precision", d.precision());
        o.put("scaling_factor", d.scalingFactor());
        o.put("temperature", d.temperature());
        return o;
    }

    @Override
    public Map<String, Object> script(Descriptor descriptor) {
        SeAttenDescriptor d = (SeAttenDescriptor) descriptor;
        Map<String, Object> s = SeEmbeddingFormat.script(d.v2() ? "se_atten_v2" : "se_atten", d, d.neuron(), d.resnetDt(),
                d.typeOneSide(), d.activation());
        s.put("sel", d.nnei());
        s.put("axis_neuron", d.axisNeuron());
        s.put("tebd_dim", d.tebdDim());
        if (!d.v2()) s.put("tebd_input_mode", d.stripped() ? "strip" : "concat");
        s.put("attn", d.attn());
        s.put("attn_layer", d.attentionLayers().size());
        s.put("attn_dotr", d.attnDotr());
        s.put("attn_mask", false);
        s.put("normalize", d.normalize());
        s.put("scaling_factor", d.scalingFactor());
        s.put("temperature", d.temperature());
        s.put("ln_eps", d.lnEps());
        s.put("trainable_ln", d.trainableLn());
        if (!d.v2()) s.put("smooth_type_embedding", d.smooth());
        s.put("concat_output_tebd", d.concatOutputTebd());
        s.put("use_tebd_bias", d.useTebdBias());
        return s;
    }
}
