package org.dpspark.ingest.deepmd;

import java.util.List;
import org.dpspark.core.Elements;
import org.dpspark.core.RejectReason;
import org.dpspark.core.UnknownElementException;
import org.dpspark.ingest.read.ReadOptions;

/**
 * The per-system part of a DeePMD system: atom types, their names and elements, and whether it is a
 * molecule. Names come from {@code type_map.raw}; when a system has none, from {@link ReadOptions#typeMap()};
 * when neither exists the system is rejected (DeePMD-kit's own files often lack {@code type_map.raw}).
 * A file's {@code type_map.raw} wins over the option.
 *
 * @param location      system folder (or file#group) for messages
 * @param types         shape: natoms, type index per atom
 * @param labels        shape: natoms, type name per atom (e.g. {@code O}, {@code Fe1})
 * @param atomicNumbers shape: natoms
 * @param nopbc         true when an empty {@code nopbc} marks a molecule (no cell, no periodicity)
 */
record DeepmdSystem(String location, int[] types, String[] labels, int[] atomicNumbers, boolean nopbc) {

    int natoms() {
        return types.length;
    }

    /**
     * Resolves names and elements.
     *
     * @param types       content of type.raw, or null when the file is missing
     * @param fileTypeMap names from type_map.raw, empty when the file is missing
     */
    static DeepmdSystem resolve(String location, int[] types, List<String> fileTypeMap, boolean nopbc,
                                ReadOptions options) throws SystemProblem {
        if (types == null) {
            throw new SystemProblem(RejectReason.PARSE_ERROR, location + ": not a DeePMD system: type.raw is missing");
        }
        if (types.length == 0) {
            throw new SystemProblem(RejectReason.EMPTY_FILE, location + ": type.raw lists no atoms");
        }
        List<String> typeMap = fileTypeMap.isEmpty() ? options.typeMap() : fileTypeMap;
        if (typeMap.isEmpty()) {
            throw new SystemProblem(RejectReason.UNKNOWN_ELEMENT, location
                    + ": the system has no type_map.raw, so its type indices name no elements; pass a type map "
                    + "(element names in type-index order, e.g. typeMap [O, H])");
        }
        String[] labels = new String[types.length];
        int[] z = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            int t = types[i];
            if (t < 0 || t >= typeMap.size()) {
                throw new SystemProblem(RejectReason.UNKNOWN_ELEMENT, location + ": atom " + i + " has type " + t
                        + " but the type map " + typeMap + " has " + typeMap.size() + " names");
            }
            labels[i] = typeMap.get(t);
            try {
                z[i] = Elements.atomicNumberOfLabel(labels[i]);
            } catch (UnknownElementException e) {
                throw new SystemProblem(RejectReason.UNKNOWN_ELEMENT, location + ": type map: "
                        + e.getMessage());
            }
        }
        return new DeepmdSystem(location, types, labels, z, nopbc);
    }
}
