package org.dpspark.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpspark.model.compress.Compression;

/**
 * An in-memory Deep Potential se_e2_a (or se_e2_r) + energy-fitting model, in DeePMD-kit's own parameterisation, so that
 * it can be imported from and exported to DeePMD-kit's backend-neutral serialization
 * ({@code dp convert-backend} {@code .yaml} / {@code .dp}) without loss, and evaluated by
 * {@code org.dpspark.model.eval.ReferenceEvaluators} (se_e2_a: {@code DeepPotEvaluator}; se_e2_r: {@code SeREvaluator}).
 *
 * <p>Atomic energy of atom i of type t (eV), as DeePMD-kit's {@code DPAtomicModel} + {@code apply_out_stat}:
 * <pre>  E_i = fitting.nets[t](D_i) + fitting.biasAtomE[t] + outBias[t]</pre>
 * ({@code out_std} is stored and exported but, as in DeePMD-kit, not applied to energies).
 *
 * <p>Persistence:
 * <ul>
 *   <li>{@link #importDeepmd(Path)} / {@link #exportDeepmd(Path)}: DeePMD-kit's tree, by extension
 *       ({@code .yaml}/{@code .yml}: YAML; {@code .dp}/{@code .hlo}: HDF5 with the JSON tree in the root attribute
 *       {@code json});</li>
 *   <li>{@link #load(Path)} / {@link #save(Path)}: the dpspark model directory: {@code model.yaml} (the DeePMD-kit
 *       tree) + {@code dpspark-model.json} (artifact version, summary, provenance, training config).</li>
 * </ul>
 *
 * @param typeMap element label per type index (T)
 * @param descriptor the descriptor (a kind registered in {@link DescriptorRegistry}: se_e2_a or se_e2_r)
 * @param fitting energy fitting
 * @param outBias per-type energy shift of the atomic model, T (eV) (DeePMD shape 1×T×1)
 * @param outStd per-type scale, T (DeePMD shape 1×T×1; unused for energies)
 * @param modelDefScript DeePMD-kit's input script of the model (model_def_script), or null to derive one
 * @param deepmdOptions inference-neutral DeePMD-kit options kept for export, keyed "model.preset_out_bias",
 *        "model.rcond", "fitting.tot_ener_zero", "fitting.layer_name", "fitting.use_aparam_as_mask", and
 *        "fitting.mixed_types" (true: one fitting net shared by every type, as DeePMD-kit writes it for DPA-1)
 * @param provenance where the model came from (free-form; e.g. source file, software, version, time)
 * @param training training configuration when dpspark trained it, else null
 * @param compression the embedding nets' tables when the model was compressed ({@code dpspark compress}), else null;
 *        the nets stay (DeePMD-kit export, the uncompressed evaluators), the compressed evaluator uses the tables
 */
