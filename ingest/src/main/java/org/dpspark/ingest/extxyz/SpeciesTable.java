package org.dpspark.ingest.extxyz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.dpspark.core.Elements;
import org.dpspark.core.UnknownElementException;

/**
 * Species tokens of atom lines → (label, Z), remembered per reader so that a label is decoded and
 * resolved once per file, not once per atom. A label resolves as {@link Elements#atomicNumberOfLabel}
 * does ({@code O}, {@code si}, {@code Fe1}, {@code OW}); an unresolvable label has Z = -1, and an unsafe
 * one (a path separator, {@code ..}, whitespace: see {@link Elements#labelProblem}) also has a problem.
 */
final class SpeciesTable {
    private byte[][] keys = new byte[8][];
    private String[] labels = new String[8];
    private int[] numbers = new int[8];
    private String[] problems = new String[8];
    private int size;
    private int last;  // index of the last hit: consecutive atoms are often the same species

    /** Index of the entry for bytes {@code [s, e)} of {@code b}, adding it when new. */
    int lookup(byte[] b, int s, int e) {
        if (size > 0 && same(keys[last], b, s, e)) {
            return last;
        }
        for (int i = 0; i < size; i++) {
            if (same(keys[i], b, s, e)) {
                last = i;
                return i;
            }
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            labels = Arrays.copyOf(labels, size * 2);
            numbers = Arrays.copyOf(numbers, size * 2);
            problems = Arrays.copyOf(problems, size * 2);
        }
        keys[size] = Arrays.copyOfRange(b, s, e);
        String label = new String(b, s, e - s, StandardCharsets.UTF_8);
        labels[size] = label;
        int z;
        try {
            z = Elements.atomicNumberOfLabel(label);
        } catch (UnknownElementException ex) {
            z = -1;
        }
        numbers[size] = z;
        problems[size] = Elements.labelProblem(label);
        last = size;
        return size++;
    }

    /** The label of an entry, as written in the file. */
    String label(int entry) {
        return labels[entry];
    }

    /** Why the label of an entry is unsafe, or null when it is safe. */
    String problem(int entry) {
        return problems[entry];
    }

    /** Z of an entry, or -1 when the label names no element. */
    int atomicNumber(int entry) {
        return numbers[entry];
    }

    private static boolean same(byte[] key, byte[] b, int s, int e) {
        int n = e - s;
        if (key.length != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (key[i] != b[s + i]) {
                return false;
            }
        }
        return true;
    }
}
