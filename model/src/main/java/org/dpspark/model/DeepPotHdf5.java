package org.dpspark.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .dp} (HDF5) form of DeePMD-kit's serialization tree, as {@code save_dp_model} writes it with h5py
 * (deepmd/dpmodel/utils/serialization.py): every array variable becomes a root dataset
 * {@code variable_0000}, {@code variable_0001}, … (in tree-traversal order), the tree itself is JSON in the
 * root attribute {@code json}, with each variable replaced by its dataset path ("/variable_0000").
 * Read and written with the pure-Java io.jhdf library (0.13 writes HDF5; the string attribute and
 * float64/float32 datasets are what h5py needs to read it back).
 */
public final class DeepPotHdf5 {
    private DeepPotHdf5() {}

    /** Reads a {@code .dp} file into a tree with {@link NdArray} leaves. */
    public static Map<String, Object> read(Path file) throws IOException {
        try (HdfFile hdf = new HdfFile(file)) {
            Attribute json = hdf.getAttribute("json");
            if (json == null) throw new IllegalArgumentException(file + ": no root attribute 'json' (not a DeePMD-kit .dp model)");
            Object data = json.getData();
            String text = data instanceof String ? (String) data
                    : data != null && data.getClass().isArray() && Array.getLength(data) == 1 ? String.valueOf(Array.get(data, 0))
                    : String.valueOf(data);
            Object tree = new ObjectMapper().readValue(text, Object.class);
            if (!(tree instanceof Map)) throw new IllegalArgumentException(file + ": attribute 'json' is not a JSON object");
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) resolve(tree, false, hdf, file.toString());
            return root;
        }
    }

    /** traverse_model_dict: leaves under an "@variables" key (any depth) are dataset paths. */
    private static Object resolve(Object node, boolean isVariable, HdfFile hdf, String path) {
        if (node instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
                String k = String.valueOf(e.getKey());
                out.put(k, resolve(e.getValue(), isVariable || k.equals("@variables"), hdf, path + "/" + k));
            }
            return out;
        }
        if (node instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object x : (List<?>) node) out.add(resolve(x, isVariable, hdf, path));
            return out;
        }
        if (node == null || !isVariable) return node;
        if (!(node instanceof String)) throw new IllegalArgumentException("expected a dataset path at " + path + ", got " + node);
        Dataset ds = hdf.getDatasetByPath((String) node);
        int[] dims = ds.getDimensions();
        Object flat = ds.getDataFlat();
        double[] values;
        String dtype;
        if (flat instanceof double[]) {
            values = (double[]) flat;
            dtype = "float64";
        } else if (flat instanceof float[]) {
            float[] f = (float[]) flat;
            values = new double[f.length];
            for (int i = 0; i < f.length; i++) values[i] = f[i];
            dtype = "float32";
        } else if (flat instanceof Double || flat instanceof Float) {
            values = new double[] {((Number) flat).doubleValue()};
            dtype = flat instanceof Double ? "float64" : "float32";
        } else {
            throw new UnsupportedModelException("unsupported dataset type " + ds.getJavaType() + " of " + node + " at " + path);
        }
        return new NdArray(dtype, dims == null ? new int[0] : dims, values);
    }

    /** Writes a tree with {@link NdArray} leaves as a {@code .dp} file. */
    public static void write(Path file, Map<String, Object> tree) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.deleteIfExists(file);
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            int[] counter = {0};
            Object replaced = replace(tree, hdf, counter);
            hdf.putAttribute("json", new ObjectMapper().writeValueAsString(replaced));
        }
    }

    private static Object replace(Object node, WritableHdfFile hdf, int[] counter) {
        if (node instanceof NdArray) {
            NdArray a = (NdArray) node;
            String name = String.format("variable_%04d", counter[0]++);
            hdf.putDataset(name, javaArray(a));
            return "/" + name;
        }
        if (node instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) out.put(String.valueOf(e.getKey()), replace(e.getValue(), hdf, counter));
            return out;
        }
        if (node instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object x : (List<?>) node) out.add(replace(x, hdf, counter));
            return out;
        }
        return node;
    }

    /** A Java multi-dimensional array (double[]…, or float[]… for float32) of the NdArray's shape. */
    private static Object javaArray(NdArray a) {
        boolean f32 = a.dtype().equals("float32");
        int[] shape = a.shape();
        if (shape.length == 0) return f32 ? (Object) new float[] {(float) a.data()[0]} : new double[] {a.data()[0]};
        Object arr = Array.newInstance(f32 ? float.class : double.class, shape);
        fill(arr, a.data(), shape, 0, new int[] {0}, f32);
        return arr;
    }

    private static void fill(Object arr, double[] data, int[] shape, int depth, int[] pos, boolean f32) {
        if (depth == shape.length - 1) {
            if (f32) {
                float[] f = (float[]) arr;
                for (int i = 0; i < f.length; i++) f[i] = (float) data[pos[0]++];
            } else {
                double[] d = (double[]) arr;
                System.arraycopy(data, pos[0], d, 0, d.length);
                pos[0] += d.length;
            }
            return;
        }
        for (int i = 0; i < shape[depth]; i++) fill(Array.get(arr, i), data, shape, depth + 1, pos, f32);
    }
}
