package org.dpspark.ingest.label;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dpspark.core.Elements;

/**
 * CP2K's basis set and pseudopotential libraries (cp2k-data: {@code BASIS_MOLOPT}, {@code GTH_POTENTIALS}): which
 * names each element has. An entry's header line is {@code Element name [alias ...]}, e.g.
 * {@code Si DZVP-MOLOPT-SR-GTH DZVP-MOLOPT-SR-GTH-q4} or {@code Si GTH-PBE-q4 GTH-PBE}; CP2K accepts any of the names.
 */
public final class Cp2kData {
    private Cp2kData() {}

    /**
     * Checks that every element of {@code symbols} has its basis set and pseudopotential in the libraries.
     *
     * @throws IllegalArgumentException one line naming the element, the name and the file
     */
    public static void check(Cp2kSettings s, Collection<String> symbols) {
        if (!s.template().isEmpty()) return; // an expert template names its own files
        Path basis = Path.of(s.dataDir(), s.basisFile());
        Path pot = Path.of(s.dataDir(), s.potentialFile());
        Set<String> b = names(basis), p = names(pot);
        for (String given : symbols) {
            String el = given;
            if (!Elements.isSymbol(el)) throw new IllegalArgumentException("cp2k labeler: '" + el + "' is not an element symbol");
            int z = Elements.atomicNumber(el);
            el = Elements.symbol(z);
            if (!b.contains(el + " " + s.basisOf(z))) {
                throw new IllegalArgumentException("cp2k labeler: no basis set " + s.basisOf(z) + " for " + el + " in " + basis
                        + " (set loop.labeler.cp2k.basis-per-element." + el + ")");
            }
            if (!p.contains(el + " " + s.potentialOf(z))) {
                throw new IllegalArgumentException("cp2k labeler: no pseudopotential " + s.potentialOf(z) + " for " + el + " in "
                        + pot + " (set loop.labeler.cp2k.potential-per-element." + el + ")");
            }
        }
    }

    /** "Element name" for every name of every entry header in a library file. */
    static Set<String> names(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cp2k labeler: no library file " + file + ": apt-get install cp2k-data"
                    + " (or set loop.labeler.cp2k.data-dir)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cp2k labeler: cannot read " + file + ": " + e.getMessage());
        }
        Set<String> out = new HashSet<>();
        for (String l : lines) {
            String t = l.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] tok = t.split("\\s+");
            if (tok.length < 2 || !Elements.isSymbol(tok[0]) || Character.isDigit(tok[1].charAt(0))) continue;
            String el = Elements.symbol(Elements.atomicNumber(tok[0]));
            for (int i = 1; i < tok.length; i++) out.add(el + " " + tok[i]);
        }
        return out;
    }
}
