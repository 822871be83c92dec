package org.dpspark.model;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dpspark.core.Elements;

/**
 * Maps the atoms of a frame to type indices 0..T−1 by a type map (names by index, DeePMD's {@code type_map}).
 * An atom gets the index of its type label (the dataset's own label: {@code O}, {@code Fe1}, {@code HW}) when the
 * map names it, or else of its element symbol (so a map {@code ["Fe"]} covers labels {@code Fe1}, {@code Fe2}).
 * An atom matching neither is an error naming the frame, never a silent drop.
 */
public final class TypeMap implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    public TypeMap(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("empty type map");
        }
        this.names = List.copyOf(names);
        for (int t = 0; t < names.size(); t++) {
            if (index.putIfAbsent(names.get(t), t) != null) {
                throw new IllegalArgumentException("type map names " + names.get(t) + " twice: " + names);
            }
        }
    }

    public List<String> names() { return names; }
    public int ntypes() { return names.size(); }

    /**
     * Type index per atom.
     *
     * @param labels type label per atom (n)
     * @param atomicNumbers Z per atom (n)
     * @param frameId for the error message
     * @throws IllegalArgumentException naming the frame, atom, label and element when an atom has no type
     */
    public int[] types(String[] labels, int[] atomicNumbers, String frameId) {
        int[] t = new int[labels.length];
        for (int i = 0; i < t.length; i++) {
            Integer k = index.get(labels[i]);
            if (k == null) {
                k = index.get(Elements.symbol(atomicNumbers[i]));
            }
            if (k == null) {
                throw new IllegalArgumentException("frame " + frameId + ": atom " + i + " (label " + labels[i]
                        + ", element " + Elements.symbol(atomicNumbers[i]) + ") is not in the type map " + names
                        + " (set model.type-map or --type-map)");
            }
            t[i] = k;
        }
        return t;
    }

    @Override
    public String toString() { return names.toString(); }
}
