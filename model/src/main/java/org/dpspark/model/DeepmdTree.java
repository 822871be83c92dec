package org.dpspark.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between {@link DeepPotModel} and DeePMD-kit's serialization tree: the dict produced by
 * {@code BaseModel.serialize()} (deepmd/dpmodel/model/make_model.py, base_atomic_model.py), wrapped as
 * {@code save_dp_model} writes it (deepmd/dpmodel/utils/serialization.py). Array variables are {@link NdArray}s.
 *
 * <p>Supported: {@code Model} (type standard) → {@code Descriptor} of a kind in {@link DescriptorRegistry} (se_e2_a
 * alias se_a, se_e2_r alias se_r) + {@code Fitting} ener,
 * {@code NetworkCollection} of {@code EmbeddingNetwork}/{@code FittingNetwork} of {@code Layer}s. Everything
 * that changes predictions and that dpspark does not implement is refused with an
 * {@link UnsupportedModelException} naming the key (exclude types, spin, env_protection, aparam as mask, case embedding,
 * atom_ener, case embedding, dim_out ≠ 1, other descriptors/fittings/models).
 *
 * <p>Export writes exactly the keys, {@code @class} names and {@code @version}s that DeePMD-kit v3 wrote for
 * {@code deeppot_sea.yaml} (Model 2, Descriptor 2, NetworkCollection 1, EmbeddingNetwork 2, FittingNetwork 1,
 * Layer 1, Fitting 2, np.ndarray 1) with the same array shapes. Keys are kept sorted as PyYAML's
 * {@code safe_dump} writes them.
 */
final class DeepmdTree {
    private DeepmdTree() {}

    // ---------------------------------------------------------------- import

    static DeepPotModel fromTree(Map<String, Object> rootMap, String source) {
        TreeAccess root = TreeAccess.of(rootMap, source + ":");
        TreeAccess model = root.child("model");
        model.expectClass("Model", 2);
        String type = model.strOr("type", "standard");
        if (!type.equals("standard")) {
            throw new UnsupportedModelException("unsupported model type '" + type + "' at " + model.path
                    + " (supported: standard, i.e. one descriptor + one fitting)");
        }
        model.requireDefault("atom_exclude_types", "atom exclusion is not implemented");
        model.requireDefault("pair_exclude_types", "pair exclusion is not implemented");
        model.requireDefault("spin", "spin models are not implemented");
        List<String> typeMap = strings(model.list("type_map"), model.path + "/type_map");
        int t = typeMap.size();

        TreeAccess d = model.child("descriptor");
        d.expectClass("Descriptor", 2);
        Descriptor descriptor = DescriptorRegistry.forType(d.str("type"), d.path).read(d, t);
        EnerFitting fitting = fitting(model.child("fitting"), t, descriptor.dimOut());

        TreeAccess vars = model.child("@variables");
        double[] outBias = perType(vars.array("out_bias", true), t, 0.0, vars.path + "/out_bias");
        double[] outStd = perType(vars.array("out_std", true), t, 1.0, vars.path + "/out_std");

        Map<String, Object> options = new LinkedHashMap<>();
        options.put("model.preset_out_bias", model.raw("preset_out_bias"));
        options.put("model.rcond", model.raw("rcond"));
        TreeAccess fit = model.child("fitting");
        options.put("fitting.tot_ener_zero", fit.boolOr("tot_ener_zero", false));
        options.put("fitting.layer_name", fit.raw("layer_name"));
        options.put("fitting.use_aparam_as_mask", fit.boolOr("use_aparam_as_mask", false));
        if (fit.boolOr("mixed_types", false)) options.put("fitting.mixed_types", true);

        @SuppressWarnings("unchecked")
        Map<String, Object> script = (Map<String, Object>) (root.raw("model_def_script") instanceof Map
                ? root.raw("model_def_script") : root.raw("model_param") instanceof Map ? root.raw("model_param") : null);

        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("imported_from", source);
        for (String k : new String[] {"software", "version", "backend", "time", "pt_version", "tf_version"}) {
            if (root.raw(k) != null) prov.put("source_" + k, String.valueOf(root.raw(k)));
        }
        return new DeepPotModel(typeMap, descriptor, fitting, outBias, outStd, script, options, prov, null);
    }

