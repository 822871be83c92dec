package org.dpspark.ingest.vasp;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.Elements;

/**
 * The species line of a VASP 5 POSCAR/CONTCAR next to an OUTCAR: line 6 (after the comment, the scale and
 * the three lattice vectors) holds element symbols, line 7 the counts. A VASP 4 file (counts on line 6, no
 * symbols), a missing or unreadable file gives no names; so does a line 6 whose words are not all element
 * symbols (POTCAR-style suffixes such as {@code Ti_sv} are cut at '_' or '/').
 */
final class PoscarSpecies {
    private static final String[] NAMES = {"POSCAR", "CONTCAR"};

    private PoscarSpecies() {}

    /** The species of the first POSCAR/CONTCAR in {@code outcar}'s folder that names them; empty if none does. */
    static List<String> beside(Path outcar) {
        Path dir = outcar == null ? null : outcar.toAbsolutePath().getParent();
        if (dir == null) {
            return List.of();
        }
        for (String name : NAMES) {
            List<String> s = read(dir.resolve(name));
            if (!s.isEmpty()) {
                return s;
            }
        }
        return List.of();
    }

    private static List<String> read(Path poscar) {
        if (!Files.isRegularFile(poscar)) {
            return List.of();
        }
        try (BufferedReader r = Files.newBufferedReader(poscar, StandardCharsets.ISO_8859_1)) {
            String line = null;
            for (int i = 0; i < 6; i++) {
                line = r.readLine();
                if (line == null) {
                    return List.of();
                }
            }
            List<String> out = new ArrayList<>();
            for (String word : line.trim().split("\\s+")) {
                String symbol = word.split("[_/]", 2)[0];
                if (!Elements.isSymbol(symbol)) {
                    return List.of();
                }
                out.add(symbol);
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }
}
