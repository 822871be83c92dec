package org.dpspark.ingest.extxyz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The key=value pairs of an extended-XYZ comment (second) line, parsed as ASE's
 * {@code key_val_str_to_dict} does: values may be quoted with {@code "..."}, {@code '...'},
 * {@code {...}} or {@code [...]} (spaces inside kept), a backslash escapes the next character
 * (so {@code \"} is a literal quote), spaces around {@code =} are allowed, and a bare key is a flag
 * whose value is {@code T}. Values are kept as text; {@link #numbers} and {@link #flags} convert.
 *
 * <p>Look-up is case-insensitive, but an exact-case key wins over other spellings
 * ({@code energy} over {@code Energy} when both are present).
 */
final class CommentLine {
    private final List<String> keys = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private boolean unitKeys;

    private CommentLine() {}

    /** Parses a comment line (never throws; malformed text yields whatever pairs could be read). */
    static CommentLine parse(String line) {
        CommentLine c = new CommentLine();
        String s = line.strip();
        int n = s.length();
        List<List<String>> pairs = new ArrayList<>();
        List<String> parts = new ArrayList<>(2);   // closed parts of the pair being read: key, values
        StringBuilder cur = new StringBuilder(64);  // the part being read
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch == '\\') {
                if (++i < n) {
                    cur.append(s.charAt(i));
                }
            } else if (ch == '"' || ch == '\'' || ch == '{' || ch == '[') {
                char closing = ch == '{' ? '}' : ch == '[' ? ']' : ch;
                int j = i + 1;
                while (j < n && s.charAt(j) != closing) {
                    char q = s.charAt(j);
                    if (q == '\\' && j + 1 < n) {
                        cur.append(s, i + 1, j).append(s.charAt(j + 1));
                        i = j + 1;
                        j = i;
                    }
                    j++;
                }
                cur.append(s, i + 1, Math.min(j, n));
                i = j;
            } else if (Character.isWhitespace(ch)) {
                if (cur.length() > 0) {
                    parts.add(cur.toString());
                    cur.setLength(0);
                    pairs.add(parts);
                    parts = new ArrayList<>(2);
                }
            } else if (ch == '=') {
                if (parts.isEmpty() && cur.length() == 0 && !pairs.isEmpty()) {
                    // "key = value": the '=' belongs to the previous key
                    parts = pairs.remove(pairs.size() - 1);
                } else {
                    parts.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(ch);
            }
        }
        if (cur.length() > 0 || !parts.isEmpty()) {
            parts.add(cur.toString());
            pairs.add(parts);
        }
        for (List<String> pair : pairs) {
            String value;
            if (pair.size() == 1) {
                value = "T";
            } else if (pair.size() == 2) {
                value = pair.get(1);
            } else {
                value = String.join("=", pair.subList(1, pair.size()));
            }
            c.keys.add(pair.get(0));
            c.values.add(value);
            c.unitKeys |= pair.get(0).regionMatches(true, Math.max(0, pair.get(0).length() - 4), "unit", 0, 4)
                    || pair.get(0).regionMatches(true, Math.max(0, pair.get(0).length() - 5), "units", 0, 5);
        }
        return c;
    }

    /** Whether a key ends in {@code unit} or {@code units} (any case): units must be resolved. */
    boolean hasUnitKeys() {
        return unitKeys;
    }

    /** Number of pairs. */
    int size() { return keys.size(); }

    /** Keys in file order. */
    List<String> keys() { return List.copyOf(keys); }

    /** The key as spelled in the file that {@code name} resolves to (exact case first), or null. */
    String keyFor(String name) {
        int i = indexOf(name);
        return i < 0 ? null : keys.get(i);
    }

    /** The value of {@code name} (exact case first, then any case), or null. */
    String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values.get(i);
    }

    boolean has(String name) {
        return indexOf(name) >= 0;
    }

    private int indexOf(String name) {
        int loose = -1;
        for (int i = keys.size() - 1; i >= 0; i--) {
            String k = keys.get(i);
            if (k.equals(name)) {
                return i;
            }
            if (loose < 0 && k.equalsIgnoreCase(name)) {
                loose = i;
            }
        }
        return loose;
    }

    /**
     * The numbers of a value ({@code "1.0 2.0 3"}, {@code [1, 2, 3]}): tokens split on whitespace and
     * commas. Throws {@link NumberFormatException} naming the key when a token is not a number.
     */
    static double[] numbers(String key, String value) {
        int n = value.length();
        byte[] b = new byte[n];
        int count = 0;
        boolean inToken = false;
        for (int i = 0; i < n; i++) {
            char ch = value.charAt(i);
            boolean sep = ch == ',' || ch <= ' ' || Character.isWhitespace(ch);
            b[i] = sep ? (byte) ' ' : ch < 128 ? (byte) ch : (byte) '?';
            if (!sep && !inToken) {
                count++;
            }
            inToken = !sep;
        }
        double[] out = new double[count];
        int[] stop = new int[1];
        int i = 0;
        for (int k = 0; k < count; k++) {
            while (b[i] == ' ') {
                i++;
            }
            try {
                out[k] = FastDoubleParser.scan(b, i, n, stop);
            } catch (NumberFormatException e) {
                int end = i;
                while (end < n && b[end] != ' ') {
                    end++;
                }
                throw new NumberFormatException(key + ": '" + value.substring(i, end) + "' is not a number");
            }
            i = stop[0];
        }
        return out;
    }

    /**
     * Boolean flags of a value such as {@code "T T F"} or {@code True}: one or three of
     * {@code T, F, True, False, 1, 0} (any case). Returns null when the value is not of that form.
     */
    static boolean[] flags(String value) {
        List<String> tokens = tokens(value);
        boolean[] out = new boolean[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            switch (tokens.get(i).toLowerCase(Locale.ROOT)) {
                case "t", "true", "1" -> out[i] = true;
                case "f", "false", "0" -> out[i] = false;
                default -> {
                    return null;
                }
            }
        }
        return out;
    }

    private static List<String> tokens(String value) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && (Character.isWhitespace(value.charAt(i)) || value.charAt(i) == ',')) {
                i++;
            }
            int s = i;
            while (i < n && !Character.isWhitespace(value.charAt(i)) && value.charAt(i) != ',') {
                i++;
            }
            if (i > s) {
                out.add(value.substring(s, i));
            }
        }
        return out;
    }
}