    private static EnerFitting fitting(TreeAccess f, int t, int dimDescrpt) {
        f.expectClass("Fitting", 4);
        String type = f.str("type");
        if (!type.equals("ener")) {
            throw new UnsupportedModelException("unsupported fitting type '" + type + "' at " + f.path + " (supported: ener)");
        }
        int nfp = f.intOr("numb_fparam", 0), nap = f.intOr("numb_aparam", 0);
        if (nap > 0 && f.boolOr("use_aparam_as_mask", false)) {
            throw new UnsupportedModelException("unsupported option use_aparam_as_mask = true at " + f.path
                    + ": aparam as an atom mask is not implemented");
        }
        f.requireDefault("dim_case_embd", "case embedding is not implemented");
        f.requireDefault("exclude_types", "atom-type exclusion is not implemented");
        f.requireDefault("spin", "spin is not implemented");
        Object atomEner = f.raw("atom_ener");
        if (atomEner instanceof List && ((List<?>) atomEner).stream().anyMatch(x -> x != null)) {
            throw new UnsupportedModelException("unsupported option atom_ener = " + atomEner + " at " + f.path
                    + ": vacuum-energy removal is not implemented");
        }
        if (f.intOr("dim_out", 1) != 1) throw new UnsupportedModelException("unsupported dim_out " + f.raw("dim_out") + " at " + f.path);
        if (f.intOr("dim_descrpt", dimDescrpt) != dimDescrpt) {
            throw new IllegalArgumentException("dim_descrpt " + f.raw("dim_descrpt") + " != descriptor width " + dimDescrpt + " at " + f.path);
        }
        String act = f.strOr("activation_function", "tanh");
        Activation.of(act);
        int[] neuron = f.ints("neuron");
        TreeAccess vars = f.child("@variables");
        if (vars.raw("case_embd") != null) throw new UnsupportedModelException("unsupported variable case_embd at " + vars.path);
        double[] fpAvg = params(vars, "fparam_avg", nfp), fpInv = params(vars, "fparam_inv_std", nfp);
        double[] apAvg = params(vars, "aparam_avg", nap), apInv = params(vars, "aparam_inv_std", nap);
        double[] dflt = null;
        if (f.raw("default_fparam") != null) {
            List<?> l = f.list("default_fparam");
            dflt = new double[l.size()];
            for (int k = 0; k < dflt.length; k++) {
                if (!(l.get(k) instanceof Number x)) throw new IllegalArgumentException("expected numbers at " + f.path + "/default_fparam");
                dflt[k] = x.doubleValue();
            }
        }
        double[] bias = perType(vars.array("bias_atom_e", false), t, 0.0, vars.path + "/bias_atom_e");
        // mixed_types (DPA-1 and the other type-embedding descriptors): one net for every type, NetworkCollection ndim 0;
        // held as the same net once per type, and written back as one (the option is kept in deepmdOptions)
        boolean mixed = f.boolOr("mixed_types", false);
        List<DenseNet> nets = collection(f.child("nets"), mixed ? 0 : 1, t, "fitting_network");
        if (mixed) nets = java.util.Collections.nCopies(t, nets.get(0));
        boolean[] trainable = new boolean[neuron.length + 1];
        Arrays.fill(trainable, true);
        Object tr = f.raw("trainable");
        if (tr instanceof Boolean) {
            Arrays.fill(trainable, (Boolean) tr);
        } else if (tr instanceof List && ((List<?>) tr).size() == trainable.length) {
            for (int i = 0; i < trainable.length; i++) trainable[i] = Boolean.TRUE.equals(((List<?>) tr).get(i));
        }
        Double rcond = f.raw("rcond") == null ? null : f.dbl("rcond");
        for (DenseNet n : nets) {
            if (n.inDim() != dimDescrpt + nfp + nap) {
                throw new IllegalArgumentException("fitting nets take " + n.inDim() + " inputs at " + f.path + "/nets, expected"
                        + " dim_descrpt " + dimDescrpt + " + numb_fparam " + nfp + " + numb_aparam " + nap);
            }
        }
        return new EnerFitting(neuron, f.boolOr("resnet_dt", true), act, f.strOr("precision", "float64"), nets, bias,
                trainable, rcond, nfp, nap, fpAvg, fpInv, apAvg, apInv, dflt);
    }

