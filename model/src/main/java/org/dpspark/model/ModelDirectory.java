package org.dpspark.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dpspark.model.compress.CompressionFiles;

/**
 * The dpspark model directory:
 * <pre>
 *   &lt;dir&gt;/model.yaml           DeePMD-kit serialization tree of the weights (see {@link DeepPotYaml}); DeePMD-kit
 *                                can take it directly ({@code dp convert-backend model.yaml model.pth})
 *   &lt;dir&gt;/dpspark-model.json   {"artifact_version": 1, "type_map", "rcut", "rcut_smth", "sel", "descriptor",
 *                                "embedding_neuron", "axis_neuron", "type_one_side", "fitting_neuron", "resnet_dt",
 *                                "activation", "precision", "provenance", "training" (when present)}
 * </pre>
 * The JSON summary is informative except for {@code artifact_version}, {@code provenance},
 * {@code training} and {@code compression}; the weights and hyper-parameters come from model.yaml, and loading fails
 * if the summary's type map, cutoffs or sel disagree with it.
 *
 * <p>A compressed model ({@code dpspark compress}) is artifact version 2: the summary also holds
 * {@code "compressed": true} and {@code "compression"} (settings and table grids,
 * {@link org.dpspark.model.compress.CompressionFiles#summary}), the tables lie in {@code <dir>/compression/}, and
 * model.yaml keeps the uncompressed nets. Versions 1 and 2 are read; a dpspark that knows only version 1 refuses a
 * compressed directory instead of running it uncompressed. Other versions are refused.
 */
public final class ModelDirectory {
    /** The artifact version of an uncompressed model directory. */
    public static final int ARTIFACT_VERSION = 1;
    /** The artifact version of a compressed model directory (tables beside the nets). */
    public static final int COMPRESSED_ARTIFACT_VERSION = 2;
    public static final String MODEL_FILE = "model.yaml";
    public static final String META_FILE = "dpspark-model.json";

    private ModelDirectory() {}

    static void save(DeepPotModel m, Path dir) throws IOException {
        Files.createDirectories(dir);
        m.exportDeepmd(dir.resolve(MODEL_FILE));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("artifact_version", m.compressed() ? COMPRESSED_ARTIFACT_VERSION : ARTIFACT_VERSION);
        meta.put("compressed", m.compressed());
        meta.put("format", "dpspark Deep Potential model (DeePMD-kit dpmodel serialization in " + MODEL_FILE + ")");
        meta.put("type_map", m.typeMap());
        Descriptor desc = m.descriptor();
        meta.put("descriptor", desc.type());
        meta.put("rcut", desc.rcut());
        meta.put("rcut_smth", desc.rcutSmth());
        meta.put("sel", desc.sel());
        if (desc instanceof SeADescriptor d) {
            meta.put("embedding_neuron", d.neuron());
            meta.put("axis_neuron", d.axisNeuron());
            meta.put("type_one_side", d.typeOneSide());
            meta.put("embedding_resnet_dt", d.resnetDt());
        }
        meta.put("fitting", "ener");
        meta.put("fitting_neuron", m.fitting().neuron());
        meta.put("fitting_resnet_dt", m.fitting().resnetDt());
        meta.put("activation", desc instanceof SeADescriptor d ? d.activation() : m.fitting().activation());
        meta.put("precision", desc.precision());
        meta.put("provenance", m.provenance());
        if (m.training() != null) meta.put("training", m.training());
        if (m.compressed()) {
            meta.put("compression", CompressionFiles.summary(m.compression()));
            CompressionFiles.writeTables(m.compression(), dir);
        }
        mapper().writeValue(dir.resolve(META_FILE).toFile(), meta);
    }

    static DeepPotModel load(Path dir) throws IOException {
        Path metaFile = dir.resolve(META_FILE);
        if (!Files.isRegularFile(metaFile)) throw new IOException("not a dpspark model directory (no " + META_FILE + "): " + dir);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = mapper().readValue(metaFile.toFile(), Map.class);
        Object v = meta.get("artifact_version");
        int version = v instanceof Number n ? n.intValue() : -1;
        if (version != ARTIFACT_VERSION && version != COMPRESSED_ARTIFACT_VERSION) {
            throw new UnsupportedModelException(metaFile + ": unsupported artifact_version " + v + " (this dpspark reads "
                    + ARTIFACT_VERSION + " and " + COMPRESSED_ARTIFACT_VERSION + ")");
        }
        boolean compressed = Boolean.TRUE.equals(meta.get("compressed")) || meta.containsKey("compression");
        if (compressed != (version == COMPRESSED_ARTIFACT_VERSION)) {
            throw new UnsupportedModelException(metaFile + ": artifact_version " + version + " but compressed = " + compressed
                    + " (version " + COMPRESSED_ARTIFACT_VERSION + " is exactly the compressed models)");
        }
        DeepPotModel m = DeepPotModel.importDeepmd(dir.resolve(MODEL_FILE));
        check(meta, "type_map", m.typeMap(), metaFile);
        check(meta, "rcut", m.descriptor().rcut(), metaFile);
        check(meta, "rcut_smth", m.descriptor().rcutSmth(), metaFile);
        check(meta, "sel", java.util.Arrays.stream(m.descriptor().sel()).boxed().toList(), metaFile);
        @SuppressWarnings("unchecked")
        Map<String, Object> prov = meta.get("provenance") instanceof Map ? (Map<String, Object>) meta.get("provenance") : Map.of();
        @SuppressWarnings("unchecked")
        Map<String, Object> training = meta.get("training") instanceof Map ? (Map<String, Object>) meta.get("training") : null;
        m = m.withMetadata(prov, training);
        if (compressed) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) meta.get("compression");
            if (c == null) throw new IllegalArgumentException(metaFile + ": compressed but no \"compression\" entry");
            m = m.withCompression(CompressionFiles.read(c, dir));
        }
        return m;
    }

    private static void check(Map<String, Object> meta, String key, Object expected, Path file) {
        Object got = meta.get(key);
        boolean same = got instanceof Number && expected instanceof Number
                ? ((Number) got).doubleValue() == ((Number) expected).doubleValue()
                : String.valueOf(got).equals(String.valueOf(expected));
        if (!same) throw new IllegalArgumentException(file + ": " + key + " = " + got + " disagrees with " + MODEL_FILE + " (" + expected + ")");
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
