package org.dpspark.ingest.vasp;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.Elements;
import org.dpspark.core.RejectReason;
import org.dpspark.core.UnknownElementException;
import org.dpspark.ingest.text.ParseFailure;

/**
 * The species of a VASP run in POTCAR order and the number of ions of each ({@code ions per type = 2 4}).
 * The names are taken from the first source that names every species, in this order:
 * <ol>
 *   <li>one {@code VRHFIN =O: ...} line per species;</li>
 *   <li>one {@code TITEL  = PAW_PBE Sn_d ...} line per species (suffix after '_' dropped, as dpdata does);</li>
 *   <li>the {@code POTCAR:    PAW_PBE Ti 08Apr2002} lines near the top: VASP prints one per species, then
 *       repeats the first one before the pseudopotential details, so the first {@code nspecies} of them are
 *       the species in order. An OUTCAR written with {@code NWRITE = 0} has only these (no VRHFIN/TITEL);</li>
 *   <li>the species line of a VASP 5 {@code POSCAR} (or {@code CONTCAR}) in the OUTCAR's folder;</li>
 *   <li>the user's type map ({@code --type-map}, {@link org.dpspark.ingest.read.ReadOptions#typeMap()}),
 *       read as the species in POTCAR order, when it has exactly {@code nspecies} names.</li>
 * </ol>
 * When none does, the file is rejected naming what was missing and how to supply it.
 */
final class VaspSpecies {
    private final List<String> vrhfin = new ArrayList<>();
    private final List<String> titel = new ArrayList<>();
    private final List<String> potcar = new ArrayList<>();
    private final List<String> typeMap;
    private final java.nio.file.Path outcar;

    /**
     * @param outcar  the OUTCAR's path (its folder is searched for a POSCAR when the header names no species)
     * @param typeMap the user's species in POTCAR order, the last resort; empty when not given
     */
    VaspSpecies(java.nio.file.Path outcar, List<String> typeMap) {
        this.outcar = outcar;
        this.typeMap = List.copyOf(typeMap);
    }
    private int[] counts;
    private int countsLine;
    private int nions = -1;

    /** Feeds one header line; returns true when the line was a species/count line. */
    boolean accept(String line, int lineNo) {
        String t = line.trim();
        if (t.startsWith("VRHFIN")) {
            int eq = t.indexOf('=');
            int colon = t.indexOf(':', eq + 1);
            vrhfin.add((colon > eq ? t.substring(eq + 1, colon) : t.substring(eq + 1)).trim());
            return true;
        }
        if (t.startsWith("TITEL")) {
            String[] tok = t.substring(t.indexOf('=') + 1).trim().split("\\s+");
            String name = tok.length >= 2 ? tok[1] : tok[0];
            titel.add(elementPart(name));
            return true;
        }
        if (t.startsWith("POTCAR:")) {
            String[] tok = t.substring(7).trim().split("\\s+");
            if (tok.length >= 2) {
                potcar.add(elementPart(tok[1]));
            }
            return true;
        }
        if (t.startsWith("ions per type")) {
            String[] tok = t.substring(t.indexOf('=') + 1).trim().split("\\s+");
            counts = new int[tok.length];
            for (int i = 0; i < tok.length; i++) {
                counts[i] = org.dpspark.ingest.text.Numbers.parseInt(tok[i], lineNo, "ions per type");
            }
            countsLine = lineNo;
            return true;
        }
        int k = t.indexOf("NIONS =");
        if (k >= 0) {
            String[] tok = t.substring(k + 7).trim().split("\\s+");
            nions = org.dpspark.ingest.text.Numbers.parseInt(tok[0], lineNo, "NIONS");
            return true;
        }
        return false;
    }

    /** Whether counts were read. */
    boolean known() {
        return counts != null;
    }

    /** Total number of ions. */
    int natoms() {
        require();
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    /** Type label per atom (shape: natoms). */
    String[] labels() {
        require();
        List<String> names = names();
        String[] out = new String[natoms()];
        int a = 0;
        for (int s = 0; s < counts.length; s++) {
            for (int i = 0; i < counts[s]; i++) {
                out[a++] = names.get(s);
            }
        }
        return out;
    }

    /** The species names in POTCAR order (size nspecies), from the first source that names them all. */
    private List<String> names() {
        int n = counts.length;
        if (vrhfin.size() == n) {
            return vrhfin;
        }
        if (titel.size() == n) {
            return titel;
        }
        if (potcar.size() >= n && potcar.size() <= 2 * n) {
            return potcar.subList(0, n);
        }
        List<String> poscar = PoscarSpecies.beside(outcar);
        if (poscar.size() == n) {
            return poscar;
        }
        if (typeMap.size() == n) {
            return typeMap;
        }
        throw new ParseFailure(RejectReason.PARSE_ERROR, countsLine, "cannot tell the species: 'ions per type' lists " + n
                + " species but the header names " + vrhfin.size() + " (VRHFIN) / " + titel.size() + " (TITEL) / "
                + potcar.size() + " (POTCAR:), there is no VASP 5 POSCAR beside the OUTCAR"
                + (poscar.isEmpty() ? "" : " naming " + n + " (it names " + poscar + ")")
                + ", and the type map " + (typeMap.isEmpty() ? "is not given" : typeMap + " does not have " + n + " names")
                + " (give --type-map with the species in POTCAR order)");
    }

    /** "Sn_d" -> "Sn", "H.75" -> "H": the element part of a POTCAR name. */
    private static String elementPart(String name) {
        int cut = name.length();
        for (char c : new char[] {'_', '.'}) {
            int k = name.indexOf(c);
            if (k > 0) {
                cut = Math.min(cut, k);
            }
        }
        return name.substring(0, cut);
    }

    /** Atomic number per atom (shape: natoms). */
    int[] atomicNumbers(String[] labels) {
        int[] z = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            try {
                z[i] = Elements.atomicNumberOfLabel(labels[i]);
            } catch (UnknownElementException e) {
                throw new ParseFailure(RejectReason.UNKNOWN_ELEMENT, countsLine, "POTCAR species: " + e.getMessage());
            }
        }
        return z;
    }

    private void require() {
        if (counts == null) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, 0, "no 'ions per type =' line in the OUTCAR header");
        }
        if (nions >= 0) {
            int n = 0;
            for (int c : counts) {
                n += c;
            }
            if (n != nions) {
                throw new ParseFailure(RejectReason.SHAPE_MISMATCH, countsLine,
                        "'ions per type' sums to " + n + " but NIONS = " + nions);
            }
        }
    }
}