    /** The n values of a fparam/aparam statistics variable (any shape of n values); must be absent when n = 0. */
    private static double[] params(TreeAccess vars, String key, int n) {
        NdArray a = vars.array(key, true);
        if (n == 0) {
            if (a != null && a.size() > 0) {
                throw new IllegalArgumentException(vars.path + "/" + key + " is set but numb_" + key.substring(0, 6) + " is 0");
            }
            return null;
        }
        if (a == null || a.size() != n) {
            throw new IllegalArgumentException(vars.path + "/" + key + " needs " + n + " values (numb_" + key.substring(0, 6)
                    + " = " + n + "), got " + (a == null ? "none" : a));
        }
        return a.data().clone();
    }

    static List<DenseNet> collection(TreeAccess c, int ndim, int t, String networkType) {
        c.expectClass("NetworkCollection", 1);
        if (c.integer("ndim") != ndim) {
            throw new UnsupportedModelException("NetworkCollection at " + c.path + " has ndim " + c.integer("ndim") + ", expected " + ndim);
        }
        if (c.integer("ntypes") != t) throw new IllegalArgumentException("ntypes " + c.integer("ntypes") + " != " + t + " at " + c.path);
        String nt = c.strOr("network_type", networkType);
        if (!nt.equals(networkType)) throw new UnsupportedModelException("unsupported network_type '" + nt + "' at " + c.path);
        List<?> raw = c.list("networks");
        int expected = ndim == 0 ? 1 : ndim == 1 ? t : t * t;
        if (raw.size() != expected) throw new IllegalArgumentException(c.path + "/networks has " + raw.size() + " nets, expected " + expected);
        List<DenseNet> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String p = c.path + "/networks/" + i;
            if (raw.get(i) == null) throw new UnsupportedModelException("missing network " + i + " at " + p);
            out.add(network(TreeAccess.of(raw.get(i), p), networkType.equals("fitting_network")));
        }
        return out;
    }

    static DenseNet network(TreeAccess n, boolean fitting) {
        if (fitting) n.expectClass("FittingNetwork", 1);
        else n.expectClass("EmbeddingNetwork", 2);
        List<?> rawLayers = n.list("layers");
        List<NetLayer> layers = new ArrayList<>();
        for (int i = 0; i < rawLayers.size(); i++) {
            layers.add(layer(TreeAccess.of(rawLayers.get(i), n.path + "/layers/" + i)));
        }
        int[] neuron = n.ints("neuron");
        int inDim = n.integer("in_dim");
        if (fitting) {
            return new DenseNet(DenseNet.Kind.FITTING, inDim, n.integer("out_dim"), neuron, n.strOr("activation_function", "tanh"),
                    n.boolOr("resnet_dt", false), n.strOr("precision", "float64"), n.boolOr("bias_out", true), layers);
        }
        return new DenseNet(DenseNet.Kind.EMBEDDING, inDim, neuron[neuron.length - 1], neuron, n.strOr("activation_function", "tanh"),
                n.boolOr("resnet_dt", false), n.strOr("precision", "float64"), n.boolOr("bias", true), layers);
    }

    static NetLayer layer(TreeAccess l) {
        l.expectClass("Layer", 2);
        TreeAccess v = l.child("@variables");
        NdArray w = v.array("w", false);
        if (w.ndim() != 2) throw new IllegalArgumentException("w must be 2-d at " + v.path + ", got " + w);
        NdArray b = v.array("b", true);
        NdArray idt = v.array("idt", true);
        return new NetLayer(w.shape()[0], w.shape()[1], w.data(), b == null ? null : b.data(), idt == null ? null : idt.data(),
                l.strOr("activation_function", "none"), l.boolOr("resnet", false), l.strOr("precision", "float64"));
    }

    static void expectShape(NdArray a, String path, int... shape) {
        if (!Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException(path + " has shape " + Arrays.toString(a.shape()) + ", expected " + Arrays.toString(shape));
        }
    }

    /** A per-type array of T values (any shape with T·1 values after squeezing leading/trailing 1s). */
    private static double[] perType(NdArray a, int t, double dflt, String path) {
        if (a == null) {
            double[] d = new double[t];
            Arrays.fill(d, dflt);
            return d;
        }
        if (a.size() != t) throw new UnsupportedModelException(path + " has shape " + Arrays.toString(a.shape())
                + "; only one energy output per type (" + t + " values) is supported");
        return a.data().clone();
    }

    private static List<String> strings(List<?> l, String path) {
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String)) throw new IllegalArgumentException("expected strings at " + path);
            out.add((String) o);
        }
        return out;
    }

    // ---------------------------------------------------------------- export

    static Map<String, Object> toTree(DeepPotModel m) {
        Map<String, Object> root = new TreeMapWithOrder();
        root.put("@variables", new TreeMapWithOrder());
        root.put("backend", "dpspark");
        root.put("model", model(m));
        root.put("model_def_script", m.modelDefScript() != null ? m.modelDefScript() : defaultScript(m));
        root.put("software", "dpspark");
        root.put("time", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).toString());
        Package p = DeepmdTree.class.getPackage();
        root.put("version", p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "unknown");
        return root;
    }

    private static Map<String, Object> model(DeepPotModel m) {
        int t = m.ntypes();
        Map<String, Object> o = new TreeMapWithOrder();
        o.put("@class", "Model");
        Map<String, Object> vars = new TreeMapWithOrder();
        vars.put("out_bias", NdArray.of("float64", m.outBias().clone(), 1, t, 1));
        vars.put("out_std", NdArray.of("float64", m.outStd().clone(), 1, t, 1));
        o.put("@variables", vars);
        o.put("@version", 2);
        o.put("atom_exclude_types", new ArrayList<>());
        o.put("descriptor", DescriptorRegistry.forDescriptor(m.descriptor()).write(m.descriptor(), m.typeMap()));
        o.put("fitting", fitting(m.fitting(), m.typeMap(), m.descriptor().dimOut(), m.deepmdOptions()));
        o.put("pair_exclude_types", new ArrayList<>());
        o.put("preset_out_bias", m.deepmdOptions().get("model.preset_out_bias"));
        o.put("rcond", m.deepmdOptions().get("model.rcond"));
        o.put("type", "standard");
        o.put("type_map", new ArrayList<>(m.typeMap()));
        return o;
    }

    private static Map<String, Object> fitting(EnerFitting f, List<String> typeMap, int dimDescrpt, Map<String, Object> opts) {
        int t = f.ntypes();
        Map<String, Object> o = new TreeMapWithOrder();
        o.put("@class", "Fitting");
        Map<String, Object> vars = new TreeMapWithOrder();
        vars.put("aparam_avg", vector(f.precision(), f.aparamAvg()));
        vars.put("aparam_inv_std", vector(f.precision(), f.aparamInvStd()));
        vars.put("bias_atom_e", NdArray.of(f.precision(), f.biasAtomE().clone(), t, 1));
        vars.put("fparam_avg", vector(f.precision(), f.fparamAvg()));
        vars.put("fparam_inv_std", vector(f.precision(), f.fparamInvStd()));
        // version 2 as deeppot_sea.yaml; default_fparam came with version 4 (and case embedding, version 3, with it)
        boolean v4 = f.defaultFparam() != null;
        if (v4) vars.put("case_embd", null);
        o.put("@variables", vars);
        o.put("@version", v4 ? 4 : 2);
        if (v4) {
            List<Object> d = new ArrayList<>();
            for (double x : f.defaultFparam()) d.add(x);
            o.put("default_fparam", d);
            o.put("dim_case_embd", 0);
        }
        o.put("activation_function", f.activation());
        o.put("atom_ener", null);
        o.put("dim_descrpt", dimDescrpt);
        o.put("dim_out", 1);
        o.put("exclude_types", new ArrayList<>());
        o.put("layer_name", opts.get("fitting.layer_name"));
        boolean mixed = Boolean.TRUE.equals(opts.get("fitting.mixed_types"));
        if (mixed && f.nets().stream().anyMatch(n -> n != f.nets().get(0))) {
            throw new IllegalStateException("fitting.mixed_types needs one fitting net shared by every type");
        }
        o.put("mixed_types", mixed);
        o.put("nets", mixed ? collection(f.nets().subList(0, 1), 0, t, "fitting_network") : collection(f.nets(), 1, t, "fitting_network"));
        o.put("neuron", ints(f.neuron()));
        o.put("ntypes", t);
        o.put("numb_aparam", f.numbAparam());
        o.put("numb_fparam", f.numbFparam());
        o.put("precision", f.precision());
        o.put("rcond", f.rcond());
        o.put("resnet_dt", f.resnetDt());
        o.put("spin", null);
        o.put("tot_ener_zero", Boolean.TRUE.equals(opts.get("fitting.tot_ener_zero")));
        List<Object> tr = new ArrayList<>();
        for (boolean b : f.trainable()) tr.add(b);
        o.put("trainable", tr);
        o.put("type", "ener");
        o.put("type_map", new ArrayList<>(typeMap));
        o.put("use_aparam_as_mask", Boolean.TRUE.equals(opts.get("fitting.use_aparam_as_mask")));
        o.put("var_name", "energy");
        return o;
    }

    static NdArray vector(String precision, double[] v) {
        return v == null ? null : NdArray.of(precision, v.clone(), v.length);
    }

    static Map<String, Object> collection(List<DenseNet> nets, int ndim, int t, String type) {
        Map<String, Object> o = new TreeMapWithOrder();
        o.put("@class", "NetworkCollection");
        o.put("@version", 1);
        o.put("ndim", ndim);
        o.put("network_type", type);
        List<Object> list = new ArrayList<>();
        for (DenseNet n : nets) list.add(network(n));
        o.put("networks", list);
        o.put("ntypes", t);
        return o;
    }

    static Map<String, Object> network(DenseNet n) {
        Map<String, Object> o = new TreeMapWithOrder();
        boolean fit = n.kind() == DenseNet.Kind.FITTING;
        o.put("@class", fit ? "FittingNetwork" : "EmbeddingNetwork");
        o.put("@version", fit ? 1 : 2);
        o.put("activation_function", n.activation());
        o.put(fit ? "bias_out" : "bias", n.bias());
        o.put("in_dim", n.inDim());
        List<Object> layers = new ArrayList<>();
        for (NetLayer l : n.layers()) layers.add(layer(l));
        o.put("layers", layers);
        o.put("neuron", ints(n.neuron()));
        if (fit) o.put("out_dim", n.outDim());
        o.put("precision", n.precision());
        o.put("resnet_dt", n.resnetDt());
        return o;
    }

    static Map<String, Object> layer(NetLayer l) {
        Map<String, Object> o = new TreeMapWithOrder();
        o.put("@class", "Layer");
        Map<String, Object> vars = new TreeMapWithOrder();
        vars.put("b", l.b() == null ? null : NdArray.of(l.precision(), l.b().clone(), l.nOut()));
        vars.put("idt", l.idt() == null ? null : NdArray.of(l.precision(), l.idt().clone(), l.nOut()));
        vars.put("w", NdArray.of(l.precision(), l.w().clone(), l.nIn(), l.nOut()));
        o.put("@variables", vars);
        o.put("@version", 1);
        o.put("activation_function", l.activation());
        o.put("bias", l.b() != null);
        o.put("precision", l.precision());
        o.put("resnet", l.resnet());
        o.put("use_timestep", l.idt() != null);
        return o;
    }

    /** DeePMD-kit's input script for this model (model_def_script) when none was imported. */
    static Map<String, Object> defaultScript(DeepPotModel m) {
        EnerFitting f = m.fitting();
        Map<String, Object> desc = DescriptorRegistry.forDescriptor(m.descriptor()).script(m.descriptor());
        Map<String, Object> fit = new TreeMapWithOrder();
        fit.put("type", "ener");
        fit.put("neuron", ints(f.neuron()));
        fit.put("resnet_dt", f.resnetDt());
        fit.put("activation_function", f.activation());
        fit.put("precision", f.precision());
        Map<String, Object> s = new TreeMapWithOrder();
        s.put("type_map", new ArrayList<>(m.typeMap()));
        s.put("descriptor", desc);
        s.put("fitting_net", fit);
        return s;
    }

    static List<Object> ints(int[] a) {
        List<Object> l = new ArrayList<>();
        for (int x : a) l.add(x);
        return l;
    }

    /** A sorted map (PyYAML's safe_dump sorts keys; '@' sorts before letters). */
    static final class TreeMapWithOrder extends java.util.TreeMap<String, Object> {
        private static final long serialVersionUID = 1L;
    }
}
