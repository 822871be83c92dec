package org.dpspark.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * YAML form of DeePMD-kit's serialization tree ({@code save_dp_model}/{@code load_dp_model},
 * deepmd/dpmodel/utils/serialization.py). Arrays are mappings
 * <pre>  {"@class": "np.ndarray", "@is_variable": true, "@version": 1, dtype: float64, value: [[...], ...]}</pre>
 * with {@code value} = {@code ndarray.tolist()} (nested lists; a bare number for a 0-d array). On reading
 * they become {@link NdArray}s; everything else stays as maps, lists, strings, numbers, booleans and nulls.
 *
 * <p>Writing emits block-style YAML that PyYAML's {@code safe_load} reads back to the same tree. Floats are
 * written with Java's round-trip-exact shortest form, adapted to YAML 1.1's float syntax that PyYAML
 * requires (a '.' in the mantissa and a signed exponent: {@code 1.0e-05}, {@code 1.0e+20}; {@code .nan}, {@code .inf}).
 */
public final class DeepPotYaml {
    private DeepPotYaml() {}

    private static YAMLFactory factory() {
        // SnakeYAML refuses documents over 3 MiB by default; a water-sized model ([25,50,100], fitting
        // [240,240,240]) is ~30 MB of YAML.
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(Integer.MAX_VALUE);
        return YAMLFactory.builder()
                .loaderOptions(loader)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
    }

    /**
     * Parses a YAML model tree; np.ndarray mappings become {@link NdArray}s. Read with SnakeYAML's safe loader
     * (the parser under jackson-dataformat-yaml), which resolves anchors and aliases as PyYAML's {@code safe_load}
     * does: PyYAML's {@code dump} writes a value met twice as {@code &id001 [...]} then {@code *id001} (e.g. the
     * descriptor's {@code sel}/{@code type_map} repeated in the fitting). Each alias becomes its own copy. Floats are
     * parsed by {@link Double#valueOf} (exact: the nearest double of the decimal text, as Python's {@code float}),
     * integers as Integer/Long; YAML 1.1 timestamps (a {@code time} key) become their ISO-8601 text.
     */
    public static Map<String, Object> read(Path file) throws IOException {
        Object tree;
        try (InputStream in = Files.newInputStream(file)) {
            tree = loader().load(in);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new IllegalArgumentException(file + ": not a readable YAML model tree: " + e.getMessage(), e);
        }
        if (!(tree instanceof Map)) throw new IllegalArgumentException(file + ": the YAML document is not a mapping");
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) convert(tree, file.toString());
        return root;
    }

    private static Yaml loader() {
        LoaderOptions opts = new LoaderOptions();
        // see factory(): water-sized models are ~30 MB; PyYAML's dump aliases every repeated list (a few per model)
        opts.setCodePointLimit(Integer.MAX_VALUE);
        opts.setMaxAliasesForCollections(10_000);
        DumperOptions dump = new DumperOptions();
        return new Yaml(new SafeConstructor(opts), new Representer(dump), dump, opts);
    }

    private static Object convert(Object node, String path) {
        if (node instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) node;
            if ("np.ndarray".equals(m.get("@class"))) {
                Object dtype = m.get("dtype");
                return NestedLists.toArray(m.get("value"), dtype == null ? "float64" : dtype.toString(), path);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                out.put(k, convert(e.getValue(), path + "/" + k));
            }
            return out;
        }
        if (node instanceof List) {
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (Object x : (List<?>) node) out.add(convert(x, path + "/" + i++));
            return out;
        }
        if (node instanceof java.util.Date d) return d.toInstant().toString();
        return node;
    }

    /** Writes a model tree ({@link NdArray} leaves become np.ndarray mappings). */
    public static void write(Path file, Map<String, Object> tree) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                JsonGenerator g = factory().createGenerator(w)) {
            writeNode(g, tree);
        }
    }

    private static void writeNode(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof NdArray) {
            NdArray a = (NdArray) v;
            g.writeStartObject();
            g.writeStringField("@class", "np.ndarray");
            g.writeBooleanField("@is_variable", true);
            g.writeNumberField("@version", 1);
            g.writeStringField("dtype", a.dtype());
            g.writeFieldName("value");
            writeNested(g, a, 0, 0);
            g.writeEndObject();
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeNode(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List) {
            g.writeStartArray();
            for (Object x : (List<?>) v) writeNode(g, x);
            g.writeEndArray();
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(formatDouble(((Number) v).doubleValue()));
        } else if (v instanceof Number) {
            g.writeNumber(((Number) v).longValue());
        } else {
            g.writeString(v.toString());
        }
    }

    /** Writes dimension {@code depth} of {@code a} starting at flat offset {@code off}. */
    private static void writeNested(JsonGenerator g, NdArray a, int depth, int off) throws IOException {
        int[] shape = a.shape();
        if (depth == shape.length) {
            g.writeNumber(formatDouble(a.data()[off]));
            return;
        }
        int stride = 1;
        for (int k = depth + 1; k < shape.length; k++) stride *= shape[k];
        g.writeStartArray();
        for (int i = 0; i < shape[depth]; i++) writeNested(g, a, depth + 1, off + i * stride);
        g.writeEndArray();
    }

    /**
     * A double as a YAML 1.1 float that PyYAML parses to the same value: Java's {@link Double#toString}
     * (shortest digits that round-trip) with the exponent lower-cased and signed.
     */
    static String formatDouble(double x) {
        if (Double.isNaN(x)) return ".nan";
        if (Double.isInfinite(x)) return x > 0 ? ".inf" : "-.inf";
        String s = Double.toString(x);
        int e = s.indexOf('E');
        if (e < 0) return s;
        String mant = s.substring(0, e);
        String exp = s.substring(e + 1);
        if (!exp.startsWith("-")) exp = "+" + exp;
        return mant + "e" + exp;
    }
}