public record DeepPotModel(List<String> typeMap, Descriptor descriptor, EnerFitting fitting, double[] outBias,
        double[] outStd, Map<String, Object> modelDefScript, Map<String, Object> deepmdOptions,
        Map<String, Object> provenance, Map<String, Object> training, Compression compression) {

    /** An uncompressed model. */
    public DeepPotModel(List<String> typeMap, Descriptor descriptor, EnerFitting fitting, double[] outBias,
            double[] outStd, Map<String, Object> modelDefScript, Map<String, Object> deepmdOptions,
            Map<String, Object> provenance, Map<String, Object> training) {
        this(typeMap, descriptor, fitting, outBias, outStd, modelDefScript, deepmdOptions, provenance, training, null);
    }

    public DeepPotModel {
        typeMap = List.copyOf(typeMap);
        int t = typeMap.size();
        if (descriptor.ntypes() != t || fitting.ntypes() != t || outBias.length != t || outStd.length != t) {
            throw new IllegalArgumentException("type_map has " + t + " types but descriptor/fitting/out_bias/out_std have "
                    + descriptor.ntypes() + "/" + fitting.ntypes() + "/" + outBias.length + "/" + outStd.length);
        }
        if (fitting.dimDescrpt() != descriptor.dimOut()) {
            throw new IllegalArgumentException("fitting input width " + fitting.dimDescrpt() + " != descriptor width "
                    + descriptor.dimOut());
        }
        deepmdOptions = deepmdOptions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(deepmdOptions));
        provenance = provenance == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        if (compression != null) {
            if (!(descriptor instanceof SeADescriptor d)) {
                throw new UnsupportedModelException("compression is implemented for se_e2_a only, not " + descriptor.type());
            }
            compression.check(d);
        }
    }

    /** Whether the model carries embedding tables ({@link #compression()} non-null). */
    public boolean compressed() { return compression != null; }

    /** Copy with embedding tables (null: uncompressed). */
    public DeepPotModel withCompression(Compression c) {
        return new DeepPotModel(typeMap, descriptor, fitting, outBias, outStd, modelDefScript, deepmdOptions, provenance,
                training, c);
    }

    public int ntypes() { return typeMap.size(); }

    /**
     * The descriptor as se_e2_a, for the paths that implement only se_e2_a without frame/atomic parameters (the batched
     * evaluator, the Aparapi kernels, the SameDiff graph and DL4J vertex, compression); a model with another descriptor
     * or with fparam/aparam is refused there with a message naming it.
     */
    public SeADescriptor seA() {
        if (fitting.hasParams()) {
            throw new UnsupportedModelException("frame/atomic parameters (numb_fparam = " + fitting.numbFparam()
                    + ", numb_aparam = " + fitting.numbAparam() + ") are evaluated by the Java reference evaluator and"
                    + " trained and tested by the training kernel; this path (the batched evaluator, the Aparapi kernels,"
                    + " the SameDiff graph, compression) does not take them");
        }
        return seAWithParams();
    }

    /**
     * The descriptor as se_e2_a, for the paths that also take the fitting's frame/atomic parameters (the training
     * kernel, its batches, its parameter layout); another descriptor is refused with a message naming it.
     */
    public SeADescriptor seAWithParams() {
        if (descriptor instanceof SeADescriptor d) return d;
        throw new UnsupportedModelException("descriptor " + descriptor.type() + " is imported, exported and evaluated by"
                + " the Java reference evaluator (test, simulate), but this path (training, the batched evaluator, the"
                + " kernels) implements only se_e2_a");
    }

    /** r_c, Å. */
    public double rcut() { return descriptor.rcut(); }

    /** Copy with other provenance and training config. */
    public DeepPotModel withMetadata(Map<String, Object> newProvenance, Map<String, Object> newTraining) {
        return new DeepPotModel(typeMap, descriptor, fitting, outBias, outStd, modelDefScript, deepmdOptions, newProvenance,
                newTraining, compression);
    }

    /**
     * Copy with {@code shift[t]} (eV) added to the atomic-energy shift {@link #outBias} of each type t, as DeePMD-kit's
     * {@code dp change-bias} does: energies move by Σ_i shift[t_i], forces and virials are unchanged.
     */
    public DeepPotModel withOutBiasShift(double[] shift) {
        if (shift.length != ntypes()) throw new IllegalArgumentException(shift.length + " shifts for " + ntypes() + " types");
        double[] b = outBias.clone();
        for (int t = 0; t < b.length; t++) b[t] += shift[t];
        return new DeepPotModel(typeMap, descriptor, fitting, b, outStd, modelDefScript, deepmdOptions, provenance, training);
    }

    /**
     * Copy with other weights (se_e2_a or se_e2_r): {@code embeddings} in the descriptor's order and {@code fittingNets}
     * one per type, of the same architecture; statistics, biases and metadata as here; uncompressed (tables of other weights would not fit).
     */
    public DeepPotModel withNets(List<DenseNet> embeddings, List<DenseNet> fittingNets) {
        Descriptor d2;
        if (descriptor instanceof SeRDescriptor r) {
            d2 = new SeRDescriptor(r.rcut(), r.rcutSmth(), r.sel(), r.neuron(), r.typeOneSide(), r.resnetDt(), r.activation(),
                    r.precision(), r.setDavgZero(), r.trainable(), r.davg(), r.dstd(), embeddings);
        } else {
            SeADescriptor d = seAWithParams();
            d2 = new SeADescriptor(d.rcut(), d.rcutSmth(), d.sel(), d.neuron(), d.axisNeuron(), d.typeOneSide(), d.resnetDt(),
                    d.activation(), d.precision(), d.setDavgZero(), d.trainable(), d.davg(), d.dstd(), embeddings);
        }
        EnerFitting f2 = fitting.withNets(fittingNets);
        return new DeepPotModel(typeMap, d2, f2, outBias, outStd, modelDefScript, deepmdOptions, provenance, training);
    }

    /** Reads a DeePMD-kit serialized model ({@code .yaml}/{@code .yml} or {@code .dp}/{@code .hlo}). */
    public static DeepPotModel importDeepmd(Path file) throws IOException {
        Map<String, Object> root = isHdf5(file) ? DeepPotHdf5.read(file) : DeepPotYaml.read(file);
        return DeepmdTree.fromTree(root, file.toString());
    }

    /** Writes this model as a DeePMD-kit serialized model ({@code .yaml}/{@code .yml} or {@code .dp}/{@code .hlo}). */
    public void exportDeepmd(Path file) throws IOException {
        Map<String, Object> root = DeepmdTree.toTree(this);
        if (isHdf5(file)) {
            DeepPotHdf5.write(file, root);
        } else {
            DeepPotYaml.write(file, root);
        }
    }

    /**
     * Reads a model wherever it lies: a dpspark model directory ({@link #load}) or a DeePMD-kit file
     * ({@link #importDeepmd}: {@code .yaml}/{@code .yml}/{@code .dp}/{@code .hlo}).
     *
     * @throws IllegalArgumentException when {@code path} is neither
     */
    public static DeepPotModel read(Path path) throws IOException {
        if (java.nio.file.Files.isDirectory(path)) return load(path);
        if (java.nio.file.Files.isRegularFile(path)) return importDeepmd(path);
        throw new IllegalArgumentException("model not found: " + path + " (a model directory or a DeePMD-kit .yaml/.dp file)");
    }

    /** Loads a dpspark model directory (see {@link ModelDirectory}). */
    public static DeepPotModel load(Path dir) throws IOException {
        return ModelDirectory.load(dir);
    }

    /** Saves this model as a dpspark model directory (see {@link ModelDirectory}); creates {@code dir}. */
    public void save(Path dir) throws IOException {
        ModelDirectory.save(this, dir);
    }

    private static boolean isHdf5(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".dp") || name.endsWith(".hlo")) return true;
        if (name.endsWith(".yaml") || name.endsWith(".yml")) return false;
        throw new IllegalArgumentException("unknown DeePMD-kit model extension (need .yaml, .yml, .dp or .hlo): " + file);
    }
}
