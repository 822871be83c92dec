package org.dpspark.model;

import java.util.List;
import java.util.Map;

/**
 * Typed, path-aware access to a DeePMD-kit serialization tree node (a {@code Map} parsed from YAML/JSON,
 * arrays already turned into {@link NdArray}). Every failure names the tree path, so a malformed or
 * unsupported file gives an error that points at the offending key.
 */
public final class TreeAccess {
    public final Map<String, Object> map;
    public final String path;

    TreeAccess(Map<String, Object> map, String path) {
        this.map = map;
        this.path = path;
    }

    public static TreeAccess of(Object node, String path) {
        if (!(node instanceof Map)) {
            throw new IllegalArgumentException("expected a mapping at " + path + ", got " + describe(node));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) node;
        return new TreeAccess(m, path);
    }

    public boolean has(String key) { return map.containsKey(key); }

    public Object raw(String key) { return map.get(key); }

    public Object req(String key) {
        if (!map.containsKey(key)) throw new IllegalArgumentException("missing key '" + key + "' at " + path);
        return map.get(key);
    }

    public TreeAccess child(String key) { return of(req(key), path + "/" + key); }

    public List<?> list(String key) {
        Object v = req(key);
        if (!(v instanceof List)) throw new IllegalArgumentException("expected a list at " + path + "/" + key + ", got " + describe(v));
        return (List<?>) v;
    }

    public String str(String key) {
        Object v = req(key);
        if (!(v instanceof String)) throw new IllegalArgumentException("expected a string at " + path + "/" + key + ", got " + describe(v));
        return (String) v;
    }

    public String strOr(String key, String dflt) { return map.get(key) == null ? dflt : str(key); }

    public double dbl(String key) {
        Object v = req(key);
        if (!(v instanceof Number)) throw new IllegalArgumentException("expected a number at " + path + "/" + key + ", got " + describe(v));
        return ((Number) v).doubleValue();
    }

    public int integer(String key) {
        Object v = req(key);
        if (!(v instanceof Number) || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())) {
            throw new IllegalArgumentException("expected an integer at " + path + "/" + key + ", got " + describe(v));
        }
        return ((Number) v).intValue();
    }

    public int intOr(String key, int dflt) { return map.get(key) == null ? dflt : integer(key); }

    public boolean bool(String key) {
        Object v = req(key);
        if (!(v instanceof Boolean)) throw new IllegalArgumentException("expected a boolean at " + path + "/" + key + ", got " + describe(v));
        return (Boolean) v;
    }

    public boolean boolOr(String key, boolean dflt) { return map.get(key) == null ? dflt : bool(key); }

    public int[] ints(String key) {
        List<?> l = list(key);
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = l.get(i);
            if (!(v instanceof Number)) throw new IllegalArgumentException("expected integers at " + path + "/" + key);
            out[i] = ((Number) v).intValue();
        }
        return out;
    }

    /** An array variable (may be null when {@code nullable}). */
    public NdArray array(String key, boolean nullable) {
        Object v = map.get(key);
        if (v == null) {
            if (nullable) return null;
            throw new IllegalArgumentException("missing array '" + key + "' at " + path);
        }
        if (!(v instanceof NdArray)) throw new IllegalArgumentException("expected an array at " + path + "/" + key + ", got " + describe(v));
        return (NdArray) v;
    }

    /** Checks {@code @class} and a {@code @version} in [1, max]. */
    public void expectClass(String cls, int maxVersion) {
        Object c = map.get("@class");
        if (!cls.equals(c)) {
            throw new UnsupportedModelException("unsupported @class '" + c + "' at " + path + " (expected " + cls + ")");
        }
        int v = intOr("@version", 1);
        if (v < 1 || v > maxVersion) {
            throw new UnsupportedModelException("unsupported @version " + v + " of @class " + cls + " at " + path
                    + " (supported: 1.." + maxVersion + ")");
        }
    }

    /** Fails unless the option is absent, null, false, 0, or an empty list/map. */
    public void requireDefault(String key, String why) {
        Object v = map.get(key);
        boolean dflt = v == null || Boolean.FALSE.equals(v) || (v instanceof Number && ((Number) v).doubleValue() == 0)
                || (v instanceof List && ((List<?>) v).isEmpty()) || (v instanceof Map && ((Map<?, ?>) v).isEmpty());
        if (!dflt) {
            throw new UnsupportedModelException("unsupported option " + key + " = " + v + " at " + path + ": " + why);
        }
    }

    public static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName() + " " + (v instanceof NdArray ? v : String.valueOf(v));
    }
}
