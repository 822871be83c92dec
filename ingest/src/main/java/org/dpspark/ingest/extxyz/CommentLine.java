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

    private CommentLine() {}

    /** Parses a comment line (never throws; malformed text yields whatever pairs could be read). */
    static CommentLine parse(String line) {
        CommentLine c = new CommentLine();
        List<List<StringBuilder>> pairs = new ArrayList<>();
        pairs.add(newPair());
        char closing = 0;
        boolean escaped = false;
        String s = line.strip();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            List<StringBuilder> pair = pairs.get(pairs.size() - 1);
            StringBuilder current = pair.get(pair.size() - 1);
            if (escaped) {
                current.append(ch);
                escaped = false;
            } else if (ch == '\\') {
                escaped = true;
            } else if (closing != 0) {
                if (ch == closing) {
                    closing = 0;
                } else {
                    current.append(ch);
                }
            } else if (ch == '"' || ch == '\'' || ch == '{' || ch == '[') {
                closing = ch == '{' ? '}' : ch == '[' ? ']' : ch;
            } else if (Character.isWhitespace(ch)) {
                if (current.length() > 0) {
                    pairs.add(newPair());
                }
            } else if (ch == '=') {
                if (pair.size() == 1 && current.length() == 0 && pairs.size() > 1) {
                    // "key = value": the '=' belongs to the previous key
                    pairs.remove(pairs.size() - 1);
                    pair = pairs.get(pairs.size() - 1);
                }
                pair.add(new StringBuilder());
            } else {
                current.append(ch);
            }
        }
        for (List<StringBuilder> pair : pairs) {
            String key = pair.get(0).toString();
            if (key.isEmpty() && pair.size() == 1) {
                continue;
            }
            String value;
            if (pair.size() == 1) {
                value = "T";
            } else {
                StringBuilder v = new StringBuilder(pair.get(1));
                for (int k = 2; k < pair.size(); k++) {
                    v.append('=').append(pair.get(k));
                }
                value = v.toString();
            }
            c.keys.add(key);
            c.values.add(value);
        }
        return c;
    }

    private static List<StringBuilder> newPair() {
        List<StringBuilder> p = new ArrayList<>(2);
        p.add(new StringBuilder());
        return p;
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
        List<String> tokens = tokens(value);
        double[] out = new double[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = FastDoubleParser.parse(tokens.get(i));
            } catch (NumberFormatException e) {
                throw new NumberFormatException(key + ": '" + tokens.get(i) + "' is not a number");
            }
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
